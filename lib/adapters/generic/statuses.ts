import type { TicketPriority, TicketStatus } from '../../schema/ticket';
import { chinesePriority, chineseStatus } from '../labels';

/**
 * Helpdesk labels → DeskLens statuses and priorities: the description's own maps first (any label, any language),
 * then the labels most helpdesks share. Keys compare without regard to case or outer spaces.
 */
const STATUSES: Record<string, TicketStatus> = {
  new: 'new',
  open: 'open',
  'in progress': 'open',
  pending: 'pending',
  'pending reminder': 'pending',
  'pending close': 'pending',
  waiting: 'pending',
  feedback: 'pending',
  hold: 'hold',
  'on hold': 'hold',
  solved: 'solved',
  resolved: 'solved',
  closed: 'closed',
  rejected: 'closed',
  merged: 'closed',
};

const key = (label: string) => label.trim().toLowerCase();

function lookup<T>(map: Record<string, T> | undefined, label: string): T | undefined {
  if (!map) return undefined;
  const wanted = key(label);
  for (const [name, value] of Object.entries(map)) if (key(name) === wanted) return value;
  return undefined;
}

export function mapStatus(
  label: string,
  statusMap: Record<string, TicketStatus> | undefined,
): TicketStatus | undefined {
  return lookup(statusMap, label) ?? STATUSES[key(label)] ?? chineseStatus(label);
}

export function mapPriority(
  label: string,
  priorityMap: Record<string, TicketPriority> | undefined,
): TicketPriority | undefined {
  const mapped = lookup(priorityMap, label) ?? chinesePriority(label);
  if (mapped) return mapped;
  const value = key(label);
  if (/urgent|critical|immediate|^4/.test(value)) return 'urgent';
  if (/high|^3/.test(value)) return 'high';
  if (/medium|normal|^2/.test(value)) return 'normal';
  if (/low|^1/.test(value)) return 'low';
  return undefined;
}

/** A value from a described map (roles), compared like the status labels. */
export function mapLabel<T>(map: Record<string, T>, label: string): T | undefined {
  return lookup(map, label);
}
