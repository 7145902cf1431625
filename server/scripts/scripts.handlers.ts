import { diffLines } from 'diff';
import type { Kysely, Transaction } from 'kysely';
import type { ScriptDraft, ScriptEntry } from '../../lib/schema/scripts';
import { unknownVariables } from '../../lib/scripts/template';
import type { Database, ScriptsTable } from '../db/schema';

// The studio warns with the same check before saving, so the server's 400 and the editor never disagree.
export { unknownVariables };

export const versionOut = (row: ScriptsTable) => ({
  id: row.id,
  version: row.version,
  status: row.status,
  locale: row.locale as ScriptEntry['locale'],
  teamIds: JSON.parse(row.team_ids) as string[],
  updatedAt: row.updated_at,
  script: { ...(JSON.parse(row.entry) as ScriptEntry), status: row.status },
});

export async function latestVersion(db: Kysely<Database> | Transaction<Database>, orgId: string, id: string) {
  return db
    .selectFrom('scripts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Teams of `teamIds` that are not in the organisation. */
export async function unknownTeams(db: Kysely<Database>, orgId: string, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  const known = await db
    .selectFrom('teams')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', teamIds)
    .execute();
  return teamIds.filter((t) => !known.some((k) => k.id === t));
}

export function newVersionRow(
  orgId: string,
  draft: ScriptDraft,
  version: number,
  teamIds: string[],
  now = new Date(),
): ScriptsTable {
  const entry: ScriptEntry = { ...draft, version, status: 'draft' };
  return {
    org_id: orgId,
    id: draft.id,
    version,
    status: 'draft',
    locale: draft.locale,
    team_ids: JSON.stringify([...new Set(teamIds)]),
    entry: JSON.stringify(entry),
    updated_at: now.toISOString(),
  };
}

/**
 * What changed between two versions: fields side by side, the body line by line (jsdiff). Both bodies end in a
 * newline for the comparison, so adding a line at the end does not show the old last line as changed.
 */
export function diffVersions(from: ScriptEntry, to: ScriptEntry, fromTeams: string[], toTeams: string[]) {
  const fields: { field: string; from: unknown; to: unknown }[] = [];
  for (const field of [
    'title',
    'locale',
    'scenario',
    'tags',
    'tiers',
    'grades',
    'triggerKeywords',
    'phrases',
    'synonyms',
  ] as const) {
    if (JSON.stringify(from[field]) !== JSON.stringify(to[field]))
      fields.push({ field, from: from[field], to: to[field] });
  }
  if (JSON.stringify(fromTeams) !== JSON.stringify(toTeams))
    fields.push({ field: 'teamIds', from: fromTeams, to: toTeams });
  const body = diffLines(`${from.body}\n`, `${to.body}\n`).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({
        change: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
        text,
      })),
  );
  return { fields, body };
}
