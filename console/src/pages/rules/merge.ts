/**
 * What changed between two versions of a rule set, and a three-way merge for the stale-save case: the admin
 * loaded `base`, edited it into `mine`, and someone else saved `theirs` meanwhile. Both sides' edits are kept where
 * they touch different fields; where both changed the same field, the admin's value wins and the field is named so
 * they can look at it before saving.
 */
type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** Dotted paths (`rules.0.tier`) of the leaves that differ; a whole array when its length changed. */
export function changedPaths(before: Json, after: Json, prefix = ''): string[] {
  if (same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length)
    return before.flatMap((item, index) =>
      changedPaths(item, after[index], prefix ? `${prefix}.${index}` : `${index}`),
    );
  return [prefix || '(all)'];
}

export interface Merged {
  value: Json;
  /** Fields both sides changed differently; the admin's value was kept. */
  clashes: string[];
}

export function mergeThreeWay(base: Json, mine: Json, theirs: Json, prefix = ''): Merged {
  if (same(mine, base)) return { value: theirs, clashes: [] };
  if (same(theirs, base) || same(mine, theirs)) return { value: mine, clashes: [] };
  const at = (key: string | number) => (prefix ? `${prefix}.${key}` : `${key}`);
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const value: Record<string, Json> = {};
    const clashes: string[] = [];
    for (const key of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
      const merged = mergeThreeWay(base[key], mine[key], theirs[key], at(key));
      if (merged.value !== undefined) value[key] = merged.value;
      clashes.push(...merged.clashes);
    }
    return { value, clashes };
  }
  if (
    Array.isArray(base) &&
    Array.isArray(mine) &&
    Array.isArray(theirs) &&
    base.length === mine.length &&
    base.length === theirs.length
  ) {
    const parts = base.map((item, index) => mergeThreeWay(item, mine[index], theirs[index], at(index)));
    return { value: parts.map((part) => part.value), clashes: parts.flatMap((part) => part.clashes) };
  }
  return { value: mine, clashes: [prefix || '(all)'] };
}
