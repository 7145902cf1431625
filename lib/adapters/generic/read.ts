import type { GenericAdapterDescription } from '../../schema/adapter';
import type { PublicComment, StatusChange, TicketContextInput, TicketStatus } from '../../schema/ticket';
import type { AdapterSnapshot } from '../types';
import { type FieldReading, isInternalItem, paneTicketId, readAll, readDate, readField } from './extract';
import { mapLabel, mapPriority, mapStatus } from './statuses';

/**
 * Reading the ticket in front of the agent from an admin's description. Type-only imports of the schema: no zod in
 * the content script. Required parts that are missing (container, pane, subject) make the overlay degraded; parts
 * found but not readable as described are `problems`, named by field, so the admin learns which one to fix.
 */

/** Conversation items read per ticket, at most (the SLA clocks need the timeline, not an archive). */
const MAX_ITEMS = 500;
/** A health event names a problem in at most 100 characters. */
const problemText = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);
const quoted = (label: string) => JSON.stringify(label.length > 30 ? `${label.slice(0, 29)}…` : label);

/** Pure page detection: the ticket id in a URL, by the description's `ticketUrl`. */
export function genericTicketIdFromUrl(description: GenericAdapterDescription, url: URL): string | undefined {
  const id = new RegExp(description.ticketUrl).exec(`${url.pathname}${url.search}${url.hash}`)?.[1];
  return id ? id.slice(0, 64) : undefined;
}

export function activeGenericPane(description: GenericAdapterDescription, doc: Document): Element | null {
  const container = doc.querySelector(description.activeTicket.container);
  return container?.querySelector(description.activeTicket.pane) ?? null;
}

const matchesOrHolds = (item: Element, selector: string) => item.matches(selector) || !!item.querySelector(selector);
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function fieldProblem(path: string, reading: FieldReading): string | undefined {
  if (reading.unmatched === 'pattern') return `${path}: pattern did not match`;
  return undefined;
}

interface Conversation {
  comments: PublicComment[];
  statusHistory: StatusChange[];
  latestCustomerMessage?: string;
  problems: string[];
}

/** The conversation, oldest first: public messages with their author's role and time, and status changes. */
function readConversation(
  description: GenericAdapterDescription,
  pane: Element,
  requesterName: string | undefined,
  /** When the ticket was opened, when the description says its opening message stands apart. */
  openedAt?: string,
): Conversation {
  const conversation = description.conversation;
  const result: Conversation = { comments: [], statusHistory: [], problems: [] };
  if (!conversation) return result;
  const problems = new Set<string>();
  let latestCustomer: { at: string; text: string } | undefined;
  let count = 0;
  for (const item of pane.querySelectorAll(conversation.item)) {
    if (++count > MAX_ITEMS) break;
    const time = readDate(item, conversation.time);
    if (!time.instant) {
      problems.add(
        time.value === undefined
          ? (fieldProblem('conversation.time', time) ?? 'conversation.time: no element in an item')
          : `conversation.time: not a date in ${quoted(conversation.time.format)}`,
      );
      continue;
    }
    const at = time.instant;
    if (conversation.statusChange) {
      const change = readField(item, conversation.statusChange).value;
      if (change !== undefined) {
        const status = mapStatus(change, description.statusMap);
        if (status) result.statusHistory.push({ status, at });
        else problems.add(`conversation.statusChange: ${quoted(change)} is in no status map`);
      }
    }
    if (conversation.internal && isInternalItem(item, conversation.internal, conversation.internalPattern)) continue;
    const text = conversation.text ? readField(item, conversation.text).value : undefined;
    if (conversation.text && text === undefined) continue; // a field change, not a message
    const author = conversation.author ? readField(item, conversation.author).value : undefined;
    let authorRole: PublicComment['authorRole'] | undefined;
    const role = conversation.role;
    if (role.from === 'requester') {
      if (author === undefined || requesterName === undefined) {
        problems.add(`conversation.author: ${author === undefined ? 'not found in an item' : 'requester unknown'}`);
        continue;
      }
      authorRole = sameName(author, requesterName) ? 'customer' : 'agent';
    } else if (role.from === 'marker') authorRole = matchesOrHolds(item, role.agent) ? 'agent' : 'customer';
    else {
      const label = readField(item, role.field).value;
      authorRole = label === undefined ? undefined : mapLabel(role.map, label);
      if (!authorRole) {
        problems.add(
          `conversation.role: ${label === undefined ? 'no value in an item' : `${quoted(label)} is not in the map`}`,
        );
        continue;
      }
    }
    result.comments.push({ authorRole, at, ...(author ? { authorName: author.slice(0, 200) } : {}) });
    if (authorRole === 'customer' && text && (!latestCustomer || at >= latestCustomer.at))
      latestCustomer = { at, text };
  }
  // Its text is already the latest customer message's fallback (readGeneric): only the comment is added here.
  if (openedAt) {
    result.comments.push({
      authorRole: 'customer',
      at: openedAt,
      ...(requesterName ? { authorName: requesterName.slice(0, 200) } : {}),
    });
  }
  const byTime = (a: { at: string }, b: { at: string }) => Date.parse(a.at) - Date.parse(b.at);
  result.comments.sort(byTime);
  result.statusHistory.sort(byTime);
  if (latestCustomer) result.latestCustomerMessage = latestCustomer.text.slice(0, 5000);
  result.problems = [...problems].map(problemText);
  return result;
}

