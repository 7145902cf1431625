import { OrgSynonyms, type ScriptDraft } from '../../../lib/schema/scripts';
import { TierRuleSet } from '../../../lib/schema/tiers';
import type { RankingSettings } from '../../../lib/scripts/rank';
import { DEFAULT_TIER_RULES } from '../../../lib/tiers/defaults';
import { type Answer, api, data } from '../api/client';

export type ScriptVersion = Answer<'getScript'>;
export type ScriptDiff = Answer<'diffScriptVersions'>;
/** The JSON form of the script stats (the route also answers CSV). */
export type ScriptStats = Exclude<Answer<'getScriptStats'>, string>;
export type ScriptStatus = ScriptVersion['status'];
export type ScriptLocale = ScriptVersion['locale'];
export const STATUSES: ScriptStatus[] = ['draft', 'published', 'retired'];

/**
 * The organisation's tier rules (an admin rule: PUT /api/v1/rules/tiers), or the defaults while it has none of its
 * own or they cannot be read: the preview's sample customers, the editor's tier choices and the tier names come
 * from them, so trainers see the tiers agents' badges show.
 */
export async function loadTierRules(): Promise<TierRuleSet> {
  const stored = await data(api.GET('/api/v1/rules/{kind}', { params: { path: { kind: 'tiers' }, query: {} } })).catch(
    () => null,
  );
  const parsed = TierRuleSet.safeParse(stored?.value);
  return parsed.success ? parsed.data : DEFAULT_TIER_RULES;
}

export interface ScriptQuery {
  status?: ScriptStatus;
  locale?: ScriptLocale;
  teamId?: string;
  q?: string;
  cursor?: string;
}

export function loadScripts(query: ScriptQuery) {
  return data(api.GET('/api/v1/scripts', { params: { query: { ...query, limit: 100 } } }));
}

export function loadScript(id: string, version?: number) {
  return data(api.GET('/api/v1/scripts/{id}', { params: { path: { id }, query: version ? { version } : {} } }));
}

export function loadVersions(id: string) {
  return data(api.GET('/api/v1/scripts/{id}/versions', { params: { path: { id }, query: { limit: 100 } } }));
}

export function loadDiff(id: string, from: number, to: number) {
  return data(api.GET('/api/v1/scripts/{id}/diff', { params: { path: { id }, query: { from, to } } }));
}

/** What agents' catalogs carry now, for ranking the draft against (the newest version of each published script). */
export async function loadPublishedScripts() {
  const page = await loadScripts({ status: 'published' });
  return page.scripts.map((version) => version.script);
}

/**
 * What the extension ranks with besides the scripts: the organisation's synonyms (an admin rule) and what agents
 * taught the ranking (nothing while an admin has learning switched off).
 */
export async function loadRankingSettings(): Promise<RankingSettings> {
  // Each refines the ranking on its own: one that cannot be read leaves the other in.
  const [learned, synonyms] = await Promise.all([
    data(api.GET('/api/v1/script-priors')).catch(() => null),
    data(api.GET('/api/v1/rules/{kind}', { params: { path: { kind: 'synonyms' }, query: {} } })).catch(() => null),
  ]);
  const groups = OrgSynonyms.safeParse(synonyms?.value ?? []);
  return { priors: learned?.learning ? learned.priors : [], synonyms: groups.success ? groups.data : [] };
}

export type Issue = { path: string; message: string };
export type SaveOutcome =
  | { kind: 'saved'; version: ScriptVersion }
  | { kind: 'conflict'; newest: number; message: string }
  | { kind: 'invalid'; message: string; issues: Issue[] };

function failure(error: unknown, status: number): SaveOutcome {
  const body = (error as { error?: { message?: string; issues?: Issue[] } } | undefined)?.error;
  return { kind: 'invalid', message: body?.message ?? `HTTP ${status}`, issues: body?.issues ?? [] };
}

/** A new script as draft version 1. */
export async function createScript(script: ScriptDraft, teamIds: string[]): Promise<SaveOutcome> {
  const { data: saved, error, response } = await api.POST('/api/v1/scripts', { body: { script, teamIds } });
  if (saved) return { kind: 'saved', version: saved };
  const outcome = failure(error, response.status);
  // The id is taken: say so next to the id field.
  if (response.status === 409 && outcome.kind === 'invalid')
    return { ...outcome, issues: [{ path: 'id', message: outcome.message }] };
  return outcome;
}

/**
 * A new draft version on top of `expectedVersion`. Someone else's newer version is a conflict carrying its number,
 * so the editor can show what changed while the trainer's own text stays in the form.
 */
export async function updateScript(
  id: string,
  expectedVersion: number,
  script: Omit<ScriptDraft, 'id'>,
  teamIds: string[],
): Promise<SaveOutcome> {
  const {
    data: saved,
    error,
    response,
  } = await api.PUT('/api/v1/scripts/{id}', {
    params: { path: { id } },
    body: { expectedVersion, script, teamIds },
  });
  if (saved) return { kind: 'saved', version: saved };
  if (response.status === 409) {
    const latest = await loadScript(id);
    const message = (error as { error?: { message?: string } } | undefined)?.error?.message ?? 'HTTP 409';
    return { kind: 'conflict', newest: latest.version, message };
  }
  return failure(error, response.status);
}

export function publishScript(id: string, version: number, teamIds: string[]) {
  return data(api.POST('/api/v1/scripts/{id}/publish', { params: { path: { id } }, body: { version, teamIds } }));
}

export function retireScript(id: string) {
  return data(api.POST('/api/v1/scripts/{id}/retire', { params: { path: { id } } }));
}

export function loadScriptStats(scope: { from: string; to: string; tz: string; teamId?: string; tierId?: string }) {
  return data(api.GET('/api/v1/stats/scripts', { params: { query: scope } })) as Promise<ScriptStats>;
}
