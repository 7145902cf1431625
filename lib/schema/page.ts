import { z } from 'zod';

/**
 * The query every list route takes. Pages follow a cursor (the position after the last item of the page), not an
 * offset, so items added or removed while someone pages through do not shift what they see next.
 */
export const PageQuery = z.object({
  /** Items per page. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` value of the previous page; omit for the first page. */
  cursor: z.string().min(1).max(1024).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `null` on the last page; otherwise pass it back as `cursor` for the following page. */
export const NextCursor = z.string().nullable();

/** One page of a list: `{ <items>: [...], next }`, the same shape on every list route. */
export function pageOf<Key extends string, Item extends z.ZodType>(key: Key, item: Item) {
  const shape = { [key]: z.array(item), next: NextCursor } as { [K in Key]: z.ZodArray<Item> } & {
    next: typeof NextCursor;
  };
  return z.object(shape);
}
