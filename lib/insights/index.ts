import type { Insights } from '../messaging';
import type { ScriptEntry, ScriptLocale } from '../schema/scripts';
import type { BusinessCalendar, SlaPolicy } from '../schema/sla';
import type { TicketContext } from '../schema/ticket';
import { CustomerProfile, type TierRuleSet } from '../schema/tiers';
import { containsHan } from '../scripts/analyze';
import {
  createScriptIndex,
  renderTemplate,
  type ScriptIndex,
  type TemplateVariables,
  ticketVariables,
} from '../scripts/index';
import { chineseLocaleOf, detectLocale, type PendingSuggestions, type Suggestion } from '../scripts/rank';
import { shippedSituationModel } from '../scripts/situations/default-model';
import {
  cycleCount,
  DEFAULT_CALENDAR,
  DEFAULT_SLA_POLICIES,
  evaluateSla,
  fromHelpdeskTargets,
  timelineFromTicket,
} from '../sla/index';
import { DEFAULT_TIER_RULES, evaluateTier } from '../tiers/index';

/**
 * The scripts come as a catalog (its index is built here, once per catalog), or as the caller's ranking index
 * (catalog-index.ts), or both.
 */
export type InsightsSources = InsightsBase &
  ({ catalog: ScriptEntry[]; scripts?: ScriptIndex } | { catalog?: undefined; scripts: ScriptIndex });

interface InsightsBase {
  tierRules?: TierRuleSet;
  policies?: SlaPolicy[];
  calendars?: BusinessCalendar[];
  agentName?: string;
  /** Customer attributes from the backend (lifetime value, orders…) when known; the ticket's tags otherwise. */
  customer?: CustomerProfile;
  now: number;
}

const SCRIPT_LIMIT = 3;

/** The index is rebuilt only when the catalog changes (the same array is passed until a new pull). */
let indexed: { catalog: ScriptEntry[]; index: ScriptIndex } | undefined;
function scriptIndex(sources: InsightsSources): ScriptIndex {
  if (sources.catalog === undefined) return sources.scripts;
  if (sources.scripts) return sources.scripts;
  const { catalog } = sources;
  const index =
    indexed?.catalog === catalog ? indexed.index : createScriptIndex(catalog, { situations: shippedSituationModel() });
  indexed = { catalog, index };
  return index;
}

/**
 * Shows suggestions the index ranked: their catalog entries may still have to be read (a woken service
 * worker's index ranks before it holds any — catalog-index.ts showSuggestions).
 */
export type ShowSuggestions = (pending: PendingSuggestions) => Promise<Suggestion[]>;

function formatValues(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key} = ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

/**
 * What suggestions and search both need to know about one ticket, worked out in one place so the two never
 * drift: the customer and their tier, the SLA clocks in force (the organisation's policies for this tier, or
 * else the helpdesk's own targets), the complaint grade and the template variables filled in for this ticket.
 */
export function ticketInsightsContext(ticket: TicketContext, sources: InsightsSources) {
  const customer =
    sources.customer ??
    CustomerProfile.parse({ tags: ticket.tags, name: ticket.requester.name, email: ticket.requester.email });
  const tier = evaluateTier(customer, sources.tierRules ?? DEFAULT_TIER_RULES);
  const calendars = sources.calendars ?? [DEFAULT_CALENDAR];
  const sla = evaluateSla({
    ticket,
    tier: tier.tier.id,
    policies: sources.policies ?? DEFAULT_SLA_POLICIES,
    calendars,
    now: sources.now,
  });
  // The organisation's own policies win; without them, what the helpdesk itself counts (Zendesk SLA policies,
  // Salesforce milestones) is what agents expect to see, and DeskLens's defaults only fill the gap. Zendesk shows
  // only the current occurrence of a target: its cycle number comes from the ticket's own timeline.
  const timeline = ticket.helpdeskSla?.length ? timelineFromTicket(ticket) : undefined;
  const metrics =
    !sources.policies && ticket.helpdeskSla?.length
      ? fromHelpdeskTargets(ticket.helpdeskSla, sources.now, undefined, (metric) =>
          timeline ? cycleCount(metric, timeline, sources.now) || undefined : undefined,
        )
      : sla.metrics;
  return {
    customer,
    tier,
    grade: sla.grade.grade,
    metrics,
    variables: variablesFor(ticket, sources.agentName, metrics),
  };
}

/**
 * What the overlay shows for one ticket: tier with its reasons, SLA clocks and ranked scripts filled in for
 * this customer. Pure apart from the sources passed in; runs in the background, never in the host page.
 */
export function computeInsights(ticket: TicketContext, sources: InsightsSources): Insights {
  const context = ticketInsightsContext(ticket, sources);
  return insightsFrom(ticket, sources, context, rankFor(ticket, sources, context).resolve());
}

/** computeInsights with suggestions whose entries `show` reads first (a woken service worker's index). */
export async function computeInsightsShowing(
  ticket: TicketContext,
  sources: InsightsSources,
  show: ShowSuggestions,
): Promise<Insights> {
  const context = ticketInsightsContext(ticket, sources);
  return insightsFrom(ticket, sources, context, await show(rankFor(ticket, sources, context)));
}

function rankFor(
  ticket: TicketContext,
  sources: InsightsSources,
  { tier, grade }: ReturnType<typeof ticketInsightsContext>,
): PendingSuggestions {
  return scriptIndex(sources).rankForTicket(
    {
      subject: ticket.subject,
      latestCustomerMessage: ticket.latestCustomerMessage,
      tags: ticket.tags,
      locale: ticket.locale,
    },
    { tier: tier.tier.id, grade, limit: SCRIPT_LIMIT },
  );
}

