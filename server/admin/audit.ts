import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { paginate } from '../pagination';
import { validationHook } from '../validation';
import { auditLog } from './routes';

export const auditRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
auditRouter.use('/api/v1/audit', authenticate, requireRole('admin'));

auditRouter.openapi(auditLog, async (c) => {
  const q = c.req.valid('query');
  let query = c.var.db.selectFrom('audit_log').selectAll().where('org_id', '=', c.var.principal.orgId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
  if (q.to) query = query.where('at', '<', new Date(q.to).toISOString());
  const { rows, next } = await paginate(query, { columns: ['at', 'id'], direction: 'desc' }, q);
  return c.json(
    {
      entries: rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      next,
    },
    200,
  );
});
