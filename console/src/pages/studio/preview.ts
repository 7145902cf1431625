import { computeInsights, ticketInsightsContext } from '../../../../lib/insights/index';
import type { Insights } from '../../../../lib/messaging';
import { type ScriptDraft, type ScriptEntry, ScriptLocale } from '../../../../lib/schema/scripts';
import { TicketContext } from '../../../../lib/schema/ticket';
import type { CustomerProfileInput } from '../../../../lib/schema/tiers';
import { CustomerProfile } from '../../../../lib/schema/tiers';
import { createScriptIndex, type RankingSettings } from '../../../../lib/scripts/rank';
import { renderTemplate } from '../../../../lib/scripts/template';

/**
 * A sample customer of each of the default tiers (lib/tiers/defaults.ts), so a trainer sees the script as an agent
 * would for a VIP, a churned customer… The profiles are what the default rules need to put them in that tier.
 */
export const SAMPLE_CUSTOMERS: Record<string, CustomerProfileInput> = {
  vip: { name: 'Grace Hopper', email: 'grace@example.com', tags: ['vip'], lifetimeValue: 62_000 },
  high_value: { name: 'Alan Turing', email: 'alan@example.com', lifetimeValue: 14_000, ordersLast90Days: 4 },
  potential: { name: '王小明', email: 'xiaoming@example.com', ordersLast90Days: 2, lifetimeValue: 900 },
  general: { name: 'Ada Lovelace', email: 'ada@example.com' },
  at_risk: { name: '陳美玲', email: 'meiling@example.com', daysSinceLastPurchase: 240, lifetimeValue: 300 },
};
export const SAMPLE_TIERS = Object.keys(SAMPLE_CUSTOMERS);

export interface SampleTicket {
  subject: string;
  message: string;
}

const SAMPLE_AGENT = 'Sam Agent';

function ticketFor(sample: SampleTicket, customer: CustomerProfile, now: number): TicketContext {
  return TicketContext.parse({
    helpdesk: 'zendesk',
    ticketId: '4242',
    url: 'https://example.zendesk.com/agent/tickets/4242',
    subject: sample.subject,
    status: 'open',
    createdAt: new Date(now - 10 * 60_000).toISOString(),
    requester: { name: customer.name, email: customer.email },
    organization: { name: 'Example Ltd' },
    tags: customer.tags,
    comments: [{ authorRole: 'customer', authorName: customer.name, at: new Date(now - 10 * 60_000).toISOString() }],
    openedBy: 'customer',
    latestCustomerMessage: sample.message,
  });
}

/** The draft as agents' catalogs would carry it once published. */
function asPublished(draft: ScriptDraft): ScriptEntry {
  return { ...draft, version: 1, status: 'published' };
}

export interface TierPreview {
  tier: string;
  /** The tier the sample customer is actually in (the organisation's rules may differ from the defaults). */
  evaluatedTier: string;
  text: string;
  missing: string[];
  /** False when the script is restricted to other tiers: agents never see it for this customer. */
  forThisTier: boolean;
}

/** The body filled in for the sample customer of a tier, with the variables the extension fills for that ticket. */
export function previewForTier(draft: ScriptDraft, tier: string, sample: SampleTicket, now = Date.now()): TierPreview {
  const customer = CustomerProfile.parse(SAMPLE_CUSTOMERS[tier] ?? {});
  const ticket = ticketFor(sample, customer, now);
  const { tier: evaluated, variables } = ticketInsightsContext(ticket, {
    catalog: [],
    customer,
    agentName: SAMPLE_AGENT,
    now,
  });
  const rendered = renderTemplate(draft.body, variables);
  return {
    tier,
    evaluatedTier: evaluated.tier.id,
    text: rendered.text,
    missing: rendered.missing,
    forThisTier: draft.tiers.length === 0 || draft.tiers.includes(evaluated.tier.id),
  };
}

export interface RankerVerdict {
  /** Where the draft comes among the scripts suggested (1 = first), or null when it is not suggested. */
  position: number | null;
  suggested: Insights['scripts'];
}

/**
 * What the overlay would suggest for the sample ticket, the draft alongside the organisation's published scripts,
 * through the extension's own ranking (computeInsights): where the draft lands and the reasons it is given.
 */
export function rankForSample(
  draft: ScriptDraft,
  others: ScriptEntry[],
  tier: string,
  sample: SampleTicket,
  settings: RankingSettings = {},
  now = Date.now(),
): RankerVerdict {
  const customer = CustomerProfile.parse(SAMPLE_CUSTOMERS[tier] ?? {});
  const catalog = [...others.filter((script) => script.id !== draft.id), asPublished(draft)];
  // The organisation's synonyms and the learned priors the catalog ships, so the order is the one agents see.
  const insights = computeInsights(ticketFor(sample, customer, now), {
    catalog,
    scripts: createScriptIndex(catalog, settings),
    customer,
    agentName: SAMPLE_AGENT,
    now,
  });
  const index = insights.scripts.findIndex((script) => script.id === draft.id);
  return { position: index < 0 ? null : index + 1, suggested: insights.scripts };
}

export const LOCALES = ScriptLocale.options;
