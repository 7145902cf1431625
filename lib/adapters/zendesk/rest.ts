import type { HelpdeskSlaTarget, PublicComment, StatusChange, TicketPriority, TicketStatus } from '../../schema/ticket';
import { zendeskTargets } from '../../sla/targets';
import { AUDITS_QUERY, parseAuditsResponse } from './rest-audits';
import { COMMENTS_QUERY, parseCommentsResponse } from './rest-comments';

/**
 * What the Agent Workspace DOM does not show (requester email and id, channel, the exact creation instant, the
 * ticket's SLA targets, its public conversation and its status history), read from Zendesk's own REST API with
 * the agent's session: the ticket (`include=users,organizations,slas`), its comments and its audits. Never floods
 * the helpdesk: one ask in flight per ticket, at most one per ticket per 30 s, and at most 20 requests a minute per
 * page.
 */
export interface TicketEnrichment {
  requester?: { id?: string; email?: string; name?: string };
  organization?: { id?: string; name?: string };
  channel?: string;
  createdAt?: string;
  /** Who submitted the ticket: an end user, or a team member (first reply time applies only to the former). */
  openedBy?: 'customer' | 'agent';
  helpdeskSla?: HelpdeskSlaTarget[];
  /** The public conversation as REST knows it (lib/adapters/zendesk/rest-comments.ts). */
  comments?: PublicComment[];
  /** Status changes as the ticket's audits record them (lib/adapters/zendesk/rest-audits.ts). */
  statusHistory?: StatusChange[];
  /**
   * The status and priority as of the answer, by their API names: what the page shows is in the agent's language,
   * and a label DeskLens cannot read there falls back on these.
   */
  status?: TicketStatus;
  priority?: TicketPriority;
}

/** Zendesk's API names, which are DeskLens's own (no zod in a content script: it is the helpdesk's page weight). */
const API_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const API_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

const PER_TICKET_MS = 30_000;
const GLOBAL_LIMIT = 20;
const GLOBAL_WINDOW_MS = 60_000;
const ASK_REQUESTS = 3;

interface RestTicket {
  ticket?: {
    requester_id?: unknown;
    submitter_id?: unknown;
    organization_id?: unknown;
    via?: { channel?: unknown };
    created_at?: unknown;
    status?: unknown;
    priority?: unknown;
    slas?: { policy_metrics?: unknown };
  };
  users?: { id?: unknown; email?: unknown; name?: unknown; role?: unknown }[];
  organizations?: { id?: unknown; name?: unknown }[];
}

const str = (value: unknown, max: number) =>
  typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : undefined;

export function parseTicketResponse(body: RestTicket): TicketEnrichment {
  const requesterId = str(body.ticket?.requester_id, 64);
  const organizationId = str(body.ticket?.organization_id, 64);
  const requester = body.users?.find((user) => str(user.id, 64) === requesterId);
  const organization = body.organizations?.find((org) => str(org.id, 64) === organizationId);
  const email = str(requester?.email, 320);
  const createdAt = str(body.ticket?.created_at, 40);
  const submitterId = str(body.ticket?.submitter_id, 64);
  const submitterRole = body.users?.find((user) => str(user.id, 64) === submitterId)?.role;
  // Zendesk roles: end-user, agent, admin (custom agent roles are agents too).
  const openedBy =
    typeof submitterRole === 'string' ? (submitterRole === 'end-user' ? 'customer' : 'agent') : undefined;
  const status = API_STATUSES.find((name) => name === body.ticket?.status);
  const priority = API_PRIORITIES.find((name) => name === body.ticket?.priority);
  return {
    ...(openedBy ? { openedBy } : {}),
    ...(status ? { status } : {}),
    ...(priority ? { priority } : {}),
    createdAt: createdAt && !Number.isNaN(Date.parse(createdAt)) ? new Date(createdAt).toISOString() : undefined,
    helpdeskSla: policyMetrics(body.ticket?.slas?.policy_metrics),
    requester: requesterId
      ? { id: requesterId, email: email?.includes('@') ? email : undefined, name: str(requester?.name, 200) }
      : undefined,
    organization: organizationId ? { id: organizationId, name: str(organization?.name, 200) } : undefined,
    channel: str(body.ticket?.via?.channel, 64),
  };
}

