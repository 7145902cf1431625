import type { StatusChange, TicketStatus } from '../../schema/ticket';

/**
 * The ticket's status history from Zendesk's REST API (`GET /api/v2/tickets/{id}/audits.json`, newest first, one
 * page of 100): each audit's status `Create` / `Change` events, with when they happened. Without it the SLA
 * clocks would have to assume the ticket's current status since creation, which is wrong for every ticket that
 * was solved and reopened. Only statuses and instants are kept.
 */
export const AUDITS_QUERY = 'sort_order=desc&page[size]=100';

interface RestAudits {
  audits?: {
    created_at?: unknown;
    events?: { type?: unknown; field_name?: unknown; value?: unknown; previous_value?: unknown }[];
  }[];
}

const STATUSES = new Set<string>(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
const isStatus = (value: unknown): value is TicketStatus => typeof value === 'string' && STATUSES.has(value);

/**
 * Status changes oldest first. When the page of audits does not reach back to the ticket's creation, the status
 * before the oldest change it shows (its `previous_value`) is taken as the status since `createdAt`.
 */
export function parseAuditsResponse(body: RestAudits, createdAt?: string): StatusChange[] | undefined {
  if (!Array.isArray(body.audits)) return undefined;
  const changes: { status: TicketStatus; at: number; previous?: TicketStatus; created: boolean }[] = [];
  for (const audit of body.audits.slice(0, 100)) {
    const at = typeof audit?.created_at === 'string' ? Date.parse(audit.created_at) : Number.NaN;
    if (Number.isNaN(at) || !Array.isArray(audit.events)) continue;
    for (const event of audit.events) {
      if (event?.field_name !== 'status' || !isStatus(event.value)) continue;
      if (event.type !== 'Create' && event.type !== 'Change') continue;
      changes.push({
        status: event.value,
        at,
        created: event.type === 'Create',
        ...(isStatus(event.previous_value) ? { previous: event.previous_value } : {}),
      });
    }
  }
  if (changes.length === 0) return undefined;
  changes.sort((a, b) => a.at - b.at);
  const oldest = changes[0] as (typeof changes)[number];
  const before =
    !oldest.created && oldest.previous && createdAt && Date.parse(createdAt) < oldest.at
      ? [{ status: oldest.previous, at: new Date(createdAt).toISOString() }]
      : [];
  return [...before, ...changes.map(({ status, at }) => ({ status, at: new Date(at).toISOString() }))];
}
