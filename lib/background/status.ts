import type { SyncStatus } from '../messaging';
import type { IdentityState } from '../schema/identity';
import type { DeskLensDatabase } from './db';
import { countByState } from './outbox';
import { readSyncMeta } from './sync-meta';

export interface SyncStatusSource {
  backendUrl: () => Promise<string | undefined>;
  enrolled: () => Promise<boolean>;
  identity: () => Promise<IdentityState>;
}

export async function syncStatus(db: DeskLensDatabase, source: SyncStatusSource): Promise<SyncStatus> {
  const [counts, meta, quarantinedRows, backendUrl, enrolled, identity] = await Promise.all([
    countByState(db),
    readSyncMeta(db),
    db.outbox.where('state').equals('quarantined').limit(20).toArray(),
    source.backendUrl(),
    source.enrolled(),
    source.identity(),
  ]);
  return {
    queued: counts.queued,
    sent: meta.sentTotal,
    failed: counts.quarantined,
    quarantined: quarantinedRows.map((row) => ({
      eventId: row.id,
      type: row.type,
      reason: row.rejection ?? 'rejected',
    })),
    lastError: meta.lastError,
    lastSyncAt: meta.lastSyncAt,
    enrolled,
    backendUrl,
    identity,
  };
}
