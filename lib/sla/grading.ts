import type { ComplaintGrade, GradingKeywords } from '../schema/sla';

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

/** Grade a customer's message: the first list with a keyword in it wins, urgent before important. Case-insensitive. */
export function gradeComplaint(
  text: string | undefined,
  keywords: GradingKeywords = DEFAULT_GRADING_KEYWORDS,
): { grade: ComplaintGrade; matched?: string } {
  if (!text) return { grade: 'normal' };
  const haystack = text.toLocaleLowerCase();
  for (const grade of ['urgent', 'important'] as const) {
    const matched = keywords[grade].find((keyword) => haystack.includes(keyword.toLocaleLowerCase()));
    if (matched) return { grade, matched };
  }
  return { grade: 'normal' };
}