export function readGeneric(description: GenericAdapterDescription, doc: Document, url: URL): AdapterSnapshot {
  const ticketId = genericTicketIdFromUrl(description, url);
  if (!ticketId) return { missing: [] };
  const identity = { helpdesk: `generic:${description.id}`, ticketId, url: url.href } as const;
  if (!doc.querySelector(description.activeTicket.container)) return { ticket: identity, missing: ['container'] };
  const pane = activeGenericPane(description, doc);
  const named = pane ? paneTicketId(description.activeTicket, pane) : undefined;
  if (!pane || (named && named.value !== ticketId)) {
    return { ticket: identity, missing: ['ticket pane'] };
  }
  const fields = description.fields;
  const problems: string[] = [];
  const field = (name: keyof typeof fields) => {
    const source = fields[name];
    if (!source) return undefined;
    const reading = readField(pane, source);
    const problem = fieldProblem(`fields.${name}`, reading);
    if (problem) problems.push(problem);
    return reading.value;
  };

  const subject = field('subject');
  const name = field('requesterName');
  const email = field('requesterEmail');
  const emailOk = email !== undefined && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
  if (email !== undefined && !emailOk) problems.push('fields.requesterEmail: not an email address (use a pattern)');
  const requesterId = field('requesterId');
  const organization = field('organization');
  const opening = field('description');

  let status: TicketStatus | undefined;
  if (fields.status) {
    const label = field('status');
    status = label === undefined ? undefined : mapStatus(label, description.statusMap);
    // The status drives which SLA clocks run: a status that cannot be read or mapped is said out loud.
    if (label === undefined && !problems.some((p) => p.startsWith('fields.status')))
      problems.push('fields.status: no element matches');
    else if (label !== undefined && !status)
      problems.push(problemText(`fields.status: ${quoted(label)} is in no status map`));
  }
  const priorityLabel = field('priority');
  const priority = priorityLabel === undefined ? undefined : mapPriority(priorityLabel, description.priorityMap);
  if (priorityLabel !== undefined && !priority)
    problems.push(problemText(`fields.priority: ${quoted(priorityLabel)} is in no priority map`));

  let createdAt: string | undefined;
  if (fields.createdAt) {
    const reading = readDate(pane, fields.createdAt);
    createdAt = reading.instant;
    if (!createdAt) {
      problems.push(
        reading.matched === 0
          ? 'fields.createdAt: no element matches'
          : reading.value === undefined
            ? (fieldProblem('fields.createdAt', reading) ?? 'fields.createdAt: empty')
            : problemText(`fields.createdAt: not a date in ${quoted(fields.createdAt.format)}`),
      );
    }
  }

  const tags = fields.tags ? readAll(pane, fields.tags) : [];
  const openedApart = description.conversation?.opening === 'description' ? createdAt : undefined;
  const conversation = readConversation(description, pane, name, openedApart);
  problems.push(...conversation.problems);

  const ticket: TicketContextInput = {
    ...identity,
    subject: subject?.slice(0, 1000),
    status,
    priority,
    requester: {
      ...(requesterId ? { id: requesterId.slice(0, 128) } : {}),
      ...(name ? { name: name.slice(0, 200) } : {}),
      // A malformed address would fail the background's check and drop the whole context.
      ...(email && emailOk ? { email: email.slice(0, 320) } : {}),
    },
    ...(organization ? { organization: { name: organization.slice(0, 200) } } : {}),
    tags: tags.slice(0, 200).map((tag) => tag.slice(0, 100)),
    ...(createdAt ? { createdAt } : {}),
    comments: conversation.comments,
    statusHistory: conversation.statusHistory,
    ...(conversation.latestCustomerMessage
      ? { latestCustomerMessage: conversation.latestCustomerMessage }
      : opening
        ? { latestCustomerMessage: opening.slice(0, 5000) }
        : {}),
  };
  return {
    missing: subject ? [] : ['subject'],
    ticket,
    ...(problems.length ? { problems: [...new Set(problems)] } : {}),
  };
}
