import { LRUCache } from 'lru-cache';
import * as OpenCC from 'opencc-js';
import type { ScriptEntry } from '../../lib/schema/scripts';

/**
 * Reading copies for agents who read Traditional Chinese: each published Simplified script that no trainer wrote a
 * zh_TW version of (variantOf) is converted with OpenCC's full Simplified → Taiwan tables, phrases and regional
 * words included (软件 → 軟體, 登录 → 登入). Done here, not in the extension: the phrase table is 400 KB gzip. The
 * overlay marks a reading copy as converted, so an agent reads it before it goes out.
 */
let toTaiwan: ((text: string) => string) | undefined;
const copies = new LRUCache<string, NonNullable<ScriptEntry['readingCopy']>>({ max: 5_000 });

export function readingCopy(script: ScriptEntry): NonNullable<ScriptEntry['readingCopy']> {
  const key = `${script.id}@${script.version}\u0000${script.title}\u0000${script.body}`;
  let copy = copies.get(key);
  if (!copy) {
    toTaiwan ??= OpenCC.Converter({ from: 'cn', to: 'twp' });
    // {{variable}} names are ASCII and pass through; their fallbacks ({{customer.name | 您}}) are converted too.
    copy = { locale: 'zh_TW', title: toTaiwan(script.title), body: toTaiwan(script.body) };
    copies.set(key, copy);
  }
  return copy;
}

/** The catalog with a reading copy on every Simplified script that has no Traditional version in it. */
export function withReadingCopies(scripts: ScriptEntry[]): ScriptEntry[] {
  const hasVariant = new Set(scripts.filter((s) => s.locale === 'zh_TW' && s.variantOf).map((s) => s.variantOf));
  return scripts.map(({ readingCopy: _stored, ...script }) =>
    // A stored copy (an import of a built-in catalog) is never trusted: made again, or dropped for a variant.
    script.locale === 'zh_CN' && !hasVariant.has(script.id) ? { ...script, readingCopy: readingCopy(script) } : script,
  );
}
