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
  if (!row) return undefined;
  const customer = CustomerProfile.parse(JSON.parse(row.profile));
  const result = evaluateTier(customer, tierRules);
  return { customer, tier: result.tier, lifecycle: result.lifecycle, reasons: result.reasons };
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