const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Only well-formed entries: host data is untrusted, and one bad entry must not drop the others. */
function policyMetrics(raw: unknown): HelpdeskSlaTarget[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const entries = raw
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .filter((entry) => typeof entry.metric === 'string' && entry.metric.length > 0 && entry.metric.length <= 64)
    .slice(0, 50)
    .map((entry) => ({
      metric: entry.metric as string,
      stage: typeof entry.stage === 'string' ? entry.stage : undefined,
      breach_at: isInstant(entry.breach_at) ? new Date(entry.breach_at).toISOString() : undefined,
    }));
  return zendeskTargets(entries);
}

export function createZendeskEnricher(win: Window, now: () => number = Date.now) {
  const known = new Map<string, TicketEnrichment>();
  const lastAsked = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const inFlight = new Map<string, Promise<TicketEnrichment | undefined>>();
  const recent: number[] = [];
  // Firefox runs content-script fetches as the extension; `content.fetch` is the page's own, with its session.
  const pageFetch = (win as Window & { content?: Window }).content?.fetch ?? win.fetch;

  function allowed(ticketId: string): boolean {
    const t = now();
    while (recent.length > 0 && t - (recent[0] as number) > GLOBAL_WINDOW_MS) recent.shift();
    // Each ask is three requests (the ticket, its conversation and its audits).
    if (recent.length + ASK_REQUESTS > GLOBAL_LIMIT) return false;
    return t - (lastAsked.get(ticketId) ?? Number.NEGATIVE_INFINITY) >= PER_TICKET_MS;
  }

  return {
    /** What is already known about a ticket, without asking. */
    cached: (ticketId: string) => known.get(ticketId),
    /** How old the known answer is (SLA stages move on as the ticket is worked); Infinity when none. */
    ageMs: (ticketId: string) => now() - (answeredAt.get(ticketId) ?? Number.NEGATIVE_INFINITY),
    /** When the known answer arrived (epoch ms), if there is one. */
    answeredAt: (ticketId: string) => answeredAt.get(ticketId),
    /** Ask Zendesk, unless a request for this ticket is running or the limits say wait. */
    fetch(ticketId: string): Promise<TicketEnrichment | undefined> {
      const running = inFlight.get(ticketId);
      if (running) return running;
      if (!allowed(ticketId)) return Promise.resolve(known.get(ticketId));
      lastAsked.set(ticketId, now());
      for (let i = 0; i < ASK_REQUESTS; i++) recent.push(now());
      const get = async (path: string) => {
        const response = await pageFetch.call(win, new URL(path, win.location.href).href, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        return response.ok ? ((await response.json()) as unknown) : undefined;
      };
      const ticketPath = `/api/v2/tickets/${encodeURIComponent(ticketId)}`;
      const request = Promise.all([
        get(`${ticketPath}.json?include=users,organizations,slas`),
        // The conversation and the audits are resources of their own; without them the page's own comments and
        // the statuses it shows still count.
        get(`${ticketPath}/comments.json?${COMMENTS_QUERY}`).catch(() => undefined),
        get(`${ticketPath}/audits.json?${AUDITS_QUERY}`).catch(() => undefined),
      ])
        .then(([ticket, conversation, audits]) => {
          if (!ticket) return known.get(ticketId);
          const comments = conversation
            ? parseCommentsResponse(conversation as Parameters<typeof parseCommentsResponse>[0])
            : undefined;
          const parsed = parseTicketResponse(ticket as RestTicket);
          const statusHistory = audits
            ? parseAuditsResponse(audits as Parameters<typeof parseAuditsResponse>[0], parsed.createdAt)
            : undefined;
          const enrichment = {
            ...parsed,
            ...(comments ? { comments } : {}),
            ...(statusHistory ? { statusHistory } : {}),
          };
          known.set(ticketId, enrichment);
          answeredAt.set(ticketId, now());
          return enrichment;
        })
        .catch(() => known.get(ticketId))
        .finally(() => inFlight.delete(ticketId));
      inFlight.set(ticketId, request);
      return request;
    },
    /** Requests sent in the last minute (for tests and the health report). */
    requestsLastMinute: () => recent.filter((t) => now() - t <= GLOBAL_WINDOW_MS).length,
  };
}
