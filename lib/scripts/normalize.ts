/**
 * The one place where text is made comparable for matching: every ticket, script field, trainer phrase, synonym
 * and tag goes through `normalizeForMatching` before it is segmented, so two spellings that should match are
 * folded here and nowhere else.
 *
 * Folding Traditional to Simplified Chinese (PRODUCT.md: customers in Hong Kong, Taiwan and Macau write 退貨 for
 * 退貨/退货) belongs here too: add it as one more step of `FOLDS` (e.g. an opencc-js converter), and bump
 * `NORMALIZATION_VERSION` so that indexes stored with the old folding are rebuilt.
 */
export const NORMALIZATION_VERSION = 1;

type Fold = (text: string) => string;

const FOLDS: Fold[] = [
  // Full-width letters and digits, compatibility forms (ｒｅｆｕｎｄ, ①) → their plain forms.
  (text) => text.normalize('NFKC'),
  (text) => text.toLowerCase(),
  // Curly apostrophes from phones and word processors: "don’t" must read as "don't".
  (text) => text.replace(/[\u2018\u2019\u02bc\uff07]/g, "'"),
];

export function normalizeForMatching(text: string): string {
  let folded = text;
  for (const fold of FOLDS) folded = fold(folded);
  return folded;
}
