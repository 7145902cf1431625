import { ConverterFactory, type ConverterFunction, type DictLike } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset/t2cn';

/**
 * Traditional → Simplified Chinese for matching, with OpenCC's tables (opencc-js): Taiwan and Hong Kong variant
 * characters and regional phrasing first (軟體 → 軟件, 網路 → 網絡), then Traditional → Simplified phrases and
 * characters. Keywords, scripts and tickets written in either variant all meet in Simplified. Only this direction
 * lives here: it is small (about 50 KB gzip); Simplified → Traditional needs OpenCC's 400 KB phrase table and is
 * done by the server (reading copies of the catalog, see server/catalog).
 *
 * Folding runs on Simplified text too (it cannot know which script a phrase is in), so both sides must fold to the
 * same words. The regional phrases are therefore applied after the character conversion, in Simplified form, to
 * every text: Taiwan's 查詢 and the mainland's 查询 and 查找 all become 查找, 軟體 and 软件 become 软件. A few regional
 * words are also mainland words with another meaning: 程序 is a "program" on the mainland and a "process" in Taiwan
 * (进程), while Taiwan's "program" is 程式. A regional phrase whose source is itself a target of the tables (程序) is
 * left out, so the mainland's 程序 and Taiwan's 程式 meet at 程序.
 *
 * The tries are built on first use (tens of milliseconds, once per worker), never for text with no Chinese.
 */
let converter: ConverterFunction | undefined;
/** Variant characters and Traditional → Simplified only, without regional words: tells the scripts apart. */
let characters: ConverterFunction | undefined;

/**
 * Where OpenCC's choice is a valid Simplified form but not the one mainland text writes for support words: 帳 →
 * 帐, where accounts, bills and transfers are written 账 (账户, 账单, 转账). Applied after OpenCC, to both variants.
 */
const SIMPLIFIED_USAGE: [string, string][] = [
  ['帐户', '账户'],
  ['帐号', '账号'],
  ['帐单', '账单'],
  ['帐目', '账目'],
  ['帐本', '账本'],
  ['帐期', '账期'],
  ['到帐', '到账'],
  ['转帐', '转账'],
  ['对帐', '对账'],
  ['记帐', '记账'],
  ['查帐', '查账'],
  ['算帐', '算账'],
  ['入帐', '入账'],
  ['挂帐', '挂账'],
];

function pairs(dict: DictLike): [string, string][] {
  if (typeof dict !== 'string') return dict.map(([source, target]) => [source, target]);
  return dict
    .split('|')
    .map((entry) => entry.split(' '))
    .filter((parts): parts is [string, string] => parts.length >= 2 && Boolean(parts[0]));
}

function traditionalToSimplified(): ConverterFunction {
  if (!converter) {
    const [twRegional, ...twVariants] = from.twp?.[0] ?? [];
    const [hkRegional, ...hkVariants] = from.hkp?.[0] ?? [];
    const variants = [...twVariants, ...hkVariants];
    const cn = to.cn ?? [];
    characters = ConverterFactory(variants, ...cn);
    const simplify = characters;
    const regionalPairs = [twRegional, hkRegional]
      .filter((dict): dict is DictLike => dict !== undefined)
      .flatMap(pairs)
      .map(([source, target]): [string, string] => [simplify(source), simplify(target)])
      .filter(([source, target]) => source !== target);
    const mainlandWords = new Set(regionalPairs.map(([, target]) => target));
    const regional = regionalPairs.filter(([source]) => !mainlandWords.has(source));
    // The character tries are built once (they are most of the cost of a service worker's first fold).
    const words = ConverterFactory([SIMPLIFIED_USAGE, regional]);
    converter = (text) => words(simplify(text));
  }
  return converter;
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether `text` is written in Traditional characters (it holds some Simplified never writes: 帳, 們, 說). Text
 * whose characters all exist in both scripts reads as Simplified.
 */
export function isTraditional(text: string): boolean {
  if (!HAN.test(text)) return false;
  traditionalToSimplified();
  return (characters as ConverterFunction)(text) !== text;
}

let folding = true;
/**
 * For test/bench/chinese-variants.bench.ts only: matching as it was before folding, to measure what folding costs.
 * Nothing in the product turns it off.
 */
export function setVariantFoldingForBenchmark(on: boolean): void {
  folding = on;
}

/** Any Traditional Chinese in `text` written as Simplified; text without Chinese characters is returned as is. */
export function foldChineseVariants(text: string): string {
  return folding && HAN.test(text) ? traditionalToSimplified()(text) : text;
}
