import { type ExpressionBuilder, type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { DeskLensEvent, FeedbackEvent, IngestResult, SatisfactionDimension } from '../../lib/schema/events';
import type { AuthenticatedAgent } from '../auth/tokens';
import { type BulkInsert, bulkInsert } from '../db/bulk-insert';
import { DIMENSION_COLUMN, DIMENSION_COLUMNS, type DimensionColumn } from '../db/dimension-columns';
import type { Database, FeedbackTable, ScriptUsageTable, SlaOutcomesTable } from '../db/schema';
import { applyRollupDeltas, COUNTED_SCORE_COLUMNS, type CountedScore, countedScore } from '../stats/rollups';

const EVENT_INSERT: BulkInsert<'events'> = {
  table: 'events',
  columns: ['id', 'org_id', 'agent_id', 'type', 'helpdesk', 'ticket_id', 'occurred_at', 'received_at', 'payload'],
  // An id is unique within its organisation (migration 0046): another org's ids never make this one's duplicates.
  suffix: 'on conflict ("org_id", "id") do nothing returning "id"',
};

const FEEDBACK_INSERT: BulkInsert<'feedback'> = {
  table: 'feedback',
  columns: [
    'event_id',
    'org_id',
    'team_id',
    'agent_id',
    'helpdesk',
    'ticket_id',
    'round',
    'csat',
    'nps',
    'dimensions',
    'comment',
    'customer_id',
    'customer_email',
    'tier_id',
    'complaint_grade',
    'retracted',
    'is_current',
    'occurred_at',
    ...DIMENSION_COLUMNS,
  ],
  integers: ['csat', 'nps', 'retracted', 'is_current', ...DIMENSION_COLUMNS],
};

const SLA_OUTCOME_INSERT: BulkInsert<'sla_outcomes'> = {
  table: 'sla_outcomes',
  columns: [
    'event_id',
    'org_id',
    'team_id',
    'agent_id',
    'helpdesk',
    'ticket_id',
    'metric',
    'cycle',
    'state',
    'breached',
    'elapsed_ms',
    'occurred_at',
  ],
  integers: ['cycle', 'breached', 'elapsed_ms'],
};

export const SCRIPT_USAGE_INSERT: BulkInsert<'script_usage'> = {
  table: 'script_usage',
  columns: [
    'event_id',
    'org_id',
    'team_id',
    'agent_id',
    'helpdesk',
    'ticket_id',
    'script_id',
    'script_version',
    'action',
    'edited',
    'occurred_at',
  ],
  integers: ['script_version', 'edited'],
};

/** Rows per INSERT statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Store a batch in one transaction, set-based. Events are inserted with ON CONFLICT DO NOTHING on the client's
 * id and RETURNING tells which were new, so a replayed batch — or the same batch arriving at two instances at
 * once — stores each event exactly once. Everything is credited to the agent of the token, never to anyone
 * named in the body.
 */
export async function storeBatch(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  events: DeskLensEvent[],
  now = new Date(),
  pauses: IngestPauses = {},
): Promise<IngestResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeBatchOnce(db, agent, events, now, pauses);
    } catch (error) {
      // Another instance made a score for the same ticket current while this batch was deciding (the unique
      // index refused a second current score, or the demotion met a newer one); the retry reads that score and
      // decides again. Nothing of the failed attempt was kept.
      if (attempt >= MAX_ATTEMPTS || !isCurrentScoreConflict(error)) throw error;
    }
  }
}

const MAX_ATTEMPTS = 4;

/**
 * Where a test may hold a batch to let another instance's batch commit in between: the interleavings that decide
 * which score counts cannot be produced reliably by timing. Production passes none.
 */
export interface IngestPauses {
  /** After the batch has read its tickets' stored scores, before it demotes the current ones. */
  afterScoresRead?: () => Promise<void>;
}

/**
 * The demotion of a ticket's current score found one newer than this batch's: another instance stored it after this
 * batch read the ticket (each statement of a READ COMMITTED transaction sees what committed before it began).
 */
class NewerScoreStoredMeanwhile extends Error {}

/** The unique index on current scores refused a second current score (PostgreSQL 23505 / SQLite UNIQUE). */
function isCurrentScoreConflict(error: unknown): boolean {
  if (error instanceof NewerScoreStoredMeanwhile) return true;
  if (!(error instanceof Error)) return false;
  const { code, constraint } = error as Error & { code?: string; constraint?: string };
  if (code === '23505') return constraint === 'feedback_one_current';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('feedback.');
}

