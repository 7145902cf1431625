import type { z } from 'zod';

/**
 * Flags every item whose key an earlier item already holds, at the repeated item's own field, naming the first
 * holder: a list that names one thing twice would otherwise let whichever copy is read last win, unseen.
 */
export function flagRepeatedKeys<T>(
  items: readonly T[],
  ctx: z.RefinementCtx,
  rule: {
    key: (item: T) => string;
    /** Where the key sits, from the refined value: `[...at, index, field]`. */
    at?: readonly (string | number)[];
    field: string;
    message: (key: string, firstIndex: number) => string;
  },
): void {
  const firstAt = new Map<string, number>();
  items.forEach((item, index) => {
    const key = rule.key(item);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [...(rule.at ?? []), index, rule.field],
        message: rule.message(key, first),
      });
  });
}
