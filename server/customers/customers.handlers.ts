import type { Kysely } from 'kysely';
import type { CustomerLookupResponse } from '../../lib/schema/api';
import { CustomerProfile, type CustomerProfileInput, type TierRuleSet } from '../../lib/schema/tiers';
import { DEFAULT_TIER_RULES, evaluateTier } from '../../lib/tiers';
import type { Database } from '../db/schema';

/** Find a customer by helpdesk requester id first (exact), then by email; evaluate their tier with its reasons. */
export async function lookupCustomer(
  db: Kysely<Database>,
  orgId: string,
  query: { email?: string; requesterId?: string; helpdesk?: string },
  /** The org's (or the caller's team's) tier rules; the built-in ones when none are configured. */
  tierRules: TierRuleSet = DEFAULT_TIER_RULES,
): Promise<CustomerLookupResponse | undefined> {
  let row: { profile: string } | undefined;
  if (query.requesterId && query.helpdesk) {
    row = await db
      .selectFrom('customers')
      .select('profile')
      .where('org_id', '=', orgId)
      .where('helpdesk', '=', query.helpdesk)
      .where('requester_id', '=', query.requesterId)
      .executeTakeFirst();
  }
  if (!row && query.email) {
    row = await db
      .selectFrom('customers')
      .select('profile')
      .where('org_id', '=', orgId)
      .where('email', '=', query.email.toLowerCase())
      .executeTakeFirst();
  }
  const scores = await lastScores(db, orgId, query);
  if (!row && !scores.lastCsat) return undefined;
  const crm = CustomerProfile.parse(row ? JSON.parse(row.profile) : { email: query.email });
  // Scores agents recorded in DeskLens are newer than a CRM export's; the CRM's stand where DeskLens has none.
  const customer = { ...crm, ...scores };
  const result = evaluateTier(customer, tierRules);
  return { customer, tier: result.tier, lifecycle: result.lifecycle, reasons: result.reasons };
}

/** The customer's newest counted CSAT and NPS recorded in DeskLens (any agent of the organisation). */
async function lastScores(
  db: Kysely<Database>,
  orgId: string,
  query: { email?: string; requesterId?: string; helpdesk?: string },
): Promise<{ lastCsat?: number; lastNps?: number }> {
  const newest = (withNps: boolean) =>
    db
      .selectFrom('feedback')
      .select(['csat', 'nps'])
      .where('org_id', '=', orgId)
      .where('is_current', '=', 1)
      .where('retracted', '=', 0)
      .where((eb) => {
        const keys = [];
        if (query.email) keys.push(eb('customer_email', '=', query.email.toLowerCase()));
        if (query.requesterId && query.helpdesk)
          keys.push(eb.and([eb('helpdesk', '=', query.helpdesk), eb('customer_id', '=', query.requesterId)]));
        return eb.or(keys);
      })
      .$if(withNps, (qb) => qb.where('nps', 'is not', null))
      .orderBy('occurred_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  if (!query.email && !(query.requesterId && query.helpdesk)) return {};
  const [csat, nps] = await Promise.all([newest(false), newest(true)]);
  return {
    ...(csat ? { lastCsat: csat.csat } : {}),
    ...(nps?.nps !== null && nps?.nps !== undefined ? { lastNps: nps.nps } : {}),
  };
}

/** Insert or replace customers (demo seed, CRM import), validated first so nothing invalid is stored. */
export async function upsertCustomers(
  db: Kysely<Database>,
  orgId: string,
  customers: { id: string; helpdesk?: string; requesterId?: string; profile: CustomerProfileInput }[],
  now = new Date(),
): Promise<void> {
  const rows = customers.map((c) => {
    const profile = CustomerProfile.parse(c.profile);
    return {
      org_id: orgId,
      id: c.id,
      email: profile.email?.toLowerCase() ?? null,
      helpdesk: c.helpdesk ?? null,
      requester_id: c.requesterId ?? null,
      profile: JSON.stringify(profile),
      updated_at: now.toISOString(),
    };
  });
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const { org_id: _org, id: _id, ...changes } = row;
      await trx
        .insertInto('customers')
        .values(row)
        .onConflict((oc) => oc.columns(['org_id', 'id']).doUpdateSet(changes))
        .execute();
    }
  });
}
