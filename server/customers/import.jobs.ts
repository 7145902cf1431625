import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { CustomerImportProgress, CustomerImportReport } from '../../lib/schema/api';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../auth/principal';
import type { CustomerImportStatus, CustomerImportsTable, Database } from '../db/schema';
import { applyStaged, countStaged, dropStaged } from './import.apply';
import { checkFile, ImportFileError } from './import.check';
import { spoolUpload } from './import.spool';

/** An import whose row has not moved for this long lost its server (killed, restarted): it is reported interrupted. */
export const STALE_AFTER_MS = 60_000;
const HEARTBEAT_MS = 15_000;
/** Progress is written at most this often while bytes or rows stream through. */
const PROGRESS_EVERY_MS = 250;

const FINAL: readonly CustomerImportStatus[] = ['done', 'refused', 'failed', 'interrupted'];
export const isFinal = (status: CustomerImportStatus) => FINAL.includes(status);

const RESTARTED =
  'The server running this import stopped before it ended; upload the file again (customers are updated by id, so nothing is doubled).';

/**
 * One bar for three phases. Receiving weighs most when the file comes over the network; checking reads and parses it;
 * applying writes the good rows. A dry run has no apply phase.
 */
export function percentOf(row: CustomerImportsTable): number {
  if (row.status === 'done' || row.status === 'refused') return 100;
  const [receive, check] = row.dry_run ? [50, 50] : [40, 30];
  const received = row.bytes_expected ? Math.min(1, row.bytes_received / row.bytes_expected) : 0;
  const receiving = row.status === 'receiving' ? received : 1;
  const checking =
    row.status === 'receiving' || row.status === 'queued'
      ? 0
      : row.status === 'checking'
        ? Math.min(1, row.bytes_checked / Math.max(1, row.bytes_received))
        : 1;
  const applying = row.rows_to_apply ? Math.min(1, row.rows_applied / row.rows_to_apply) : 0;
  return Math.floor(receive * receiving + check * checking + (100 - receive - check) * applying);
}

export function progressOut(row: CustomerImportsTable, now = Date.now()): CustomerImportProgress {
  const stale = !isFinal(row.status) && now - Date.parse(row.updated_at) > STALE_AFTER_MS;
  return {
    id: row.id,
    status: stale ? 'interrupted' : row.status,
    dryRun: Boolean(row.dry_run),
    skipBadRows: Boolean(row.skip_bad_rows),
    bytesExpected: row.bytes_expected,
    bytesReceived: row.bytes_received,
    bytesChecked: row.bytes_checked,
    rowsChecked: row.rows_checked,
    rowsToApply: row.rows_to_apply,
    rowsApplied: row.rows_applied,
    percent: percentOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    report: row.report ? (JSON.parse(row.report) as CustomerImportReport) : null,
    error: stale ? RESTARTED : row.error,
  };
}

