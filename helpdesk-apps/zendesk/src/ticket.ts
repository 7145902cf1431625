import { parseTicketResponse } from '../../../lib/adapters/zendesk/rest';
import { COMMENTS_QUERY, parseCommentsResponse } from '../../../lib/adapters/zendesk/rest-comments';
import type { TicketContextInput, TicketPriority, TicketStatus } from '../../../lib/schema/ticket';
import type { ZafClient } from './zaf';

/** Ticket properties the sidebar reads (ZAF Support API, ticket object). */
const PATHS = [
  'ticket.id',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.tags',
  'ticket.createdAt',
  'ticket.description',
  'ticket.requester',
  'ticket.organization',
  'ticket.via',
  'currentAccount.subdomain',
];

const STATUSES = new Set<TicketStatus>(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
const PRIORITIES = new Set<TicketPriority>(['low', 'normal', 'high', 'urgent']);

const text = (value: unknown, max: number) =>
  typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : undefined;
const record = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
const instant = (value: unknown) => {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
};

/**
 * The ticket this sidebar instance belongs to, from Zendesk's own data (no DOM): what `client.get` answers at
 * once. Every value is the helpdesk's data, checked and cut to size; a new ticket not saved yet has no id.
 */
export async function readTicket(client: ZafClient): Promise<TicketContextInput | undefined> {
  const data = await client.get(PATHS);
  const id = text(data['ticket.id'], 64);
  if (!id) return undefined;
  const requester = record(data['ticket.requester']);
  const organization = record(data['ticket.organization']);
  const status = text(data['ticket.status'], 16) as TicketStatus | undefined;
  const priority = text(data['ticket.priority'], 16) as TicketPriority | undefined;
  const subdomain = text(data['currentAccount.subdomain'], 63) ?? 'zendesk';
  const email = text(requester?.email, 320);
  return {
    helpdesk: 'zendesk',
    ticketId: id,
    url: `https://${subdomain}.zendesk.com/agent/tickets/${encodeURIComponent(id)}`,
    subject: text(data['ticket.subject'], 1000),
    status: status && STATUSES.has(status) ? status : undefined,
    priority: priority && PRIORITIES.has(priority) ? priority : undefined,
    channel: text(record(data['ticket.via'])?.channel, 64),
    createdAt: instant(data['ticket.createdAt']),
    tags: (Array.isArray(data['ticket.tags']) ? data['ticket.tags'] : [])
      .map((tag) => text(tag, 100))
      .filter((tag): tag is string => Boolean(tag))
      .slice(0, 200),
    requester: {
      id: text(requester?.id, 128),
      name: text(requester?.name, 200),
      email: email?.includes('@') ? email : undefined,
    },
    organization: organization ? { id: text(organization.id, 128), name: text(organization.name, 200) } : undefined,
    // The customer's opening message ranks the scripts; it is not kept anywhere.
    latestCustomerMessage: text(data['ticket.description'], 5000),
    locale: text(requester?.locale, 35),
  };
}

/**
 * What ZAF's ticket object does not carry: the helpdesk's own SLA targets and the public conversation's times,
 * from Zendesk's REST API with the agent's session (`client.request` to the same account needs no token).
 */
export async function readTicketTimeline(
  client: ZafClient,
  ticketId: string,
): Promise<Pick<TicketContextInput, 'helpdeskSla' | 'comments' | 'createdAt'> | undefined> {
  const path = `/api/v2/tickets/${encodeURIComponent(ticketId)}`;
  const get = (url: string) =>
    client
      .request({ url, type: 'GET', httpCompleteResponse: true })
      .then((response) => (response.status === 200 ? response.responseJSON : undefined))
      .catch(() => undefined);
  const [ticket, conversation] = await Promise.all([
    get(`${path}.json?include=slas`),
    get(`${path}/comments.json?${COMMENTS_QUERY}`),
  ]);
  if (!ticket) return undefined;
  const parsed = parseTicketResponse(ticket as Parameters<typeof parseTicketResponse>[0]);
  const comments = conversation
    ? parseCommentsResponse(conversation as Parameters<typeof parseCommentsResponse>[0])
    : undefined;
  return {
    ...(parsed.createdAt ? { createdAt: parsed.createdAt } : {}),
    ...(parsed.helpdeskSla ? { helpdeskSla: parsed.helpdeskSla } : {}),
    ...(comments ? { comments } : {}),
  };
}
