import { ScriptEntry } from '../../lib/schema/scripts';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';

/**
 * A large catalog for speed figures and the ranking-identity check: the default scripts varied many ways (new
 * ids, product names, mixed into the bodies), deterministic so every run ranks over the same scripts.
 */
const products = [
  'router',
  'mobile plan',
  'credit card',
  'laptop',
  'subscription',
  '会员',
  '宽带',
  '信用卡',
  '手机套餐',
  '笔记本',
];

export function largeCatalog(size: number): ScriptEntry[] {
  return Array.from({ length: size }, (_, i) => {
    const base = DEFAULT_CATALOG[i % DEFAULT_CATALOG.length] as ScriptEntry;
    const product = products[i % products.length];
    return ScriptEntry.parse({
      ...base,
      id: `${base.id}-${i}`,
      title: `${base.title} (${product} ${i})`,
      body: `${base.body} ${product}`,
      tags: [...base.tags, `line-${i % 40}`],
    });
  });
}
