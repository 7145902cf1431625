import { OpenAPIHono } from '@hono/zod-openapi';
import { QualitySettings } from '../../lib/schema/quality';
import { ensureQualityDefaults } from '../alerts/alerts.defaults';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { validationHook } from '../validation';
import { getQualitySettings, updateQualitySettings } from './quality.routes';
import { readQualitySettings } from './quality.store';

export const qualityRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
qualityRouter.use('/api/v1/quality-settings', authenticate, requireRole('lead', 'trainer', 'admin'));
qualityRouter.patch('/api/v1/quality-settings', requireRole('admin'));

qualityRouter.openapi(getQualitySettings, async (c) => {
  return c.json(await readQualitySettings(c.var.db, c.var.principal.orgId), 200);
});

qualityRouter.openapi(updateQualitySettings, async (c) => {
  const patch = c.req.valid('json');
  const { db, principal } = c.var;
  await ensureQualityDefaults(db, principal.orgId);
  const before = await readQualitySettings(db, principal.orgId);
  const after = QualitySettings.parse({ ...before, ...patch });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('quality_settings')
      .set({ settings: JSON.stringify(after), updated_at: new Date().toISOString() })
      .where('org_id', '=', principal.orgId)
      .execute();
    await recordAudit(trx, principal, {
      action: 'quality_settings.update',
      targetType: 'quality_settings',
      targetId: principal.orgId,
      details: { before, after },
    });
  });
  return c.json(after, 200);
});
