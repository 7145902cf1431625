import type { Kysely } from 'kysely';
import { computeInsights, type InsightsSources, searchScripts } from '../../lib/insights';
import { rulesFrom } from '../../lib/insights/rules';
import type { Insights } from '../../lib/messaging';
import type { CatalogResponse } from '../../lib/schema/api';
import type { ScriptEntry } from '../../lib/schema/scripts';
import type { TicketContext } from '../../lib/schema/ticket';
import { createScriptIndex, type ScriptIndex } from '../../lib/scripts';
import { shippedSituationModel } from '../../lib/scripts/situations/default-model';
import type { AuthenticatedAgent } from '../auth/tokens';
import { catalogFor } from '../catalog/catalog.handlers';
import { configFor } from '../config/config.handlers';
import { lookupCustomer } from '../customers/customers.handlers';
import type { Database } from '../db/schema';

/**
 * One ranking index per catalog (its ETag covers the scripts, the org's synonyms and the learned priors), so a
 * request does not rebuild it; a few are kept for orgs and teams with different catalogs.
 */
const INDEXES_KEPT = 20;
const indexes = new Map<string, { scripts: ScriptEntry[]; index: ScriptIndex }>();
function indexFor(key: string, catalog: CatalogResponse) {
  let known = indexes.get(key);
  if (!known) {
    known = {
      scripts: catalog.scripts,
      index: createScriptIndex(catalog.scripts, {
        synonyms: catalog.synonyms,
        priors: catalog.priors,
        situations: shippedSituationModel(),
      }),
    };
    indexes.set(key, known);
    if (indexes.size > INDEXES_KEPT) indexes.delete(indexes.keys().next().value as string);
  }
  return known;
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
  const [config, { catalog, etag }] = await Promise.all([configFor(db, agent), catalogFor(db, agent)]);
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
  const ranking = indexFor(`${agent.org_id}\u0000${etag}`, catalog);
  return {
    ...rules,
    catalog: ranking.scripts,
    scripts: ranking.index,
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
