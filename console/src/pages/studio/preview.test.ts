import { describe, expect, it } from 'vitest';
import { ScriptDraft } from '../../../../lib/schema/scripts';
import type { CustomerProfile } from '../../../../lib/schema/tiers';
import { DEFAULT_TIER_RULES } from '../../../../lib/tiers/defaults';
import { previewForCustomer, rankForSample, sampleCustomers } from './preview';

const draft = ScriptDraft.parse({
  id: 'refund-late-en',
  title: 'Refund is late',
  body: 'Hi {{customer.first_name | there}}, {{agent.name}} here about ticket #{{ticket.id}}.',
  locale: 'en',
  scenario: 'refund',
  triggerKeywords: ['refund'],
});
const customers = new Map(
  sampleCustomers(DEFAULT_TIER_RULES).map(({ tier, customer }) => [tier.id, customer as CustomerProfile]),
);
const previewForTier = (script: typeof draft, tier: string, ticket: typeof sample) =>
  previewForCustomer(script, customers.get(tier) as CustomerProfile, DEFAULT_TIER_RULES, ticket);
const rank = (script: typeof draft, tier: string, ticket: typeof sample, settings = {}) =>
  rankForSample(script, [], customers.get(tier) as CustomerProfile, DEFAULT_TIER_RULES, ticket, settings);
const sample = { subject: 'Where is my refund?', message: 'I returned the parcel and still have no refund.' };

describe('the studio preview, filled in as the extension fills it', () => {
  it('puts each sample customer in their tier under the default rules and fills in their name', () => {
    expect([...customers.keys()]).toEqual(['vip', 'high_value', 'potential', 'general', 'at_risk']);
    for (const tier of customers.keys()) expect(previewForTier(draft, tier, sample).evaluatedTier).toBe(tier);
    expect(previewForTier(draft, 'vip', sample).text).toBe('Hi Grace, Sam Agent here about ticket #4242.');
    // A Chinese name is addressed whole.
    expect(previewForTier(draft, 'potential', sample).text).toContain('Hi 王小明,');
  });

  it('says when a tier-restricted script is not for this customer', () => {
    const vipOnly = { ...draft, tiers: ['vip'] };
    expect(previewForTier(vipOnly, 'vip', sample).forThisTier).toBe(true);
    expect(previewForTier(vipOnly, 'general', sample).forThisTier).toBe(false);
  });

  it('ranks the draft for the sample ticket with the reasons the overlay gives, and not for an unrelated one', () => {
    const verdict = rank(draft, 'general', sample);
    expect(verdict.position).toBe(1);
    const reasons = verdict.suggested[0]?.reasons ?? [];
    expect(reasons.some((r) => (r.kind === 'phrase' && r.phrase === 'refund') || r.kind === 'words')).toBe(true);
    expect(rank(draft, 'general', { subject: 'Printer jam', message: 'The printer is jammed' }).position).toBeNull();
    // Restricted to VIPs: never suggested for a general customer.
    expect(rank({ ...draft, tiers: ['vip'] }, 'general', sample).position).toBeNull();
  });

  it('passes the learned priors to the ranking, so the trainer sees what agents taught it', () => {
    const prior = { scriptId: draft.id, scenario: 'refund', rate: 0.9, n: 40, scenarioRate: 0.6, orgRate: 0.5 };
    const reasons = rank(draft, 'general', sample, { priors: [prior] }).suggested[0]?.reasons ?? [];
    expect(reasons).toContainEqual({ kind: 'learned', rate: 90, n: 40 });
  });
});
