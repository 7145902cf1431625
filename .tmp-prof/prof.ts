import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { ScriptEntry } from '/work/main/lib/schema/scripts';
import { DEFAULT_CATALOG } from '/work/main/lib/scripts/default-catalog';
import { tokenize } from '/work/main/lib/scripts/tokenize';

const tickets = JSON.parse(readFileSync('/work/main/test/fixtures/suggestions/labelled-tickets.json', 'utf8'));
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
const big = Array.from({ length: 10_000 }, (_, i) => {
  const base = DEFAULT_CATALOG[i % DEFAULT_CATALOG.length];
  const product = products[i % products.length];
  return {
    ...base,
    id: `${base.id}-${i}`,
    title: `${base.title} (${product} ${i})`,
    body: `${base.body} ${product}`,
    tags: [...base.tags, `line-${i % 40}`],
  };
});
const idx = new MiniSearch({
  fields: ['title', 'body', 'keywords', 'tags'],
  tokenize,
  processTerm: (t) => t,
  searchOptions: {
    boost: { keywords: 3, title: 2, tags: 1.5 },
    combineWith: 'OR',
    prefix: (t) => t.length > 3 && /^[a-z]/.test(t),
  },
});
idx.addAll(
  big.map((s) => ({
    id: s.id,
    title: s.title,
    body: s.body,
    keywords: s.triggerKeywords.join(' '),
    tags: s.tags.join(' '),
  })),
);
for (const variant of ['prefix', 'noprefix']) {
  const t = performance.now();
  let tok = 0;
  let n = 0;
  for (let r = 0; r < 5; r++)
    for (const tk of tickets) {
      const q = `${tk.subject}\n${tk.message}`;
      const a = performance.now();
      tokenize(q);
      tok += performance.now() - a;
      const res = idx.search(
        q,
        variant === 'prefix'
          ? { fields: ['title', 'keywords', 'tags'] }
          : { fields: ['title', 'keywords', 'tags'], prefix: false },
      );
      n += res.length;
    }
  console.log(
    variant,
    (performance.now() - t) / (5 * tickets.length),
    'ms/q; tokenize',
    tok / (5 * tickets.length),
    'avg results',
    n / (5 * tickets.length),
  );
}