export async function readImport(db: Kysely<Database>, orgId: string, id: string) {
  return db
    .selectFrom('customer_imports')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

type Changes = Partial<Omit<CustomerImportsTable, 'id' | 'org_id' | 'actor_id' | 'created_at'>>;

async function update(db: Kysely<Database> | Transaction<Database>, id: string, changes: Changes) {
  await db
    .updateTable('customer_imports')
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Calls `write` at most every PROGRESS_EVERY_MS, never two at once; `flush` writes whatever is pending. */
function throttled<T>(write: (value: T) => Promise<void>) {
  let last = 0;
  let running: Promise<void> | undefined;
  let pending: { value: T } | undefined;
  const run = async (value: T) => {
    last = Date.now();
    running = write(value).finally(() => {
      running = undefined;
    });
    await running;
  };
  return {
    push: async (value: T) => {
      pending = { value };
      if (running || Date.now() - last < PROGRESS_EVERY_MS) return;
      pending = undefined;
      await run(value);
    },
    flush: async () => {
      await running;
      if (pending) await run(pending.value);
      pending = undefined;
    },
  };
}

export interface ImportJob {
  id: string;
  principal: Principal;
  dryRun: boolean;
  skipBadRows: boolean;
  path: string;
}

export type ImportOutcome =
  | { status: 'done' | 'refused'; report: CustomerImportReport }
  | { status: 'failed'; fileError?: string }
  | { status: 'interrupted' };

/**
 * Runs customer imports for one server instance. Uploads are spooled to disk as they arrive, with no transaction
 * open; checking and applying then run one import at a time per instance, in short transactions, and can be
 * stopped between two chunks when the server shuts down. Progress lives in customer_imports, so any instance behind
 * the load balancer can report it.
 */
export class ImportRunner {
  private turn: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly spoolDir: string,
    readonly limitBytes: number,
  ) {}

  /** Records a new import as receiving and says where its upload goes. */
  async open(principal: Principal, options: { dryRun: boolean; skipBadRows: boolean }, bytesExpected: number | null) {
    const now = new Date().toISOString();
    const id = `import_${randomUUID()}`;
    await this.db
      .insertInto('customer_imports')
      .values({
        id,
        org_id: principal.orgId,
        actor_id: principal.userId,
        status: 'receiving',
        dry_run: options.dryRun ? 1 : 0,
        skip_bad_rows: options.skipBadRows ? 1 : 0,
        bytes_expected: bytesExpected,
        bytes_received: 0,
        bytes_checked: 0,
        rows_checked: 0,
        rows_to_apply: null,
        rows_applied: 0,
        report: null,
        error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .execute();
    const job: ImportJob = { id, principal, ...options, path: join(this.spoolDir, `desklens-${id}.csv`) };
    return job;
  }

  /** Spools the upload; on failure the import is recorded as failed and the error passed on. */
  async receive(job: ImportJob, body: ReadableStream<Uint8Array>) {
    const progress = throttled((bytes: number) => update(this.db, job.id, { bytes_received: bytes }));
    try {
      const bytes = await spoolUpload(body, job.path, this.limitBytes, (received) => void progress.push(received));
      await progress.flush();
      await update(this.db, job.id, { bytes_received: bytes, status: 'queued' });
    } catch (error) {
      await progress.flush().catch(() => undefined);
      await rm(job.path, { force: true });
      await this.finish(job, 'failed', { error: `The upload did not complete: ${messageOf(error)}` });
      throw error;
    }
  }

  /**
   * Checks and applies a received import when this instance's turn comes; resolves with how it ended. The row is
   * touched while it waits or works, so a reader can tell a slow import from one whose server died.
   */
  process(job: ImportJob): Promise<ImportOutcome> {
    const heartbeat = setInterval(() => void update(this.db, job.id, {}).catch(() => undefined), HEARTBEAT_MS);
    const outcome = this.turn.then(() => this.run(job));
    this.turn = outcome.catch(() => undefined);
    this.running.add(outcome);
    void outcome.finally(() => {
      clearInterval(heartbeat);
      this.running.delete(outcome);
    });
    return outcome;
  }

  /** Stops between two chunks: what was applied stays applied, the import is recorded as interrupted. */
  async stop() {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  private async run(job: ImportJob): Promise<ImportOutcome> {
    const signal = this.stopping.signal;
    const now = new Date().toISOString();
    try {
      signal.throwIfAborted();
      await update(this.db, job.id, { status: 'checking' });
      const progress = throttled((p: { bytesChecked: number; rowsChecked: number }) =>
        update(this.db, job.id, { bytes_checked: p.bytesChecked, rows_checked: p.rowsChecked }),
      );
      const checked = await checkFile(this.db, job.id, job.path, (p) => progress.push(p), signal);
      await progress.flush();
      const { staged, ...found } = checked;
      const base = { ...found, dryRun: job.dryRun, importId: job.id };
      const received = await this.db
        .selectFrom('customer_imports')
        .select('bytes_received')
        .where('id', '=', job.id)
        .executeTakeFirstOrThrow();
      await update(this.db, job.id, { bytes_checked: received.bytes_received, rows_checked: checked.rows });
      if (checked.errorCount > 0 && !job.skipBadRows && !job.dryRun) {
        const report = { ...base, inserted: 0, updated: 0, skipped: 0, applied: false };
        await this.discard(job);
        await this.finish(job, 'refused', { report: JSON.stringify(report) });
        return { status: 'refused', report };
      }
      if (job.dryRun) {
        const counts = await countStaged(this.db, job.principal.orgId, job.id, signal);
        const report = { ...base, ...counts, applied: false };
        await this.discard(job);
        await this.finish(job, 'done', { report: JSON.stringify(report) });
        return { status: 'done', report };
      }
      await update(this.db, job.id, { status: 'applying', rows_to_apply: staged });
      const counts = await applyStaged(
        this.db,
        job.principal.orgId,
        job.id,
        now,
        (trx, applied) => update(trx, job.id, { rows_applied: applied }),
        signal,
      );
      const report = { ...base, ...counts, applied: true };
      await this.discard(job);
      await this.db.transaction().execute(async (trx) => {
        await recordAudit(trx, job.principal, {
          action: 'customers.import',
          targetType: 'customers',
          targetId: job.principal.orgId,
          details: { importId: job.id, rows: report.rows, ...counts, skipped: report.skipped },
        });
        await this.finish(job, 'done', { report: JSON.stringify(report) }, trx);
      });
      return { status: 'done', report };
    } catch (error) {
      await this.discard(job);
      if (signal.aborted) {
        await this.finish(job, 'interrupted', { error: RESTARTED }).catch(() => undefined);
        return { status: 'interrupted' };
      }
      if (error instanceof ImportFileError) {
        await this.finish(job, 'failed', { error: error.message });
        return { status: 'failed', fileError: error.message };
      }
      this.logger.error({ err: error, importId: job.id }, 'customer import failed');
      await this.finish(job, 'failed', { error: `The import stopped on a server error: ${messageOf(error)}` }).catch(
        () => undefined,
      );
      throw error;
    }
  }

  /**
   * Removes the spooled upload and the staged rows. Done before an import is marked finished: whoever watches its
   * progress takes "finished" to mean nothing of it is left behind. Every way out of `run` calls it once.
   */
  private async discard(job: ImportJob) {
    await rm(job.path, { force: true });
    await dropStaged(this.db, job.id).catch((error: unknown) =>
      this.logger.warn({ err: error, importId: job.id }, 'could not remove staged import rows'),
    );
  }

  private async finish(
    job: ImportJob,
    status: CustomerImportStatus,
    changes: Changes,
    db: Kysely<Database> | Transaction<Database> = this.db,
  ) {
    await update(db, job.id, { ...changes, status, finished_at: new Date().toISOString() });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
