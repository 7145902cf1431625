import { randomUUID } from 'node:crypto';
import type { DeskLensEventInput } from '../../lib/schema/events';

/** Routes whose latency the run reports, as the load tool's clients see it. */
export type RouteName =
  | 'POST /events'
  | 'GET /catalog'
  | 'GET /config'
  | 'GET /stats/satisfaction'
  | 'GET /stats/service'
  | 'GET /stats/scripts';

/** One simulated agent: a browser with its own token and an outbox that keeps events until the server has them. */
export interface SimulatedAgent {
  index: number;
  token: string;
  outbox: DeskLensEventInput[];
  catalogEtag?: string;
  configEtag?: string;
  ticket: number;
}

export interface RouteFigures {
  /** After warm-up only. */
  latenciesMs: number[];
  statuses: Record<number, number>;
  sent: number;
  answered: number;
}

const SCRIPTS = ['greeting-en', 'apology-en', 'greeting-zh'];
const SLA_METRICS = ['first_reply_time', 'next_reply_time', 'requester_wait_time'];
/** Largest batch an agent sends at once (the extension's own batch size is 500). */
const BATCH = 100;

/**
 * Every simulated agent and what they sent. The outbox works like the extension's: an event stays until a response
 * acknowledges it (stored or duplicate), so anything lost to a failed request, a killed instance or a database
 * restart is sent again with the next batch — and ingest must store it exactly once.
 */
export class Fleet {
  readonly agents: SimulatedAgent[];
  readonly generated = new Set<string>();
  readonly acknowledged = new Set<string>();
  /** What the server reported: `stored` means this request stored it, `duplicate` that it was already there. */
  storedReports = 0;
  duplicateReports = 0;
  readonly routes = new Map<RouteName, RouteFigures>();
  /** Latencies before this instant (performance.now()) are warm-up: compiled code, cold caches, new pools. */
  measureFrom = 0;
  private turn = 0;

  constructor(tokens: string[]) {
    this.agents = tokens.map((token, index) => ({ index, token, outbox: [], ticket: 10_000 + index * 1_000 }));
  }

  /** Agents take turns: with N agents and N/30 syncs a second, each syncs every 30 s. */
  nextAgent(): SimulatedAgent {
    const agent = this.agents[this.turn % this.agents.length] as SimulatedAgent;
    this.turn += 1;
    return agent;
  }

  figures(route: RouteName): RouteFigures {
    let figures = this.routes.get(route);
    if (!figures) {
      figures = { latenciesMs: [], statuses: {}, sent: 0, answered: 0 };
      this.routes.set(route, figures);
    }
    return figures;
  }

  record(route: RouteName, status: number, latencyMs: number, sentAt: number) {
    const figures = this.figures(route);
    figures.answered += 1;
    figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
    if (sentAt >= this.measureFrom) figures.latenciesMs.push(latencyMs);
  }

  /** What an agent did since the last sync: a few scores, script uses and SLA outcomes on their tickets. */
  work(agent: SimulatedAgent, now = new Date()) {
    const count = 1 + Math.floor(Math.random() * 6);
    for (let i = 0; i < count; i++) {
      if (Math.random() < 0.2) agent.ticket += 1;
      const base = {
        id: randomUUID(),
        occurredAt: new Date(now.getTime() - Math.floor(Math.random() * 25_000)).toISOString(),
        helpdesk: 'zendesk' as const,
        ticketId: String(agent.ticket),
      };
      const roll = Math.random();
      const event: DeskLensEventInput =
        roll < 0.3
          ? {
              ...base,
              type: 'feedback',
              csat: 1 + Math.floor(Math.random() * 5),
              nps: Math.floor(Math.random() * 11),
              dimensions: { response_speed: 1 + Math.floor(Math.random() * 5) },
              customer: { email: `customer${agent.ticket}@example.com` },
              round: 'initial',
            }
          : roll < 0.7
            ? {
                ...base,
                type: 'script_usage',
                scriptId: SCRIPTS[Math.floor(Math.random() * SCRIPTS.length)] as string,
                scriptVersion: 1,
                action: (['inserted', 'copied', 'sent'] as const)[Math.floor(Math.random() * 3)] ?? 'inserted',
              }
            : {
                ...base,
                type: 'sla',
                metric: SLA_METRICS[Math.floor(Math.random() * SLA_METRICS.length)] as string,
                state: 'fulfilled',
                breached: Math.random() < 0.1,
                elapsedMs: Math.floor(Math.random() * 3_600_000),
                businessHours: false,
              };
      agent.outbox.push(event);
      this.generated.add(base.id);
    }
  }

  /** The next batch to send: the oldest unacknowledged events first. */
  batch(agent: SimulatedAgent): string {
    return JSON.stringify({ events: agent.outbox.slice(0, BATCH) });
  }

  /** A 200 from ingest: every event it names is the server's now, and leaves the outbox. */
  acknowledge(agent: SimulatedAgent, body: string) {
    const answer = JSON.parse(body) as { results: { id: string; status: 'stored' | 'duplicate' }[] };
    const done = new Set<string>();
    for (const result of answer.results) {
      done.add(result.id);
      this.acknowledged.add(result.id);
      if (result.status === 'stored') this.storedReports += 1;
      else this.duplicateReports += 1;
    }
    agent.outbox = agent.outbox.filter((event) => !done.has(event.id));
  }

  pending(): number {
    return this.agents.reduce((sum, agent) => sum + agent.outbox.length, 0);
  }
}

/** p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