async function storeBatchOnce(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  events: DeskLensEvent[],
  now: Date,
  pauses: IngestPauses,
): Promise<IngestResult> {
  const receivedAt = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const newIds = new Set<string>();
    for (const part of chunks(events)) {
      const inserted = await bulkInsert<'events', { id: string }>(
        trx,
        EVENT_INSERT,
        part.map((event) => ({
          id: event.id,
          org_id: agent.org_id,
          agent_id: agent.id,
          type: event.type,
          helpdesk: event.helpdesk,
          ticket_id: 'ticketId' in event ? event.ticketId : null,
          occurred_at: new Date(event.occurredAt).toISOString(),
          received_at: receivedAt,
          payload: JSON.stringify(event),
        })),
      );
      for (const row of inserted) newIds.add(row.id);
    }
    // The same id twice in one batch is stored once: only its first occurrence counts as stored.
    const seen = new Set<string>();
    const results: IngestResult['results'] = events.map((event) => {
      const stored = newIds.has(event.id) && !seen.has(event.id);
      seen.add(event.id);
      return { id: event.id, status: stored ? 'stored' : 'duplicate' };
    });
    const storedFeedback = events.filter(
      (event, index): event is FeedbackEvent => event.type === 'feedback' && results[index]?.status === 'stored',
    );
    const counting = storedFeedback.length > 0 ? await storeFeedback(trx, agent, storedFeedback, pauses) : undefined;
    const stored = events.filter((_, index) => results[index]?.status === 'stored');
    await storeServiceRows(trx, agent, stored);
    // Last, so the team's roll-up rows — which every agent of the team writes — are locked for the shortest time:
    // from here to the commit.
    if (counting) await applyRollupDeltas(trx, counting.started, counting.stopped);
    const storedCount = results.filter((r) => r.status === 'stored').length;
    return { stored: storedCount, duplicates: results.length - storedCount, results };
  });
}

function dimensionValues(dimensions: FeedbackEvent['dimensions']): Record<DimensionColumn, number | null> {
  const values = Object.fromEntries(DIMENSION_COLUMNS.map((column) => [column, null])) as Record<
    DimensionColumn,
    number | null
  >;
  for (const [dimension, score] of Object.entries(dimensions ?? {}) as [SatisfactionDimension, number][]) {
    values[DIMENSION_COLUMN[dimension]] = score;
  }
  return values;
}

/** SLA outcomes and script usage get rows of their own, so stats aggregate them without reading payload JSON. */
async function storeServiceRows(trx: Transaction<Database>, agent: AuthenticatedAgent, events: DeskLensEvent[]) {
  const base = (event: DeskLensEvent) => ({
    event_id: event.id,
    org_id: agent.org_id,
    team_id: agent.team_id,
    agent_id: agent.id,
    helpdesk: event.helpdesk,
    occurred_at: new Date(event.occurredAt).toISOString(),
  });
  const outcomes: SlaOutcomesTable[] = [];
  const usage: ScriptUsageTable[] = [];
  for (const event of events) {
    if (event.type === 'sla') {
      outcomes.push({
        ...base(event),
        ticket_id: event.ticketId,
        metric: event.metric,
        cycle: event.cycle ?? 1,
        state: event.state,
        breached: event.state === 'breached' || event.breached === true ? 1 : 0,
        elapsed_ms: event.state === 'fulfilled' ? (event.elapsedMs ?? null) : null,
      });
    } else if (event.type === 'script_usage') {
      usage.push({
        ...base(event),
        ticket_id: event.ticketId,
        script_id: event.scriptId,
        script_version: event.scriptVersion,
        action: event.action,
        edited: event.editedBeforeSend === undefined ? null : event.editedBeforeSend ? 1 : 0,
      });
    }
  }
  for (const part of chunks(outcomes)) await bulkInsert(trx, SLA_OUTCOME_INSERT, part);
  for (const part of chunks(usage)) await bulkInsert(trx, SCRIPT_USAGE_INSERT, part);
}

/**
 * `ticket_id` is one of `tickets`. On PostgreSQL one array parameter (`= any($1)`) instead of hundreds of
 * placeholders keeps planning cheap on every batch; SQLite has no arrays and plans IN lists cheaply.
 */
function ticketIn(trx: Transaction<Database>, tickets: string[]) {
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  return (eb: ExpressionBuilder<Database, 'feedback'>) =>
    postgres ? sql<boolean>`${eb.ref('ticket_id')} = any(${tickets}::text[])` : eb('ticket_id', 'in', tickets);
}

const keyOf = (helpdesk: string, ticketId: string, round: string) => `${helpdesk}\u0000${ticketId}\u0000${round}`;
const newer = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * The newest score for an agent, ticket and round is the one stats count; an older one arriving late (a browser
 * that was offline) is kept as history without displacing the newer score. Decided for the whole batch at once.
 * Returns what starts and stops counting, for the roll-ups.
 */
