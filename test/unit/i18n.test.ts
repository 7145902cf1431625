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
const zh = messages('zh_CN');

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

describe('interface strings in English and Chinese', () => {
  it('has every key in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('has every key the code uses', () => {
    const { literal, prefixes } = keysUsedInCode();
    expect(literal.size).toBeGreaterThan(20);
    for (const key of literal) {
      expect(en, `en is missing "${key}"`).toHaveProperty(key);
      expect(zh, `zh_CN is missing "${key}"`).toHaveProperty(key);
    }
    for (const prefix of prefixes)
      expect(
        Object.keys(en).some((key) => key.startsWith(prefix)),
        `no keys for ${prefix}…`,
      ).toBe(true);
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      const placeholders = (text: string) => [...text.matchAll(/\$([a-z0-9_]+)\$/gi)].map((m) => m[1]).sort();
      expect(placeholders(zh[key]?.message ?? ''), key).toEqual(placeholders(en[key]?.message ?? ''));
    }
  });
});
