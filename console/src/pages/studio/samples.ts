import {
  type Condition,
  CustomerProfile,
  type CustomerProfileInput,
  type TierDefinition,
  type TierRuleSet,
} from '../../../../lib/schema/tiers';
import { evaluateTier } from '../../../../lib/tiers/evaluate';

/**
 * Hand-written customers for the default tiers (lib/tiers/defaults.ts): they read like real people and carry the
 * attributes a script's variables may show. Used whenever the organisation's rules still put them in that tier.
 */
const WRITTEN: Record<string, CustomerProfileInput> = {
  vip: { name: 'Grace Hopper', email: 'grace@example.com', tags: ['vip'], lifetimeValue: 62_000 },
  high_value: { name: 'Alan Turing', email: 'alan@example.com', lifetimeValue: 14_000, ordersLast90Days: 4 },
  potential: { name: '王小明', email: 'xiaoming@example.com', ordersLast90Days: 2, lifetimeValue: 900 },
  general: { name: 'Ada Lovelace', email: 'ada@example.com' },
  at_risk: { name: '陳美玲', email: 'meiling@example.com', daysSinceLastPurchase: 240, lifetimeValue: 300 },
};

/** Names for the customers made up for an organisation's own tiers, in turn. */
const PEOPLE = [
  { name: 'Katherine Johnson', email: 'katherine@example.com' },
  { name: '李华', email: 'lihua@example.com' },
  { name: 'Margaret Hamilton', email: 'margaret@example.com' },
  { name: '林志明', email: 'zhiming@example.com' },
  { name: 'Edsger Dijkstra', email: 'edsger@example.com' },
];

const INTEGER_ATTRIBUTES = new Set([
  'ordersLast90Days',
  'ordersPrevious90Days',
  'daysSinceLastPurchase',
  'daysSinceFirstPurchase',
  'lastCsat',
  'lastNps',
  'openComplaints',
]);

/** A profile meeting every condition, or null when they contradict each other (at least 10 and at most 5). */
function profileMeeting(conditions: Condition[], person: { name: string; email: string }): CustomerProfile | null {
  const tags: string[] = [];
  const org: Record<string, string | number | boolean> = {};
  const exact: Record<string, number> = {};
  const bounds: Record<string, { low?: number; high?: number }> = {};
  for (const condition of conditions) {
    if (condition.op === 'has_tag') {
      tags.push(condition.value);
      continue;
    }
    if (condition.attribute.startsWith('org.')) {
      // Only equality names a value for an organisation field; a comparison takes the number it names.
      const field = condition.attribute.slice(4);
      const value = condition.op === 'eq' ? condition.value : condition.op.startsWith('g') ? condition.value + 1 : 0;
      if (field in org && org[field] !== value) return null;
      org[field] = value;
      continue;
    }
    if (condition.op === 'eq') {
      if (typeof condition.value !== 'number') return null;
      exact[condition.attribute] = condition.value;
      continue;
    }
    const whole = INTEGER_ATTRIBUTES.has(condition.attribute);
    bounds[condition.attribute] ??= {};
    const bound = bounds[condition.attribute] as { low?: number; high?: number };
    const value = condition.value;
    if (condition.op === 'gte' || condition.op === 'gt') {
      const low =
        condition.op === 'gt' ? (whole ? Math.floor(value) + 1 : value + 1) : whole ? Math.ceil(value) : value;
      bound.low = Math.max(bound.low ?? low, low);
    } else {
      const high =
        condition.op === 'lt' ? (whole ? Math.ceil(value) - 1 : value - 1) : whole ? Math.floor(value) : value;
      bound.high = Math.min(bound.high ?? high, high);
    }
  }
  const numbers: Record<string, number> = { ...exact };
  for (const [attribute, { low, high }] of Object.entries(bounds)) {
    if (low !== undefined && high !== undefined && low > high) return null;
    const value = low ?? high ?? 0;
    if (attribute in exact && exact[attribute] !== value) return null;
    numbers[attribute] = value;
  }
  const parsed = CustomerProfile.safeParse({ ...person, ...numbers, tags, org });
  return parsed.success ? parsed.data : null;
}

export interface SampleCustomer {
  tier: TierDefinition;
  /** Null when no customer the studio can make up reaches this tier under the rules (an earlier rule takes them). */
  customer: CustomerProfile | null;
}

/**
 * A sample customer of each of the organisation's tiers, most valuable first: the hand-written one when the rules
 * still put them there, else one made up from the first rule for that tier that lets a customer through (all of
 * its conditions and one of its "any"), else a customer no rule matches for the fallback tier. Each is checked with
 * the extension's own evaluation, so the preview never claims a tier the customer would not be in.
 */
export function sampleCustomers(rules: TierRuleSet): SampleCustomer[] {
  const inTier = (profile: CustomerProfile | null, tier: string) =>
    profile !== null && evaluateTier(profile, rules).tier.id === tier ? profile : null;
  return [...rules.tiers]
    .sort((a, b) => a.rank - b.rank)
    .map((tier, index) => {
      const person = PEOPLE[index % PEOPLE.length] as { name: string; email: string };
      const written = WRITTEN[tier.id];
      let customer = written ? inTier(CustomerProfile.parse(written), tier.id) : null;
      for (const rule of rules.rules) {
        if (customer || rule.tier !== tier.id) continue;
        const choices = rule.any?.length ? rule.any.map((one) => [...rule.all, one]) : [rule.all];
        for (const conditions of choices) {
          customer ??= inTier(profileMeeting(conditions, person), tier.id);
        }
      }
      if (!customer && rules.fallbackTier === tier.id) customer = inTier(CustomerProfile.parse(person), tier.id);
      return { tier, customer };
    });
}
