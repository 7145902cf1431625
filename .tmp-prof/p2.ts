import { readFileSync } from 'node:fs';
import { ScriptEntry } from '../lib/schema/scripts';
import { DEFAULT_CATALOG } from '../lib/scripts/default-catalog';
import { createScriptIndex } from '../lib/scripts/rank';
import { gradeComplaint } from '../lib/sla/grading';

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
  return ScriptEntry.parse({
    ...base,
    id: `${base.id}-${i}`,
    title: `${base.title} (${product} ${i})`,
    body: `${base.body} ${product}`,
    tags: [...base.tags, `line-${i % 40}`],
  });
});
const idx = createScriptIndex(big);
const rows: [number, string, number][] = [];
for (let r = 0; r < 5; r++)
  for (const tk of tickets) {
    const g = gradeComplaint(`${tk.subject}\n${tk.message}`).grade;
    const a = performance.now();
    idx.suggest({ subject: tk.subject, latestCustomerMessage: tk.message, tags: tk.tags }, { grade: g });
    if (r === 4) rows.push([performance.now() - a, tk.subject.slice(0, 30) + ' ' + g + ' ' + tk.tags.join(','), 0]);
  }
rows.sort((a, b) => b[0] - a[0]);
console.log(rows.slice(0, 10));
const all: number[] = [];
for (let r=0;r<10;r++) for (const tk of tickets) { const g = gradeComplaint(`${tk.subject}\n${tk.message}`).grade; const a=performance.now();
 idx.suggest({subject:tk.subject, latestCustomerMessage: tk.message, tags: tk.tags},{grade:g}); all.push(performance.now()-a); }
all.sort((a,b)=>a-b); console.log('p50',all[Math.floor(all.length*0.5)],'p95',all[Math.floor(all.length*0.95)]);
