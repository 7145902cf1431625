import type { ComplaintGrade, GradingKeywords } from '../schema/sla';
import { normalizeForMatching } from '../scripts/normalize';

/**
 * Default complaint keywords (PRODUCT.md rule 3): money lost or fraud is urgent (answer within 30 minutes and
 * escalate); explicit complaints and threats to leave are important. English and Chinese.
 */
export const DEFAULT_GRADING_KEYWORDS: GradingKeywords = {
  urgent: [
    'funds lost',
    'money lost',
    'fraud',
    'stolen',
    'unauthorized charge',
    'unauthorised charge',
    'hacked',
    '资金丢失',
    '盗刷',
    '被盗',
    '诈骗',
    '欺诈',
  ],
  important: [
    'complaint',
    'complain',
    'unacceptable',
    'cancel my',
    'refund',
    'lawyer',
    'escalate',
    'manager',
    '投诉',
    '退款',
    '不满意',
    '太差',
    '经理',
    '取消',
  ],
};

/** Each keyword list with its keywords folded, kept while the list object lives (policies are long-lived). */
const foldedLists = new WeakMap<GradingKeywords, Record<'urgent' | 'important', [keyword: string, folded: string][]>>();
function folded(keywords: GradingKeywords) {
  let lists = foldedLists.get(keywords);
  if (!lists) {
    const fold = (list: string[]) =>
      list.map((keyword): [string, string] => [keyword, normalizeForMatching(keyword)]).filter(([, key]) => key);
    lists = { urgent: fold(keywords.urgent), important: fold(keywords.important) };
    foldedLists.set(keywords, lists);
  }
  return lists;
}

/**
 * Grade a customer's message: the first list with a keyword in it wins, urgent before important. Message and
 * keywords are compared as normalizeForMatching makes them: case, full-width forms and Traditional or Simplified
 * Chinese do not matter (盜刷 is 盗刷).
 */
export function gradeComplaint(
  text: string | undefined,
  keywords: GradingKeywords = DEFAULT_GRADING_KEYWORDS,
): { grade: ComplaintGrade; matched?: string } {
  if (!text) return { grade: 'normal' };
  const haystack = normalizeForMatching(text);
  const lists = folded(keywords);
  for (const grade of ['urgent', 'important'] as const) {
    const matched = lists[grade].find(([, key]) => haystack.includes(key));
    if (matched) return { grade, matched: matched[0] };
  }
  return { grade: 'normal' };
}
