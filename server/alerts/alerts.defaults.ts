import type { Kysely } from 'kysely';
import type { AlertRuleInput } from '../../lib/schema/alerts';
import { DEFAULT_QUALITY_SETTINGS } from '../../lib/schema/quality';
import type { Database } from '../db/schema';
import { ruleRow } from './alerts.rows';

/**
 * The programmes' figures (shared/PRODUCT.md, "Watch and act" and "Keep the promises"), read for every team:
 * the 90% satisfaction target, a red line ten points beneath it, a fall of more than 5% quarter on quarter, an
 * SLA attainment floor and the 15-minute first response.
 */
export const DEFAULT_ALERT_RULES: (AlertRuleInput & { key: string })[] = [
  {
    key: 'csat-quarter-drop',
    name: 'Satisfaction fell more than 5% quarter on quarter',
    metric: 'csat',
    scope: { type: 'org', eachTeam: true },
    condition: { kind: 'change', direction: 'below', percent: 5 },
    windowDays: 90,
    level: 'orange',
    minimumN: 20,
    enabled: true,
  },
  {
    key: 'csat-below-target',
    name: 'CSAT below the 90% target (last 30 days)',
    metric: 'csat',
    scope: { type: 'org', eachTeam: true },
    condition: { kind: 'threshold', direction: 'below', value: 90 },
    windowDays: 30,
    level: 'yellow',
    minimumN: 20,
    enabled: true,
  },
  {
    key: 'csat-below-red',
    name: 'CSAT below 80% (last 30 days)',
    metric: 'csat',
    scope: { type: 'org', eachTeam: true },
    condition: { kind: 'threshold', direction: 'below', value: 80 },
    windowDays: 30,
    level: 'red',
    minimumN: 20,
    enabled: true,
  },
  {
    key: 'sla-floor',
    name: 'SLA attainment below 90% (last 7 days)',
    metric: 'sla_attainment',
    scope: { type: 'org', eachTeam: true },
    condition: { kind: 'threshold', direction: 'below', value: 90 },
    windowDays: 7,
    level: 'orange',
    minimumN: 20,
    enabled: true,
  },
  {
    key: 'first-reply-15-minutes',
    name: 'Median first reply over 15 minutes (last 7 days)',
    metric: 'first_reply_median',
    scope: { type: 'org', eachTeam: true },
    condition: { kind: 'threshold', direction: 'above', value: 15 },
    windowDays: 7,
    level: 'yellow',
    minimumN: 20,
    enabled: true,
  },
];

/**
 * Gives an organisation its quality settings and default alert rules, once: the settings row is the marker, so a
 * default rule an admin deleted does not come back, and two instances seeding at once seed once.
 */
export async function ensureQualityDefaults(db: Kysely<Database>, orgId: string, now = new Date()): Promise<void> {
  const present = await db
    .selectFrom('quality_settings')
    .select('org_id')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (present) return;
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('quality_settings')
      .values({ org_id: orgId, settings: JSON.stringify(DEFAULT_QUALITY_SETTINGS), updated_at: at })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .returning('org_id')
      .executeTakeFirst();
    if (!claimed) return;
    for (const { key, ...rule } of DEFAULT_ALERT_RULES)
      await trx
        .insertInto('alert_rules')
        .values(ruleRow(`rule_${key}_${orgId}`, orgId, rule, at, true))
        .execute();
  });
}
