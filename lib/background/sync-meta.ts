import type { DeskLensDatabase } from './db';
import type { DrainReport } from './sync';

export interface SyncMeta {
  sentTotal: number;
  lastSyncAt?: string;
  lastError?: string;
}

const KEY = 'sync';

export async function readSyncMeta(db: DeskLensDatabase): Promise<SyncMeta> {
  const row = await db.meta.get(KEY);
  return (row?.value as SyncMeta | undefined) ?? { sentTotal: 0 };
}

export async function recordSyncOutcome(db: DeskLensDatabase, report: DrainReport, now: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const meta = await readSyncMeta(db);
    const next: SyncMeta = {
      sentTotal: meta.sentTotal + report.sent,
      lastSyncAt: report.stoppedBecause ? meta.lastSyncAt : new Date(now).toISOString(),
      lastError: report.stoppedBecause,
    };
    await db.meta.put({ key: KEY, value: next });
  });
}
