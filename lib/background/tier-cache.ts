import ky from 'ky';
import { CustomerLookupResponse } from '../schema/api';
import type { TicketContext } from '../schema/ticket';
import { apiUrl } from './api-url';
import type { DeskLensDatabase } from './db';
import type { SyncTarget } from './sync';

/**
 * The customer's tier from the backend (`GET /api/v1/customers/lookup`), cached in IndexedDB so switching back
 * to a ticket costs nothing and the backend sees one lookup per customer an hour.
 *
 *   readCachedTier(db, key, now)            → answer, null (known unknown), or undefined (ask)
 *   cacheTier(db, key, value, expiresAt)
 *   lookupCustomerTier(db, target, ticket, now)
 */
const FOUND_TTL_MS = 60 * 60_000;
const UNKNOWN_TTL_MS = 15 * 60_000;

export function customerKey(ticket: Pick<TicketContext, 'helpdesk' | 'requester'>): string | undefined {
  if (ticket.requester.id) return `${ticket.helpdesk}|id|${ticket.requester.id}`;
  if (ticket.requester.email) return `email|${ticket.requester.email.toLowerCase()}`;
  return undefined;
}

export async function readCachedTier(
  db: DeskLensDatabase,
  key: string,
  now: number,
): Promise<CustomerLookupResponse | null | undefined> {
  const row = await db.tierCache.get(key);
  return row && row.expiresAt > now ? row.value : undefined;
}

export async function cacheTier(
  db: DeskLensDatabase,
  key: string,
  value: CustomerLookupResponse | null,
  expiresAt: number,
): Promise<void> {
  await db.tierCache.put({ key, value, expiresAt });
}

export async function lookupCustomerTier(
  db: DeskLensDatabase,
  target: SyncTarget,
  ticket: Pick<TicketContext, 'helpdesk' | 'requester'>,
  now = Date.now(),
): Promise<CustomerLookupResponse | undefined> {
  const key = customerKey(ticket);
  if (!key) return undefined;
  const cached = await readCachedTier(db, key, now);
  if (cached !== undefined) return cached ?? undefined;
  const query = new URLSearchParams();
  if (ticket.requester.id) {
    query.set('requesterId', ticket.requester.id);
    query.set('helpdesk', ticket.helpdesk);
  }
  if (ticket.requester.email) query.set('email', ticket.requester.email);
  try {
    const response = await ky.get(apiUrl(target.backendUrl, `api/v1/customers/lookup?${query}`), {
      headers: { authorization: `Bearer ${target.token}` },
      timeout: 5_000,
      throwHttpErrors: false,
      retry: 0,
    });
    if (response.status === 404) {
      await cacheTier(db, key, null, now + UNKNOWN_TTL_MS);
      return undefined;
    }
    if (!response.ok) return undefined;
    const parsed = CustomerLookupResponse.safeParse(await response.json());
    if (!parsed.success) return undefined;
    await cacheTier(db, key, parsed.data, now + FOUND_TTL_MS);
    return parsed.data;
  } catch {
    // Offline or slow: the badge falls back to what the ticket itself says; nothing is cached.
    return undefined;
  }
}
