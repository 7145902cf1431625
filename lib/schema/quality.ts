import { z } from 'zod';
import { Figure, StatsQuery } from './stats';

/**
 * Red / yellow / green for rankings: green at or above `greenAtLeast` % CSAT (the programmes' 90% satisfaction
 * target), yellow down to `yellowPoints` points below it, red beneath.
 */
export const RankingBands = z
  .object({
    greenAtLeast: z.number().min(0).max(100),
    yellowPoints: z.number().min(0).max(100),
  })
  .strict();
export type RankingBands = z.infer<typeof RankingBands>;

/** The organisation's quality settings: ranking bands and how long an improvement action has by default. */
export const QualitySettings = z
  .object({
    bands: RankingBands,
    /** Hours from an alert firing (or an action's creation) to its due time. */
    actionDueHours: z
      .int()
      .min(1)
      .max(24 * 60),
    /** Figures on fewer answers are flagged `smallSample` in rankings. */
    smallSampleBelow: z.int().min(1).max(10_000),
  })
  .strict();
export type QualitySettings = z.infer<typeof QualitySettings>;

export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  bands: { greenAtLeast: 90, yellowPoints: 10 },
  actionDueHours: 72,
  smallSampleBelow: 10,
};

export const QualitySettingsPatch = z
  .object({
    bands: RankingBands,
    actionDueHours: QualitySettings.shape.actionDueHours,
    smallSampleBelow: QualitySettings.shape.smallSampleBelow,
  })
  .partial()
  .strict();

export const Band = z.enum(['green', 'yellow', 'red']);
export type Band = z.infer<typeof Band>;

/**
 * `GET /api/v1/stats/ranking` query: the stats query (period, scope, round, zone); it always ranks agents and teams,
 * so `groupBy`, `format` and `bom` are not used.
 */
export const RankingQuery = StatsQuery;
export type RankingQuery = z.infer<typeof RankingQuery>;

export const RankedEntry = z.object({
  id: z.string(),
  label: z.string(),
  rank: z.int().min(1),
  csat: Figure,
  /** null when there are no answers. */
  band: Band.nullable(),
  smallSample: z.boolean(),
});

export const Ranking = z.object({
  bands: RankingBands,
  agents: z.array(RankedEntry),
  teams: z.array(RankedEntry),
});
export type Ranking = z.infer<typeof Ranking>;
