import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import type { ScriptEntry } from '../../lib/schema/scripts';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { createScriptIndex } from '../../lib/scripts/rank';
import { gradeComplaint } from '../../lib/sla/grading';
import { independentSet } from './sets';

/**
 * The same labelled tickets in both scripts: the independent set's Chinese tickets as written (Simplified,
 * mainland usage) and as a Taiwanese customer would write them (OpenCC's full Simplified → Taiwan converter with
 * Taiwan phrasing: 软件 → 軟體, 网络 → 網路). Grading, suggestions and search must not tell them apart. The fixtures
 * and their labels are read, never changed: the Traditional copies are made here.
 */
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });
const simplified = independentSet().filter((t) => t.locale === 'zh_CN');
const table = simplified.map((t) => ({
  ticket: t,
  traditional: { subject: toTaiwan(t.subject), message: toTaiwan(t.message) },
}));
const index = createScriptIndex(DEFAULT_CATALOG);
/** A trainer's Traditional version of a script is that script, shown to Traditional readers in its place. */
const sameScript = ({ script }: { script: ScriptEntry }) => script.variantOf ?? script.id;

describe('Traditional and Simplified tickets of the independent set', () => {
  it('are really written in two scripts (the table is not the same text twice)', () => {
    expect(simplified.length).toBeGreaterThanOrEqual(100);
    const differing = table.filter(({ ticket, traditional }) => ticket.message !== traditional.message);
    expect(differing.length).toBeGreaterThan(simplified.length * 0.9);
  });

  it('get the same complaint grade', () => {
    const differ = table.filter(
      ({ ticket, traditional }) =>
        gradeComplaint(`${ticket.subject}\n${ticket.message}`).grade !==
        gradeComplaint(`${traditional.subject}\n${traditional.message}`).grade,
    );
    expect(differ.map(({ ticket }) => ticket.id)).toEqual([]);
  });

  it('get the same suggested scripts, in the same order', () => {
    const differ: string[] = [];
    for (const { ticket, traditional } of table) {
      const grade = gradeComplaint(`${ticket.subject}\n${ticket.message}`).grade;
      const options = { grade, tier: ticket.tier ?? 'general', limit: 3 };
      const ids = (subject: string, message: string) =>
        index.suggest({ subject, latestCustomerMessage: message, tags: [] }, options).map(sameScript);
      const a = ids(ticket.subject, ticket.message);
      const b = ids(traditional.subject, traditional.message);
      if (a.join() !== b.join()) differ.push(`${ticket.id}: ${a.join()} ≠ ${b.join()}`);
    }
    expect(differ).toEqual([]);
  });

  it('find the same scripts when an agent searches with the subject', () => {
    const differ: string[] = [];
    for (const { ticket, traditional } of table) {
      const a = index.search(ticket.subject, { limit: 5 }).map(sameScript);
      const b = index.search(traditional.subject, { limit: 5 }).map(sameScript);
      if (a.join() !== b.join()) differ.push(`${ticket.id} ${ticket.subject}: ${a.join()} ≠ ${b.join()}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('the examples customers in Hong Kong, Taiwan and Macau gave (issue 20)', () => {
  it.each([
    ['我的帳戶資金丟失了', 'urgent'],
    ['我的账户资金丢失了', 'urgent'],
    ['信用卡被盜刷', 'urgent'],
    ['我要投訴', 'important'],
    ['我要投诉', 'important'],
    ['請問營業時間', 'normal'],
  ] as const)('%s is %s', (text, grade) => {
    expect(gradeComplaint(text).grade).toBe(grade);
  });

  it('match a keyword an admin wrote in Traditional against a Simplified message, and the other way round', () => {
    const keywords = { urgent: ['帳戶被盜'], important: ['退款'] };
    expect(gradeComplaint('我的账户被盗了', keywords)).toEqual({ grade: 'urgent', matched: '帳戶被盜' });
    expect(gradeComplaint('請幫我退款', keywords)).toEqual({ grade: 'important', matched: '退款' });
  });
});
