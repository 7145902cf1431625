/** Ranking bands on CSAT: green at or above `green`, yellow down to `yellow`, red beneath (PRODUCT.md defaults). */
export interface Bands {
  green: number;
  yellow: number;
}

/** The programmes' satisfaction target is 90%; yellow reaches 10 points below it. Admins may set others. */
export const DEFAULT_BANDS: Bands = { green: 90, yellow: 80 };

export type Band = 'green' | 'yellow' | 'red' | 'none';

export function bandOf(csat: number | null, n: number, bands: Bands): Band {
  if (csat === null || n === 0) return 'none';
  if (csat >= bands.green) return 'green';
  if (csat >= bands.yellow) return 'yellow';
  return 'red';
}
