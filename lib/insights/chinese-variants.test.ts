import { describe, expect, it } from 'vitest';
import { ScriptEntry } from '../schema/scripts';
import { TicketContext } from '../schema/ticket';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { detectLocale } from '../scripts/rank';
import { computeInsights, searchScripts } from './index';

const now = Date.parse('2026-11-30T10:00:00Z');
const ticket = (subject: string, message: string, locale?: string) =>
  TicketContext.parse({
    helpdesk: 'zendesk',
    ticketId: '2001',
    url: 'https://acme.zendesk.com/agent/tickets/2001',
    subject,
    latestCustomerMessage: message,
    priority: 'normal',
    createdAt: '2026-11-30T09:50:00Z',
    requester: { name: '陳小姐', email: 'chen@example.test' },
    tags: [],
    ...(locale ? { locale } : {}),
  });
const sources = { catalog: DEFAULT_CATALOG, now };

describe('the reply language of a Chinese ticket', () => {
  it.each([
    [{ latestCustomerMessage: '我的帳戶被盜刷了' }, 'zh_TW'],
    [{ latestCustomerMessage: '我的账户被盗刷了' }, 'zh_CN'],
    [{ latestCustomerMessage: '你好', locale: 'zh-TW' }, 'zh_TW'],
    [{ latestCustomerMessage: '你好', locale: 'zh-HK' }, 'zh_TW'],
    [{ latestCustomerMessage: '你好', locale: 'zh-CN' }, 'zh_CN'],
    [{ latestCustomerMessage: '請幫我退款', locale: 'zh-CN' }, 'zh_TW'],
    [{ latestCustomerMessage: 'refund please' }, 'en'],
  ])('%o → %s', (context, locale) => {
    expect(detectLocale(context)).toBe(locale);
  });
});

describe('scripts per Chinese variant', () => {
  const fraudTw = '信用卡被盜刷';
  const fraudMessage = '我的帳戶資金丟失了，信用卡被盜刷了好幾筆，不是我本人刷的，請馬上處理！';

  it('gives a Traditional ticket the trainer’s Traditional version, urgent, in place of the Simplified one', () => {
    const insights = computeInsights(ticket(fraudTw, fraudMessage), sources);
    expect(insights.grade).toBe('urgent');
    const ids = insights.scripts.map((s) => s.id);
    expect(ids).toContain('fraud-escalation-zh-tw');
    expect(ids).not.toContain('fraud-escalation-zh');
    const fraud = insights.scripts.find((s) => s.id === 'fraud-escalation-zh-tw');
    expect(fraud).toMatchObject({ locale: 'zh_TW', title: '帳戶資金遺失／盜刷：保護帳戶並升級處理' });
    expect(fraud?.convertedFrom).toBeUndefined();
    // The reasons quote the customer's own Traditional words, not their folded Simplified form (what a synonym
    // `means` is the trainer's word, in the script's own script).
    const quoted = (fraud?.reasons ?? []).flatMap((reason) =>
      reason.kind === 'phrase'
        ? [reason.phrase]
        : reason.kind === 'synonym'
          ? [reason.said]
          : reason.kind === 'words'
            ? reason.terms
            : [],
    );
    expect(quoted).toContain('信用卡被盜刷');
    expect(quoted.filter((word) => /[盗资丢账户]/.test(word))).toEqual([]);
  });

  it('gives the same ticket in Simplified the Simplified script', () => {
    const insights = computeInsights(
      ticket('信用卡被盗刷', '我的账户资金丢失了，信用卡被盗刷了好几笔，不是我本人刷的，请马上处理！'),
      sources,
    );
    expect(insights.grade).toBe('urgent');
    const ids = insights.scripts.map((s) => s.id);
    expect(ids).toContain('fraud-escalation-zh');
    expect(ids).not.toContain('fraud-escalation-zh-tw');
  });

  it('gives a Traditional reader a Simplified script with no Traditional version as a reading copy marked converted', () => {
    const insights = computeInsights(ticket('退貨', '我想退貨，衣服尺寸不合適，要怎麼辦理退貨？'), sources);
    const converted = insights.scripts.filter((s) => s.convertedFrom === 'zh_CN');
    expect(converted.length).toBeGreaterThan(0);
    for (const script of converted) {
      expect(script.locale).toBe('zh_TW');
      const original = DEFAULT_CATALOG.find((s) => s.id === script.id);
      expect(original?.locale).toBe('zh_CN');
      expect(script.title).toBe(original?.readingCopy?.title);
    }
  });

  it('finds the Traditional version when an agent searches in Traditional, and the Simplified one in Simplified', () => {
    const tw = searchScripts(ticket('x', 'x'), '盜刷', sources).map((s) => s.id);
    const cn = searchScripts(ticket('x', 'x'), '盗刷', sources).map((s) => s.id);
    expect(tw[0]).toBe('fraud-escalation-zh-tw');
    expect(cn[0]).toBe('fraud-escalation-zh');
  });

  it('never gives a reading copy to a Simplified reader, nor to a Traditional reader when there is none', () => {
    const plain = ScriptEntry.parse({
      id: 'delivery-zh',
      title: '物流查询',
      body: '您的包裹正在派送中。',
      locale: 'zh_CN',
      scenario: 'shipping_delay',
      triggerKeywords: ['物流'],
    });
    const tw = computeInsights(ticket('物流', '請問物流到哪裡了'), { catalog: [plain], now }).scripts[0];
    expect(tw).toMatchObject({ id: 'delivery-zh', locale: 'zh_CN', title: '物流查询' });
    expect(tw?.convertedFrom).toBeUndefined();
  });
});
