import type { Kysely } from 'kysely';
import type { Band, QualitySettings, Ranking, RankingQuery } from '../../lib/schema/quality';
import type { Figure } from '../../lib/schema/stats';
import type { Database } from '../db/schema';
import { satisfactionStats } from './stats.satisfaction';
import type { StatsScope } from './stats.scope';

/** Green at or above the target, yellow down to `yellowPoints` beneath it, red below; no answers, no band. */
export function bandOf(csat: Figure, bands: QualitySettings['bands']): Band | null {
  if (csat.value === null || csat.n === 0) return null;
  if (csat.value >= bands.greenAtLeast) return 'green';
  if (csat.value >= bands.greenAtLeast - bands.yellowPoints) return 'yellow';
  return 'red';
}

/**
 * Agents and teams by CSAT over the stats engine's own groupings (the same figures the dashboard shows), best
 * first; equal figures rank by more answers, then by name.
 */
export async function ranking(
  db: Kysely<Database>,
  scope: StatsScope,
  query: RankingQuery,
  settings: QualitySettings,
): Promise<Ranking> {
  const [agents, teams] = await Promise.all([
    satisfactionStats(db, scope, { ...query, groupBy: 'agent' }),
    satisfactionStats(db, scope, { ...query, groupBy: 'team' }),
  ]);
  const ranked = (groups: typeof agents.groups) =>
    groups
      .filter((group) => group.key !== '')
      .sort(
        (a, b) => (b.csat.value ?? -1) - (a.csat.value ?? -1) || b.csat.n - a.csat.n || a.label.localeCompare(b.label),
      )
      .map((group, index) => ({
        id: group.key,
        label: group.label,
        rank: index + 1,
        csat: group.csat,
        band: bandOf(group.csat, settings.bands),
        smallSample: group.csat.n < settings.smallSampleBelow,
      }));
  return { bands: settings.bands, agents: ranked(agents.groups), teams: ranked(teams.groups) };
}
