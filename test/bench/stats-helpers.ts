/** p-th percentile of timings in ms (nearest rank). */
export function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

export function report(area: string, figure: string, value: number | string, unit: string, budget?: string): void {
  const shown = typeof value === 'number' ? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3)) : value;
  console.log(`bench ${area} ${figure}: ${shown} ${unit}${budget ? ` (budget ${budget})` : ''}`);
}
