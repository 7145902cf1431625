import { z } from 'zod';

export const StatsGroupBy = z.enum(['agent', 'team', 'tier', 'dimension', 'day', 'week']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;

/** A figure is never shown without how many answers it rests on. */
export const Figure = z.object({ value: z.number().nullable(), n: z.int().min(0) });
export type Figure = z.infer<typeof Figure>;
