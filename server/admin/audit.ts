import { OpenAPIHono } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { validationHook } from '../validation';
import { auditLog } from './routes';

export const auditRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
auditRouter.use('/api/v1/audit', authenticate, requireRole('admin'));

/** Cursor: the last entry's time and id, so pages stay stable while new entries arrive. */
const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')
      ? (value as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}

auditRouter.openapi(auditLog, async (c) => {
  const q = c.req.valid('query');
  let query = c.var.db.selectFrom('audit_log').selectAll().where('org_id', '=', c.var.principal.orgId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('at', '>=', new Date(q.from).toISOString());
  if (q.to) query = query.where('at', '<', new Date(q.to).toISOString());
  if (q.cursor) {
    const after = decodeCursor(q.cursor);
    if (!after)
      return apiError(c, 400, 'invalid_request', 'Invalid query', [
        { path: 'cursor', message: 'Not a cursor from this API' },
      ]);
    const [at, id] = after;
    query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return c.json(
    {
      entries: page.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      next: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
    },
    200,
  );
});
