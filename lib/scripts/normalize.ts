import { foldChineseVariants } from './chinese-variants';

/**
 * The one place where text is made comparable for matching: every ticket, script field, trainer phrase, synonym
 * and tag goes through `normalizeForMatching` before it is segmented, so two spellings that should match are
 * folded here and nowhere else.
 *
 * Traditional Chinese is folded to Simplified here (customers in Hong Kong, Taiwan and Macau write 退貨 for 退货):
 * keywords, scripts and tickets are written once, in either variant, and match both. A change of folding bumps
 * `NORMALIZATION_VERSION` so that indexes stored with the old folding are rebuilt.
 */
export const NORMALIZATION_VERSION = 2;

type Fold = (text: string) => string;

const SPELLING_FOLDS: Fold[] = [
  // Full-width letters and digits, compatibility forms (ｒｅｆｕｎｄ, ①) → their plain forms.
  (text) => text.normalize('NFKC'),
  (text) => text.toLowerCase(),
  // Curly apostrophes from phones and word processors: "don’t" must read as "don't".
  (text) => text.replace(/[\u2018\u2019\u02bc\uff07]/g, "'"),
];

export function normalizeForMatching(text: string): string {
  // Chinese variants after NFKC, which already maps CJK compatibility ideographs to their unified forms.
  return foldChineseVariants(normalizeSpelling(text));
}

/**
 * Case, full-width forms and apostrophes only, keeping the Chinese script: for checks on what a trainer typed
 * (a synonym group may list 登入 beside 登录 — regional words that matching folds together).
 */
export function normalizeSpelling(text: string): string {
  let folded = text;
  for (const fold of SPELLING_FOLDS) folded = fold(folded);
  return folded;
}
