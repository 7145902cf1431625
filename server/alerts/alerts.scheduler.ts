import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema';
import type { LiveHub } from '../live/live.hub';
import { evaluateOrg, type Firing } from './alerts.evaluate';

export interface AlertScheduler {
  /** New scores or SLA outcomes arrived for this organisation: evaluate soon (debounced). */
  nudge: (orgId: string) => void;
  /** Evaluate one organisation now (after any run already going for it). */
  evaluateNow: (orgId: string) => Promise<{ evaluated: number; fired: Firing[] }>;
  stop: () => Promise<void>;
}

export interface SchedulerOptions {
  /** Quiet time after the last ingest before evaluating (default 2 s): a burst of batches is read once. */
  debounceMs?: number;
  /** Longest an evaluation waits for a quiet moment while scores keep arriving (default 30 s). */
  maxWaitMs?: number;
  /** Every organisation is evaluated this often as well (default 5 minutes); 0 turns the schedule off. */
  intervalMs?: number;
}

/**
 * Evaluates alert rules after ingest (debounced per organisation) and on a schedule. Every instance runs one;
 * the database's unique firing key, not this scheduler, makes each firing happen once across instances.
 */
export function createAlertScheduler(
  db: Kysely<Database>,
  live: LiveHub,
  logger: Logger,
  options: SchedulerOptions = {},
): AlertScheduler {
  const debounceMs = options.debounceMs ?? 2000;
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  const maxWaitMs = Math.max(debounceMs, options.maxWaitMs ?? 30_000);
  const pending = new Map<string, NodeJS.Timeout>();
  const firstNudge = new Map<string, number>();
  const running = new Map<string, Promise<{ evaluated: number; fired: Firing[] }>>();
  let stopped = false;

  const evaluateNow = (orgId: string) => {
    const previous = running.get(orgId) ?? Promise.resolve(undefined);
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const result = await evaluateOrg(db, orgId);
        for (const firing of result.fired) {
          logger.info({ alert: firing.alert.id, rule: firing.alert.ruleId, team: firing.alert.teamId }, 'alert fired');
          await live.publish({ type: 'alert', orgId, alert: firing.alert }).catch(() => undefined);
          await live
            .publish({
              type: 'action',
              orgId,
              action: {
                id: firing.action.id,
                teamId: firing.action.team_id,
                status: firing.action.status,
                updatedAt: firing.action.updated_at,
              },
            })
            .catch(() => undefined);
        }
        return result;
      });
    running.set(orgId, run);
    const forget = () => {
      if (running.get(orgId) === run) running.delete(orgId);
    };
    run.then(forget, forget);
    return run;
  };

  const quietly = (orgId: string) => {
    if (stopped) return;
    evaluateNow(orgId).catch((error: unknown) => logger.warn({ err: error, org: orgId }, 'alert evaluation failed'));
  };

  const timer =
    intervalMs > 0
      ? setInterval(async () => {
          try {
            const orgs = await db.selectFrom('orgs').select('id').execute();
            for (const { id } of orgs) quietly(id);
          } catch (error) {
            logger.warn({ err: error }, 'scheduled alert evaluation failed');
          }
        }, intervalMs)
      : undefined;
  timer?.unref();

  return {
    nudge: (orgId) => {
      if (stopped) return;
      // Under steady ingest the quiet time never comes: after `maxWaitMs` of nudges the evaluation runs anyway.
      const since = firstNudge.get(orgId) ?? Date.now();
      firstNudge.set(orgId, since);
      clearTimeout(pending.get(orgId));
      const wait = setTimeout(
        () => {
          pending.delete(orgId);
          firstNudge.delete(orgId);
          quietly(orgId);
        },
        Math.max(0, Math.min(debounceMs, since + maxWaitMs - Date.now())),
      );
      wait.unref();
      pending.set(orgId, wait);
    },
    evaluateNow,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const wait of pending.values()) clearTimeout(wait);
      pending.clear();
      firstNudge.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
}
