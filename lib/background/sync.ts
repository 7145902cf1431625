import ky from 'ky';
import { ApiError, IngestResult } from '../schema/events';
import { apiUrl } from './api-url';
import { parseRetryAfter, retryDelayMs } from './backoff';
import type { DeskLensDatabase, OutboxRow } from './db';
import { dueBatch } from './outbox';
import { recordSyncOutcome } from './sync-meta';

export interface SyncTarget {
  backendUrl: string;
  token: string;
  /** This build's version, told to the server on catalog pulls (fleet health). */
  extensionVersion?: string;
}

export interface DrainReport {
  sent: number;
  quarantined: number;
  /** Set when draining stopped early; the rows stay queued. */
  stoppedBecause?: string;
  /** The server refused the token itself (revoked, expired, user deactivated): this browser must prove who uses it again. */
  tokenRefused?: boolean;
}

export const BATCH_SIZE = 500;
const REQUEST_TIMEOUT_MS = 15_000;

interface DrainOptions {
  now?: () => number;
  random?: () => number;
  batchSize?: number;
  /** Try every queued row now, backoff or not: the agent asked ("Sync now") or the network came back. */
  ignoreBackoff?: boolean;
}

/**
 * Send every due outbox row to the backend, oldest first. Rows leave the outbox only once the server
 * acknowledged them (stored or duplicate), so a worker killed mid-request resends the same ids and the
 * server's idempotency makes that harmless.
 */
export async function drainOutbox(
  db: DeskLensDatabase,
  target: SyncTarget,
  options: DrainOptions = {},
): Promise<DrainReport> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  let batchSize = options.batchSize ?? BATCH_SIZE;
  const report: DrainReport = { sent: 0, quarantined: 0 };

  for (;;) {
    const batch = await dueBatch(db, batchSize, options.ignoreBackoff ? Number.POSITIVE_INFINITY : now());
    if (batch.length === 0) break;

    let response: Response;
    try {
      response = await ky.post(apiUrl(target.backendUrl, 'api/v1/events'), {
        json: { events: batch.map((row) => row.event) },
        headers: { authorization: `Bearer ${target.token}` },
        timeout: REQUEST_TIMEOUT_MS,
        throwHttpErrors: false,
        // Short in-request retries for blips; longer outages are handled by the persistent backoff below.
        retry: {
          limit: 2,
          methods: ['post'],
          statusCodes: [408, 429, 502, 503, 504],
          jitter: true,
          backoffLimit: 4_000,
        },
      });
    } catch (error) {
      report.stoppedBecause = `backend unreachable (${error instanceof Error ? error.message : String(error)})`;
      await postpone(db, batch, now(), random);
      break;
    }

    if (response.ok) {
      const parsed = IngestResult.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        report.stoppedBecause = 'backend answered with an unexpected body';
        await postpone(db, batch, now(), random);
        break;
      }
      const acknowledged = parsed.data.results.map((result) => result.id);
      await acknowledge(db, acknowledged);
      report.sent += acknowledged.length;
      continue;
    }

    if (response.status === 413 && batchSize > 1) {
      batchSize = Math.max(1, Math.floor(batchSize / 2));
      continue;
    }

    if (response.status === 400 || response.status === 413 || response.status === 422) {
      report.quarantined += await quarantineRejected(db, batch, await response.json().catch(() => undefined));
      continue;
    }

    if (response.status === 401 || response.status === 403) {
      report.stoppedBecause = 'the backend refused this browser’s token (revoked or expired); scores stay queued';
      report.tokenRefused = response.status === 401;
      break;
    }

    report.stoppedBecause = `backend answered ${response.status}`;
    await postpone(db, batch, now(), random, parseRetryAfter(response.headers.get('retry-after'), now()));
    break;
  }

  await recordSyncOutcome(db, report, now());
  return report;
}

async function acknowledge(db: DeskLensDatabase, ids: string[]): Promise<void> {
  await db.transaction('rw', db.outbox, db.ticketFeedback, async () => {
    await db.outbox.bulkDelete(ids);
    await db.ticketFeedback.where('eventId').anyOf(ids).modify({ synced: true });
  });
}

async function postpone(
  db: DeskLensDatabase,
  batch: OutboxRow[],
  now: number,
  random: () => number,
  retryAfterMs?: number,
) {
  await db.outbox.bulkPut(
    batch.map((row) => {
      const attempts = row.attempts + 1;
      return { ...row, attempts, notBefore: now + retryDelayMs(attempts, random, retryAfterMs) };
    }),
  );
}

/**
 * A 400 names the bad events by index (`events.3.csat`). Only those are quarantined, with the reason
 * kept for the agent; the rest of the batch goes again. If the server names no event, the whole batch is
 * quarantined rather than retried forever.
 */
async function quarantineRejected(db: DeskLensDatabase, batch: OutboxRow[], body: unknown): Promise<number> {
  const error = ApiError.safeParse(body);
  const reasons = new Map<number, string[]>();
  for (const issue of error.success ? (error.data.error.issues ?? []) : []) {
    const match = /^events\.(\d+)(?:\.(.*))?$/.exec(issue.path);
    if (!match) continue;
    const index = Number(match[1]);
    const list = reasons.get(index) ?? [];
    list.push(match[2] ? `${match[2]}: ${issue.message}` : issue.message);
    reasons.set(index, list);
  }
  const fallback = error.success ? error.data.error.message : 'rejected by the backend';
  const rejected =
    reasons.size > 0 ? [...reasons.keys()].flatMap((i) => (batch[i] ? [i] : [])) : batch.map((_, i) => i);
  await db.outbox.bulkPut(
    rejected.map((i) => {
      const row = batch[i] as OutboxRow;
      return { ...row, state: 'quarantined' as const, rejection: reasons.get(i)?.join('; ') ?? fallback };
    }),
  );
  return rejected.length;
}
