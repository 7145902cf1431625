import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_SWITCH_NAMES } from '../../core';
import { FEATURES } from './registry';

/**
 * The meta-test over every overlay feature (after refined-github's build/features.test.ts): each file in this
 * folder that defines a feature is registered, and each registered feature has a switch, its strings in every
 * locale the extension ships, a unit test beside it, an end-to-end test tagged with it, and declares every
 * host calls it makes.
 */
const root = resolve(import.meta.dirname, '../../..');
const here = import.meta.dirname;
/** The feature manager and its parts; everything else here is a feature. */
const INFRASTRUCTURE = new Set(['types.ts', 'runtime.ts', 'panel.tsx', 'registry.ts', 'testing.tsx']);

const locales = readdirSync(join(root, 'public/_locales'));
const catalogue = (locale: string) =>
  JSON.parse(readFileSync(join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Record<string, unknown>;
const e2eSources = readdirSync(join(root, 'test/e2e'))
  .filter((name) => name.endsWith('.spec.ts'))
  .map((name) => readFileSync(join(root, 'test/e2e', name), 'utf8'))
  .join('\n');

describe('overlay features', () => {
  it('ships English and Simplified Chinese at least', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'zh_CN']));
  });

  it('registers every feature file in this folder, once', () => {
    const files = readdirSync(here).filter(
      (name) => /\.tsx?$/.test(name) && !name.includes('.test.') && !INFRASTRUCTURE.has(name),
    );
    expect(files.map((name) => name.replace(/\.tsx?$/, '')).sort()).toEqual(FEATURES.map((f) => f.id).sort());
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length);
  });

  describe.each(FEATURES.map((feature) => [feature.id, feature] as const))('%s', (id, feature) => {
    const source = readFileSync(join(here, `${id}.tsx`), 'utf8');

    it('has a switch the organisation can set (or says it is always on)', () => {
      expect([...FEATURE_SWITCH_NAMES, 'always']).toContain(feature.switch);
    });

    it.each(locales)('has every string it uses in %s', (locale) => {
      const messages = catalogue(locale);
      const used = new Set([...source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1] as string));
      for (const key of used) expect(feature.strings, `${id} uses "${key}" without declaring it`).toContain(key);
      for (const key of feature.strings) expect(messages, `${locale} lacks "${key}"`).toHaveProperty(key);
    });

    it('has a unit test', () => {
      expect(readdirSync(here)).toContain(`${id}.test.tsx`);
    });

    it('has an end-to-end test tagged with it', () => {
      expect(e2eSources).toContain(`'@feature:${id}'`);
    });

    it('declares every host call it makes', () => {
      const calls = new Set([...source.matchAll(/\bhost\.(\w+)\(/g)].map((m) => m[1] as string));
      calls.delete('t');
      for (const call of calls) expect(feature.messages, `${id} calls host.${call}`).toContain(call);
    });

    it('shows something: a view in a place, or a notice', () => {
      expect(Object.keys(feature.views).length > 0 || feature.Notice !== undefined).toBe(true);
    });
  });
});
