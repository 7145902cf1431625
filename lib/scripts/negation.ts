/**
 * Where a customer says what they do *not* want or what something is *not*: "I don't want a replacement",
 * "this is not about billing", "我不想要退款", "不是盗刷", "没有被盗刷". Words in these spans must not pull the
 * scripts for them up.
 *
 * Deliberately narrow: most negations in support tickets describe the problem itself — "has not arrived",
 * "can't log in", "never received", "没收到", "登不上" — and those words are exactly what should match. So only
 * negated wishes ("don't want / need", "不要 / 不想 / 不用 / 不需要 / 别") and denials ("is not", "not about",
 * "不是", "没(有)被") open a span; it runs to the end of the clause.
 *
 * Works on normalised text (normalize.ts) and returns [from, to) offsets into it.
 */
const ENGLISH_WISH =
  /\b(?:don't|dont|doesn't|didn't|won't|wouldn't|do not|does not|did not|will not|would not|not|never|no longer)\s+(?:really\s+|actually\s+|even\s+|at all\s+)?(?:want(?:ed)?|need(?:ed)?|wish|require|asking for|looking for|interested in|requesting)\b/g;
const ENGLISH_NO_NEED = /\bno (?:need|interest) (?:for|in|of|to)\b/g;
/** Requests not to do something: "please don't send a replacement", "do not offer me a voucher". */
const ENGLISH_DONT_DO =
  /\b(?:please (?:do not|don't|dont|never)|(?:do not|don't|dont) (?:send|give|offer|ship|process|issue|start|arrange|book|try)(?: me)?)\b/g;
// "not" + a topic ("not about", "not a …"); "is not working" / "isn't delivered" are problems, not denials.
const ENGLISH_DENIAL =
  /\b(?:isn't|wasn't|aren't|not)\s+(?:a|an|about|related to|regarding|asking about|because of|due to)\b/g;
/** A clause ends at punctuation or where the customer turns to what they do want. */
const ENGLISH_CLAUSE_END =
  /[.!?;,:\n]|\b(?:but|instead|rather|however|though|although|just|only|i want|i need|i'd like|please)\b/;

// 别 as "don't", not inside 特别 / 区别 / 别人 / 别的 / 别家 ("换别家" is leaving for a competitor).
const CHINESE_WISH =
  /不想要|不想|不要|不用|不需要|无需|不必|没必要|用不着|不打算|(?<![特区识级分类告辨性])别(?![人的处家])/g;
const CHINESE_DENIAL = /并不是|不是|并非|没有被|没被|不属于|不算/g;
const CHINESE_CLAUSE_END = /[，。！？；、,.!?;:\n\s]|但是|但|而是|只是|只想|就是|只要|我想|我要|想要|希望/;

const MAX_ENGLISH_SPAN = 60;
const MAX_CHINESE_SPAN = 12;

export function negatedSpans(normalized: string): [number, number][] {
  const spans: [number, number][] = [];
  const open = (from: number, clauseEnd: RegExp, max: number) => {
    const rest = normalized.slice(from, from + max);
    const end = rest.search(clauseEnd);
    // A clause end right at the start ("don't want, …") would leave nothing: skip that first character.
    const to = from + (end === -1 ? rest.length : end === 0 ? 0 : end);
    if (to > from) spans.push([from, to]);
  };
  for (const pattern of [ENGLISH_WISH, ENGLISH_NO_NEED, ENGLISH_DONT_DO, ENGLISH_DENIAL]) {
    for (const match of normalized.matchAll(pattern))
      open(match.index + match[0].length, ENGLISH_CLAUSE_END, MAX_ENGLISH_SPAN);
  }
  for (const pattern of [CHINESE_WISH, CHINESE_DENIAL]) {
    for (const match of normalized.matchAll(pattern))
      open(match.index + match[0].length, CHINESE_CLAUSE_END, MAX_CHINESE_SPAN);
  }
  return spans;
}

/** Words that are themselves a negation; a trainer phrase holding one ("not delivered", "没收到") is never negated. */
const NEGATORS =
  /\b(?:not|no|never|don't|dont|doesn't|didn't|can't|cannot|won't|isn't|wasn't|aren't|haven't|hasn't|without)\b|[不没别无未]/;

export function holdsNegation(normalized: string): boolean {
  return NEGATORS.test(normalized);
}
