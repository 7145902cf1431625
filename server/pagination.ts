import { type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { PageQuery } from '../lib/schema/page';

/** The sort of a list: columns of the selected rows, the last one unique (an id) so every row has one position. */
export interface PageOrder {
  columns: readonly string[];
  direction: 'asc' | 'desc';
}

/** A cursor that this list did not hand out (edited, cut short, or from another list): a 400 naming `cursor`. */
export class InvalidCursor extends Error {
  constructor() {
    super('Not a cursor from this list; start again without one');
  }
}

type Position = (string | number)[];

function encodeCursor(order: PageOrder, position: Position): string {
  return Buffer.from(JSON.stringify({ k: order.columns, v: position })).toString('base64url');
}

function decodeCursor(order: PageOrder, cursor: string): Position {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  const { k, v } = (value ?? {}) as { k?: unknown; v?: unknown };
  const sameOrder = Array.isArray(k) && k.length === order.columns.length && k.every((c, i) => c === order.columns[i]);
  const wellFormed =
    Array.isArray(v) && v.length === order.columns.length && v.every((p, i) => fitsColumn(order.columns[i] ?? '', p));
  if (!sameOrder || !wellFormed) throw new InvalidCursor();
  return v as Position;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a cursor's value could be one this list handed out for `column`: a cursor is only base64 JSON, and an
 * edited one must not reach the database as something else (a NUL is an error in PostgreSQL's text, a number
 * compared with a name a page nobody asked for). The lists sort by instants (`…_at`, `at`), versions and ids or names.
 */
function fitsColumn(column: string, value: unknown): boolean {
  const name = unqualified(column);
  if (name === 'version') return Number.isSafeInteger(value);
  if (typeof value !== 'string' || value.length > 1_000 || value.includes('\u0000') || !value.isWellFormed())
    return false;
  return name === 'at' || name.endsWith('_at') ? ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) : true;
}

/** Rows strictly after `position` in the list's order: (a, b) > (x, y) spelled out, which both databases index. */
function after(
  // biome-ignore lint/suspicious/noExplicitAny: why: the helper serves every table; columns are checked by the callers' order lists.
  eb: ExpressionBuilder<any, any>,
  order: PageOrder,
  position: Position,
): Expression<SqlBool> {
  const beyond = order.direction === 'asc' ? '>' : '<';
  const alternatives = order.columns.map((column, i) =>
    eb.and([
      ...order.columns.slice(0, i).map((earlier, j) => eb(sql.ref(earlier), '=', position[j])),
      eb(sql.ref(column), beyond, position[i]),
    ]),
  );
  return eb.or(alternatives);
}

const unqualified = (column: string) => column.slice(column.lastIndexOf('.') + 1);

/**
 * One page of `query` in `order`, after `page.cursor`. With `keep`, rows the database cannot filter (values inside
 * JSON, text search) are filtered here: the list is read in chunks until the page is full, so memory stays at one
 * chunk whatever the table's size.
 */
export async function paginate<Row extends object>(
  // biome-ignore lint/suspicious/noExplicitAny: why: any table and selection; the caller's query fixes the row type.
  query: SelectQueryBuilder<any, any, Row>,
  order: PageOrder,
  page: PageQuery,
  keep?: (row: Row) => boolean,
): Promise<{ rows: Row[]; next: string | null }> {
  const positionOf = (row: Row): Position =>
    order.columns.map((column) => (row as Record<string, string | number>)[unqualified(column)] as string | number);
  let position = page.cursor ? decodeCursor(order, page.cursor) : undefined;
  let sorted = query;
  for (const column of order.columns) sorted = sorted.orderBy(sql.ref(column), order.direction);
  const chunk = keep ? Math.max(page.limit + 1, 200) : page.limit + 1;
  const kept: Row[] = [];
  for (;;) {
    const from = position;
    const rows = await (from ? sorted.where((eb) => after(eb, order, from)) : sorted).limit(chunk).execute();
    for (const row of rows) if (!keep || keep(row)) kept.push(row);
    const last = rows.at(-1);
    if (kept.length > page.limit || rows.length < chunk || !last) break;
    position = positionOf(last);
  }
  const rows = kept.slice(0, page.limit);
  const last = rows.at(-1);
  return { rows, next: kept.length > page.limit && last ? encodeCursor(order, positionOf(last)) : null };
}

/** People and teams are listed by name; the id settles equal names. */
export const BY_NAME: PageOrder = { columns: ['name', 'id'], direction: 'asc' };
/** Tokens and log entries: newest first. */
export const NEWEST_FIRST: PageOrder = { columns: ['created_at', 'id'], direction: 'desc' };
