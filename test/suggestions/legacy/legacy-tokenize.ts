/**
 * Word segmentation for search over English and Chinese. Chinese has no spaces, so a whitespace tokenizer
 * sees a whole sentence as one "word". Intl.Segmenter (ICU dictionary segmentation, in every modern browser
 * and in Node) gives the words; on top of that every pair of neighbouring Han characters in a run is a term,
 * because the dictionary often splits domain words ("盗刷" → "盗" + "刷") that customers and trainers write
 * as one.
 */
const segmenters = new Map<string, Intl.Segmenter>();
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/** Words too common to say anything about which script fits. */
const ENGLISH_STOP_WORDS = new Set(
  'a an and are as at be by for from has have i in is it me my of on or our please that the this to was we with you your yet'.split(
    ' ',
  ),
);

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  for (const { segment, isWordLike } of segmenter(containsHan(lower) ? 'zh' : 'en').segment(lower)) {
    if (!isWordLike) continue;
    if (HAN.test(segment)) {
      if ([...segment].length > 1) tokens.push(segment);
    } else if ((segment.length > 1 && !ENGLISH_STOP_WORDS.has(segment)) || /\d/.test(segment)) {
      tokens.push(segment);
    }
  }
  for (const [run] of lower.matchAll(HAN_RUN)) {
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}
