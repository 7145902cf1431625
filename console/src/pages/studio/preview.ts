import { computeInsights, ticketInsightsContext } from '../../../../lib/insights/index';
import type { Insights } from '../../../../lib/messaging';
import { type ScriptDraft, type ScriptEntry, ScriptLocale } from '../../../../lib/schema/scripts';
import { TicketContext } from '../../../../lib/schema/ticket';
import type { CustomerProfile, TierRuleSet } from '../../../../lib/schema/tiers';
import { createScriptIndex, type RankingSettings } from '../../../../lib/scripts/rank';
import { shippedSituationModel } from '../../../../lib/scripts/situations/default-model';
import { renderTemplate } from '../../../../lib/scripts/template';

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
  /** The tier the sample customer is in under the organisation's rules. */
  evaluatedTier: string;
  text: string;
  missing: string[];
  /** False when the script is restricted to other tiers: agents never see it for this customer. */
  forThisTier: boolean;
}

/**
 * The body filled in for a sample customer (samples.ts), with the variables the extension fills for that ticket and
 * the organisation's tier rules deciding their tier.
 */
export function previewForCustomer(
  draft: ScriptDraft,
  customer: CustomerProfile,
  tierRules: TierRuleSet,
  sample: SampleTicket,
  now = Date.now(),
): TierPreview {
  const ticket = ticketFor(sample, customer, now);
  const { tier: evaluated, variables } = ticketInsightsContext(ticket, {
    catalog: [],
    customer,
    tierRules,
    agentName: SAMPLE_AGENT,
    now,
  });
  const rendered = renderTemplate(draft.body, variables);
  return {
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
  customer: CustomerProfile,
  tierRules: TierRuleSet,
  sample: SampleTicket,
  settings: RankingSettings = {},
  now = Date.now(),
): RankerVerdict {
  const catalog = [...others.filter((script) => script.id !== draft.id), asPublished(draft)];
  // The organisation's synonyms and the learned priors the catalog ships, so the order is the one agents see.
  const insights = computeInsights(ticketFor(sample, customer, now), {
    catalog,
    scripts: createScriptIndex(catalog, { ...settings, situations: shippedSituationModel() }),
    customer,
    tierRules,
    agentName: SAMPLE_AGENT,
    now,
  });
  const index = insights.scripts.findIndex((script) => script.id === draft.id);
  return { position: index < 0 ? null : index + 1, suggested: insights.scripts };
}

export const LOCALES = ScriptLocale.options;
export { type SampleCustomer, sampleCustomers } from './samples';
