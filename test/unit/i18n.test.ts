import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const messages = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
const en = messages('en');
/** Every catalogue besides English, which is the default: each must say everything English says. */
const translations = readdirSync(join(root, 'public/_locales'))
  .filter((lang) => lang !== 'en')
  .map((lang) => ({ lang, catalogue: messages(lang) }));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

/** Keys passed to t('…') / translate('…') as literals, plus `prefix_${…}` families resolved against the catalogue. */
function keysUsedInCode(): { literal: Set<string>; prefixes: Set<string> } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of [
    ...sourceFiles(join(root, 'components')),
    ...sourceFiles(join(root, 'lib')),
    ...sourceFiles(join(root, 'entrypoints')),
  ]) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b(?:t|translate)\(\s*'([A-Za-z0-9_]+)'/g)) literal.add(match[1] as string);
    for (const match of text.matchAll(/\b(?:t|translate)\(\s*`([A-Za-z0-9_]+)\$\{/g)) prefixes.add(match[1] as string);
    for (const match of text.matchAll(/\bt\(\s*\w+\s*\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)) {
      literal.add(match[1] as string);
      literal.add(match[2] as string);
    }
  }
  return { literal, prefixes };
}

describe('interface strings in English, Simplified and Traditional Chinese', () => {
  it('has the three catalogues', () => {
    expect(translations.map(({ lang }) => lang).sort()).toEqual(['zh_CN', 'zh_TW']);
  });

  it('has every key in every language', () => {
    for (const { lang, catalogue } of translations)
      expect(Object.keys(catalogue).sort(), lang).toEqual(Object.keys(en).sort());
  });

  it('names its own language in uiLanguage (data labels follow it)', () => {
    expect(en.uiLanguage?.message).toBe('en');
    for (const { lang, catalogue } of translations) expect(catalogue.uiLanguage?.message).toBe(lang);
  });

  it('has every key the code uses', () => {
    const { literal, prefixes } = keysUsedInCode();
    expect(literal.size).toBeGreaterThan(20);
    for (const key of literal) {
      expect(en, `en is missing "${key}"`).toHaveProperty(key);
      for (const { lang, catalogue } of translations)
        expect(catalogue, `${lang} is missing "${key}"`).toHaveProperty(key);
    }
    for (const prefix of prefixes)
      expect(
        Object.keys(en).some((key) => key.startsWith(prefix)),
        `no keys for ${prefix}…`,
      ).toBe(true);
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\$([a-z0-9_]+)\$/gi)].map((m) => m[1]).sort();
    for (const { lang, catalogue } of translations)
      for (const key of Object.keys(en))
        expect(placeholders(catalogue[key]?.message ?? ''), `${lang} ${key}`).toEqual(
          placeholders(en[key]?.message ?? ''),
        );
  });

  it('writes Traditional characters only in zh_TW (no Simplified left by conversion)', () => {
    const traditional = translations.find(({ lang }) => lang === 'zh_TW')?.catalogue ?? {};
    const simplifiedOnly = /[这们个说请务单户码击设删们时钟级话术显载关门开发后]/u;
    for (const [key, { message }] of Object.entries(traditional)) expect(message, key).not.toMatch(simplifiedOnly);
  });
});