async function storeFeedback(
  trx: Transaction<Database>,
  agent: AuthenticatedAgent,
  events: FeedbackEvent[],
  pauses: IngestPauses,
): Promise<{ started: CountedScore[]; stopped: CountedScore[] }> {
  const latestExisting = new Map<string, { at: string; id: string }>();
  // Looked up per helpdesk so the (ticket_id, agent_id, helpdesk, round) index probes only these tickets
  // instead of scanning every score the agent ever captured.
  const ticketsByHelpdesk = new Map<string, Set<string>>();
  for (const event of events) {
    const tickets = ticketsByHelpdesk.get(event.helpdesk) ?? new Set<string>();
    tickets.add(event.ticketId);
    ticketsByHelpdesk.set(event.helpdesk, tickets);
  }
  const lookups = [...ticketsByHelpdesk].flatMap(([helpdesk, tickets]) =>
    chunks([...tickets], 500).map((part) => ({ helpdesk, part })),
  );
  for (const { helpdesk, part } of lookups) {
    const rows = await trx
      .selectFrom('feedback')
      .select(['helpdesk', 'ticket_id', 'round', 'occurred_at', 'event_id'])
      .where('agent_id', '=', agent.id)
      .where('helpdesk', '=', helpdesk)
      .where(ticketIn(trx, part))
      .execute();
    for (const row of rows) {
      const key = keyOf(row.helpdesk, row.ticket_id, row.round);
      const candidate = { at: row.occurred_at, id: row.event_id };
      const current = latestExisting.get(key);
      if (!current || newer(candidate, current)) latestExisting.set(key, candidate);
    }
  }

  const winners = new Map<string, FeedbackEvent>();
  for (const event of events) {
    const key = keyOf(event.helpdesk, event.ticketId, event.round);
    const mine = { at: new Date(event.occurredAt).toISOString(), id: event.id };
    const existing = latestExisting.get(key);
    if (existing && !newer(mine, existing)) continue;
    const best = winners.get(key);
    if (!best || newer(mine, { at: new Date(best.occurredAt).toISOString(), id: best.id })) winners.set(key, event);
  }

  // Keys where a new event wins over a stored row: that row stops counting. Keys seen for the first time have
  // nothing to displace (the SELECT above saw every row of this agent for these tickets), so they cost no UPDATE.
  // Grouped so one UPDATE covers many tickets.
  const displaced = new Map<string, { helpdesk: string; round: string; tickets: string[] }>();
  for (const [key, event] of winners) {
    if (!latestExisting.has(key)) continue;
    const group = `${event.helpdesk}\u0000${event.round}`;
    const entry = displaced.get(group) ?? { helpdesk: event.helpdesk, round: event.round, tickets: [] };
    entry.tickets.push(event.ticketId);
    displaced.set(group, entry);
  }
  await pauses.afterScoresRead?.();
  // What stops counting leaves the roll-ups; RETURNING says what that was without a second read.
  const stoppedCounting: CountedScore[] = [];
  for (const { helpdesk, round, tickets: ticketIds } of displaced.values()) {
    for (const part of chunks(ticketIds, 500)) {
      const rows = await trx
        .updateTable('feedback')
        .set({ is_current: 0 })
        .where('agent_id', '=', agent.id)
        .where('helpdesk', '=', helpdesk)
        .where('round', '=', round as FeedbackTable['round'])
        .where(ticketIn(trx, part))
        .where('is_current', '=', 1)
        .returning([...COUNTED_SCORE_COLUMNS, 'ticket_id', 'event_id'])
        .execute();
      for (const row of rows) {
        const winner = winners.get(keyOf(helpdesk, row.ticket_id, row.round));
        const demoted = { at: row.occurred_at, id: row.event_id };
        // Demoting it would make an older score current: decide again from what is stored now.
        if (winner && newer(demoted, { at: new Date(winner.occurredAt).toISOString(), id: winner.id }))
          throw new NewerScoreStoredMeanwhile();
        stoppedCounting.push(countedScore(row));
      }
    }
  }

  const winningIds = new Set([...winners.values()].map((e) => e.id));
  const startedCounting: CountedScore[] = [];
  for (const part of chunks(events)) {
    const rows = part.map(
      (event): FeedbackTable => ({
        event_id: event.id,
        org_id: agent.org_id,
        team_id: agent.team_id,
        agent_id: agent.id,
        helpdesk: event.helpdesk,
        ticket_id: event.ticketId,
        round: event.round,
        csat: event.csat,
        nps: event.nps ?? null,
        dimensions: event.dimensions ? JSON.stringify(event.dimensions) : null,
        comment: event.comment ?? null,
        customer_id: event.customer.id ?? null,
        customer_email: event.customer.email?.toLowerCase() ?? null,
        tier_id: event.tierId ?? null,
        complaint_grade: event.complaintGrade ?? null,
        retracted: event.retracted ? 1 : 0,
        // A retraction is the newest word on the ticket but is itself never counted.
        is_current: winningIds.has(event.id) && !event.retracted ? 1 : 0,
        occurred_at: new Date(event.occurredAt).toISOString(),
        ...dimensionValues(event.dimensions),
      }),
    );
    await bulkInsert(trx, FEEDBACK_INSERT, rows);
    for (const row of rows) if (row.is_current === 1) startedCounting.push(countedScore(row));
  }
  return { started: startedCounting, stopped: stoppedCounting };
}