function insightsFrom(
  ticket: TicketContext,
  sources: InsightsSources,
  { customer, tier, grade, metrics, variables }: ReturnType<typeof ticketInsightsContext>,
  suggestions: Suggestion[],
): Insights {
  const reading = detectLocale({
    subject: ticket.subject,
    latestCustomerMessage: ticket.latestCustomerMessage,
    locale: ticket.locale,
  });
  return {
    ticketId: ticket.ticketId,
    computedAt: sources.now,
    grade,
    tier: {
      id: tier.tier.id,
      label: tier.tier.label,
      colour: tier.tier.colour,
      lifecycle: tier.lifecycle,
      history: {
        ...(customer.lastCsat !== undefined ? { lastCsat: customer.lastCsat } : {}),
        ...(customer.lastNps !== undefined ? { lastNps: customer.lastNps } : {}),
        ...(customer.openComplaints !== undefined ? { openComplaints: customer.openComplaints } : {}),
      },
      reasons: tier.reasons.map((reason) => {
        const values = Object.keys(reason.values).length ? formatValues(reason.values) : '';
        return {
          en: `${reason.description.en}${values ? ` (${values})` : ''}`,
          zh_CN: `${reason.description.zh_CN}${values ? `（${values}）` : ''}`,
          ...(reason.description.zh_TW ? { zh_TW: `${reason.description.zh_TW}${values ? `（${values}）` : ''}` } : {}),
        };
      }),
    },
    sla: metrics.map((metric) => ({
      metric: metric.metric,
      label: metric.label,
      state: metric.state,
      breached: metric.breached,
      level: metric.level,
      deadline: metric.deadline,
      businessHours: metric.businessHours,
      msLeft: metric.msLeft,
      targetMs: metric.targetMs,
      // Business time only runs down inside working hours; the overlay's ticker uses this between refreshes.
      ticking: metric.ticking,
      cycle: metric.cycle,
      ...(metric.zeroLength ? { zeroLength: true as const } : {}),
      ...(metric.previous ? { previous: metric.previous } : {}),
    })),
    scripts: suggestions.map((suggestion) => filledIn(suggestion, variables, reading)),
  };
}

/**
 * A suggestion filled in for this ticket. An agent reading Traditional who gets a Simplified script with no
 * Traditional version gets its reading copy (OpenCC, Taiwan phrasing) marked as converted, when the catalog has one.
 */
function filledIn(
  { script, reasons }: Suggestion,
  variables: TemplateVariables,
  reading: ScriptLocale | undefined,
): Insights['scripts'][number] {
  const copy = reading === 'zh_TW' && script.locale === 'zh_CN' ? script.readingCopy : undefined;
  const rendered = renderTemplate(copy?.body ?? script.body, variables);
  return {
    id: script.id,
    version: script.version,
    title: copy?.title ?? script.title,
    locale: copy ? copy.locale : script.locale,
    ...(copy ? { convertedFrom: 'zh_CN' as const } : {}),
    text: rendered.text,
    missing: rendered.missing,
    reasons,
  };
}

const SEARCH_LIMIT = 8;

/**
 * The agent's search box: best text matches in the catalog, filled in for this ticket exactly as the suggestions
 * are (same customer, tier and SLA clocks, so `{{sla.first_reply.due}}` is the same deadline in both).
 */
export function searchScripts(ticket: TicketContext, query: string, sources: InsightsSources): Insights['scripts'] {
  const { pending, filled } = searchFor(ticket, query, sources);
  return filled(pending.resolve());
}

/** searchScripts with results whose entries `show` reads first (a woken service worker's index). */
export async function searchScriptsShowing(
  ticket: TicketContext,
  query: string,
  sources: InsightsSources,
  show: ShowSuggestions,
): Promise<Insights['scripts']> {
  const { pending, filled } = searchFor(ticket, query, sources);
  return filled(await show(pending));
}

function searchFor(ticket: TicketContext, query: string, sources: InsightsSources) {
  const { variables, tier } = ticketInsightsContext(ticket, sources);
  // A Chinese ticket's reply language (Traditional or Simplified); otherwise the query's own script decides.
  const locale = ticket.locale?.toLowerCase().startsWith('zh')
    ? detectLocale({
        subject: ticket.subject,
        latestCustomerMessage: ticket.latestCustomerMessage,
        locale: ticket.locale,
      })
    : containsHan(query)
      ? chineseLocaleOf(query)
      : undefined;
  // The customer's tier, so scripts for other tiers are marked as not for this customer.
  return {
    pending: scriptIndex(sources).rankForQuery(query, {
      limit: SEARCH_LIMIT,
      tier: tier.tier.id,
      ...(locale ? { locale } : {}),
    }),
    filled: (found: Suggestion[]) => found.map((suggestion) => filledIn(suggestion, variables, locale)),
  };
}

function variablesFor(
  ticket: TicketContext,
  agentName: string | undefined,
  metrics: { metric: string; deadline?: string }[],
): TemplateVariables {
  return ticketVariables({
    customerName: ticket.requester.name,
    customerEmail: ticket.requester.email,
    agentName,
    ticketId: ticket.ticketId,
    subject: ticket.subject,
    organization: ticket.organization?.name,
    firstReplyDue: metrics.find((m) => m.metric === 'first_reply_time')?.deadline,
  });
}
