import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Fleet, RouteName, SimulatedAgent } from './fleet';

/** What one request of a cycle keeps between being built and being answered. */
interface Cycle {
  agent?: SimulatedAgent;
  sentAt?: number;
}

/** Counts a request as sent and starts its clock; autocannon builds it right before writing it. */
function started(fleet: Fleet, route: RouteName, context: Cycle) {
  fleet.figures(route).sent += 1;
  context.sentAt = performance.now();
}

const elapsed = (context: Cycle) => (context.sentAt === undefined ? Number.NaN : performance.now() - context.sentAt);

/**
 * The agents' traffic through autocannon: each cycle is one agent's sync — configuration and catalog checks with
 * their ETags, then a batch of whatever the agent did since (`Fleet.work`) plus anything not yet acknowledged.
 * N agents syncing every 30 s make N/10 requests a second; autocannon spreads them over N/10 connections at one
 * request a second each (its rate is whole requests per connection and second).
 */
export function agentTraffic(fleet: Fleet, url: string, durationSeconds: number) {
  const perSecond = Math.max(1, Math.round((fleet.agents.length * 3) / 30));
  return autocannon({
    url,
    connections: perSecond,
    overallRate: perSecond,
    duration: durationSeconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: '/api/v1/config',
        setupRequest: (request, context: Cycle) => {
          const agent = fleet.nextAgent();
          context.agent = agent;
          started(fleet, 'GET /config', context);
          return {
            ...request,
            headers: {
              authorization: `Bearer ${agent.token}`,
              ...(agent.configEtag ? { 'if-none-match': agent.configEtag } : {}),
            },
          };
        },
        onResponse: (status, _body, context: Cycle, headers) => {
          fleet.record('GET /config', status, elapsed(context), context.sentAt ?? 0);
          if (context.agent && status === 200 && headers?.etag) context.agent.configEtag = String(headers.etag);
        },
      },
      {
        method: 'GET',
        path: '/api/v1/catalog',
        setupRequest: (request, context: Cycle) => {
          const agent = context.agent as SimulatedAgent;
          started(fleet, 'GET /catalog', context);
          return {
            ...request,
            headers: {
              authorization: `Bearer ${agent.token}`,
              ...(agent.catalogEtag ? { 'if-none-match': agent.catalogEtag } : {}),
            },
          };
        },
        onResponse: (status, _body, context: Cycle, headers) => {
          fleet.record('GET /catalog', status, elapsed(context), context.sentAt ?? 0);
          if (context.agent && status === 200 && headers?.etag) context.agent.catalogEtag = String(headers.etag);
        },
      },
      {
        method: 'POST',
        path: '/api/v1/events',
        setupRequest: (request, context: Cycle) => {
          const agent = context.agent as SimulatedAgent;
          fleet.work(agent);
          started(fleet, 'POST /events', context);
          return {
            ...request,
            headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
            body: fleet.batch(agent),
          };
        },
        onResponse: (status, body, context: Cycle) => {
          fleet.record('POST /events', status, elapsed(context), context.sentAt ?? 0);
          if (status === 200 && context.agent) fleet.acknowledge(context.agent, body);
        },
      },
    ],
  });
}

const STATS: { route: RouteName; query: string }[] = [
  { route: 'GET /stats/satisfaction', query: 'satisfaction?groupBy=agent' },
  { route: 'GET /stats/satisfaction', query: 'satisfaction?groupBy=day&tz=Asia/Shanghai' },
  { route: 'GET /stats/service', query: 'service?groupBy=team' },
  { route: 'GET /stats/satisfaction', query: 'satisfaction?groupBy=dimension' },
  { route: 'GET /stats/scripts', query: 'scripts' },
];

/** A lead at the console: the team's figures over the last 30 days, several views, one request a second. */
export function leadTraffic(fleet: Fleet, url: string, leadToken: string, durationSeconds: number) {
  const range = () => {
    const to = new Date();
    return `from=${new Date(to.getTime() - 30 * 86_400_000).toISOString()}&to=${to.toISOString()}`;
  };
  return autocannon({
    url,
    connections: 1,
    overallRate: 1,
    duration: durationSeconds,
    timeout: 30,
    requests: STATS.map(({ route, query }) => ({
      method: 'GET' as const,
      setupRequest: (request: autocannon.Request, context: Cycle) => {
        started(fleet, route, context);
        return {
          ...request,
          path: `/api/v1/stats/${query}${query.includes('?') ? '&' : '?'}${range()}`,
          headers: { authorization: `Bearer ${leadToken}` },
        };
      },
      onResponse: (status: number, _body: string, context: Cycle) =>
        fleet.record(route, status, elapsed(context), context.sentAt ?? 0),
    })),
  });
}
