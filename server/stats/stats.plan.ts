/**
 * Splits the periods a stats request covers into what the roll-ups can answer — whole UTC months, then whole UTC
 * days — and the raw rows left at each end (a viewer's midnight is rarely UTC midnight). Every piece belongs to
 * exactly one period, so sums over the pieces add up to the period's figures exactly.
 */
export interface Period {
  label: string;
  /** ISO instants, [from, to). */
  from: string;
  to: string;
}

export type Piece =
  | { source: 'raw'; label: string; from: string; to: string }
  /** Bucket ranges [from, to): `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  | { source: 'day' | 'month'; label: string; from: string; to: string };

const DAY = 86_400_000;

const ceilDay = (ms: number) => Math.ceil(ms / DAY) * DAY;
const floorDay = (ms: number) => Math.floor(ms / DAY) * DAY;

function floorMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
function ceilMonth(ms: number): number {
  const start = floorMonth(ms);
  if (start === ms) return ms;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const month = (ms: number) => iso(ms).slice(0, 7);

export function planPieces(periods: Period[]): Piece[] {
  const pieces: Piece[] = [];
  for (const { label, from, to } of periods) {
    const start = Date.parse(from);
    const end = Date.parse(to);
    if (!(start < end)) continue;
    const firstDay = ceilDay(start);
    const lastDay = floorDay(end);
    if (firstDay >= lastDay) {
      pieces.push({ source: 'raw', label, from: iso(start), to: iso(end) });
      continue;
    }
    if (start < firstDay) pieces.push({ source: 'raw', label, from: iso(start), to: iso(firstDay) });
    const firstMonth = ceilMonth(firstDay);
    const lastMonth = floorMonth(lastDay);
    if (firstMonth < lastMonth) {
      if (firstDay < firstMonth) pieces.push({ source: 'day', label, from: day(firstDay), to: day(firstMonth) });
      pieces.push({ source: 'month', label, from: month(firstMonth), to: month(lastMonth) });
      if (lastMonth < lastDay) pieces.push({ source: 'day', label, from: day(lastMonth), to: day(lastDay) });
    } else {
      pieces.push({ source: 'day', label, from: day(firstDay), to: day(lastDay) });
    }
    if (lastDay < end) pieces.push({ source: 'raw', label, from: iso(lastDay), to: iso(end) });
  }
  return pieces;
}
