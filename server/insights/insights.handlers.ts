import type { Kysely } from 'kysely';
import { computeInsights, type InsightsSources, searchScripts } from '../../lib/insights';
import { rulesFrom } from '../../lib/insights/rules';
import type { Insights } from '../../lib/messaging';
import type { CatalogResponse } from '../../lib/schema/api';
import type { ScriptEntry } from '../../lib/schema/scripts';
import type { TicketContext } from '../../lib/schema/ticket';
import { createScriptIndex, indexKey, type ScriptIndex } from '../../lib/scripts/rank';
import type { AuthenticatedAgent } from '../auth/tokens';
import { catalogFor } from '../catalog/catalog.handlers';
import { configFor } from '../config/config.handlers';
import { lookupCustomer } from '../customers/customers.handlers';
import type { Database } from '../db/schema';

/**
 * The same catalog array for the same version, so the ranking index (built once per array) is not rebuilt on
 * every request; a few versions are kept for orgs and teams with different catalogs.
 */
const CATALOGS_KEPT = 20;
const catalogs = new Map<string, ScriptEntry[]>();
function sameArray(key: string, scripts: ScriptEntry[]): ScriptEntry[] {
  const known = catalogs.get(key);
  if (known) return known;
  catalogs.set(key, scripts);
  if (catalogs.size > CATALOGS_KEPT) catalogs.delete(catalogs.keys().next().value as string);
  return scripts;
}

/** The ranking index per catalog version and synonym list, built once; priors are set on every use. */
const indexes = new Map<string, ScriptIndex>();
function indexFor(key: string, catalog: CatalogResponse): ScriptIndex {
  let index = indexes.get(key);
  if (!index) {
    index = createScriptIndex(catalog.scripts, { synonyms: catalog.synonyms });
    indexes.set(key, index);
    if (indexes.size > CATALOGS_KEPT) indexes.delete(indexes.keys().next().value as string);
  }
  index.setPriors(catalog.priors);
  return index;
}

/**
 * What the figures for one ticket are computed from: the agent's team configuration (tier rules, SLA policies, calendars), the
 * customer as the org knows them (CRM import and scores recorded in DeskLens) and the agent's catalog: the same
 * engines and the same context (lib/insights) as the extension's background.
 */
async function sourcesFor(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  ticket: TicketContext,
  now: number,
): Promise<InsightsSources> {
  const [config, { catalog }] = await Promise.all([configFor(db, agent), catalogFor(db, agent)]);
  const rules = rulesFrom(config);
  const found =
    ticket.requester.email || ticket.requester.id
      ? await lookupCustomer(
          db,
          agent.org_id,
          { email: ticket.requester.email, requesterId: ticket.requester.id, helpdesk: ticket.helpdesk },
          rules.tierRules,
        )
      : undefined;
  // The CRM's view of the customer, with the ticket's own tags (a "vip" tag on the ticket still counts).
  const customer = found
    ? { ...found.customer, tags: [...new Set([...found.customer.tags, ...ticket.tags])] }
    : undefined;
  return {
    ...rules,
    catalog: sameArray(`${agent.org_id}\u0000${catalog.version}`, catalog.scripts),
    scripts: indexFor(`${agent.org_id}\u0000${indexKey(catalog.version, catalog.synonyms)}`, catalog),
    agentName: agent.name,
    customer,
    now,
  };
}

export async function insightsFor(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  ticket: TicketContext,
  now: number,
): Promise<Insights> {
  return computeInsights(ticket, await sourcesFor(db, agent, ticket, now));
}

export async function searchFor(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  ticket: TicketContext,
  query: string,
  now: number,
): Promise<Insights['scripts']> {
  return searchScripts(ticket, query, await sourcesFor(db, agent, ticket, now));
}
