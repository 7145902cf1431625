/**
 * Trainers' check of the default catalog's phrases and synonyms: `npx tsx scripts/check-catalog.ts [--strict]`.
 *
 * Every entry is parsed with `ScriptEntry` (the rules the API applies when a trainer saves), and all problems are
 * listed at once — importing the catalog would stop at the first. It then warns about what the trainers' guide asks
 * for but the schema does not enforce: 20–70 phrases (a Chinese script carries mainland, Taiwan and Hong Kong
 * wordings) and 3–12 synonym groups of 2–8 members per script, short
 * phrases (2–8 English words, 2–10 Chinese characters), the same phrase in two scripts, and a Chinese phrase that
 * another script's phrase contains (it would match there too). Exit code 1 on errors, or on warnings with --strict.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { ScriptEntry, type ScriptEntryInput } from '../lib/schema/scripts';
import { normalizeForMatching } from '../lib/scripts/normalize';

const catalogPath = fileURLToPath(new URL('../lib/scripts/default-catalog.ts', import.meta.url));
const source = readFileSync(catalogPath, 'utf8');
const marker = 'const entries: ScriptEntryInput[] = ';
const start = source.indexOf(marker);
const end = source.indexOf('\n];', start);
if (start < 0 || end < 0) throw new Error(`cannot find the entries array in ${catalogPath}`);
// The array is plain data (strings, arrays, objects, comments), so it evaluates as JavaScript as written.
const entries = runInNewContext(`(${source.slice(start + marker.length, end + 2)})`) as ScriptEntryInput[];

const errors: string[] = [];
const warnings: string[] = [];
const han = /\p{Script=Han}/u;
/** Chinese characters, each Latin word or number counting as one ("打12315" is 2). */
const zhLength = (text: string) =>
  [...text].filter((ch) => han.test(ch)).length + (text.match(/[\p{Script=Latin}\p{N}]+/gu) ?? []).length;
const wordCount = (text: string) => text.trim().split(/\s+/).length;

/** Where each normalised phrase is used, per locale, to find the same phrase in two scripts. */
const usedBy = new Map<string, string[]>();

for (const entry of entries) {
  const result = ScriptEntry.safeParse(entry);
  if (!result.success) {
    for (const issue of result.error.issues) errors.push(`${entry.id}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const phrases = entry.phrases ?? [];
  const synonyms = entry.synonyms ?? [];
  const zh = entry.locale === 'zh_CN';
  if (phrases.length < 20 || phrases.length > 70) warnings.push(`${entry.id}: ${phrases.length} phrases (20–70)`);
  if (synonyms.length < 3 || synonyms.length > 12)
    warnings.push(`${entry.id}: ${synonyms.length} synonym groups (3–12)`);
  synonyms.forEach((group, index) => {
    if (group.length < 2 || group.length > 8)
      warnings.push(`${entry.id}: synonym group ${index} has ${group.length} members (2–8)`);
  });
  const seen = new Set<string>();
  for (const phrase of phrases) {
    const key = normalizeForMatching(phrase);
    if (seen.has(key)) warnings.push(`${entry.id}: "${phrase}" is listed twice`);
    seen.add(key);
    const size = zh ? zhLength(phrase) : wordCount(phrase);
    if (zh ? size < 2 || size > 10 : size > 8) {
      warnings.push(`${entry.id}: "${phrase}" has ${size} ${zh ? 'characters (2–10)' : 'words (2–8)'}`);
    }
    if (zh && !han.test(phrase)) warnings.push(`${entry.id}: "${phrase}" has no Chinese in a Chinese script`);
    if (!zh && han.test(phrase)) warnings.push(`${entry.id}: "${phrase}" has Chinese in an English script`);
    const users = usedBy.get(`${entry.locale}:${key}`) ?? [];
    users.push(entry.id);
    usedBy.set(`${entry.locale}:${key}`, users);
  }
}

for (const [key, ids] of usedBy) {
  if (ids.length > 1) warnings.push(`"${key.slice(key.indexOf(':') + 1)}" is a phrase of ${ids.join(', ')}`);
}

// Chinese phrases match as written, inside longer text: one script's phrase inside another's matches there too.
const zhPhrases = entries
  .filter((entry) => entry.locale === 'zh_CN')
  .flatMap((entry) =>
    (entry.phrases ?? []).map((phrase) => ({ id: entry.id, phrase, key: normalizeForMatching(phrase) })),
  );
for (const inner of zhPhrases) {
  for (const outer of zhPhrases) {
    if (inner.id !== outer.id && inner.key !== outer.key && outer.key.includes(inner.key)) {
      warnings.push(`${inner.id}: "${inner.phrase}" is inside ${outer.id}: "${outer.phrase}"`);
    }
  }
}

const count = (locale: string, pick: (entry: ScriptEntryInput) => number) =>
  entries.filter((entry) => entry.locale === locale).reduce((sum, entry) => sum + pick(entry), 0);
for (const locale of ['en', 'zh_CN']) {
  const scripts = entries.filter((entry) => entry.locale === locale).length;
  console.log(
    `${locale}: ${scripts} scripts, ${count(locale, (e) => e.phrases?.length ?? 0)} phrases, ` +
      `${count(locale, (e) => e.synonyms?.length ?? 0)} synonym groups`,
  );
}
for (const warning of warnings) console.log(`warning: ${warning}`);
for (const error of errors) console.log(`error: ${error}`);
console.log(`${errors.length} errors, ${warnings.length} warnings`);
process.exitCode = errors.length > 0 || (process.argv.includes('--strict') && warnings.length > 0) ? 1 : 0;
