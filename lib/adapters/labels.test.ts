import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { TicketPriority, TicketStatus } from '../schema/ticket';
import { mapPriority, mapStatus } from './generic/statuses';
import { CHINESE_LABELS, chinesePriority, chineseStatus } from './labels';
import { readSalesforce } from './salesforce/adapter';
import { salesforcePriority, salesforceStatus } from './salesforce/selectors';
import { readZendesk } from './zendesk/read';

/**
 * Labels as Chinese-language helpdesk interfaces show them, collected by a helper that had not seen this code, from
 * Zendesk's own translation files and help centre, Salesforce's Chinese help and training pages, public code holding
 * the strings, and other products' Chinese UIs; each with its evidence and confidence in the file.
 */
interface Locale {
  status?: Record<TicketStatus, string[]>;
  priority?: Record<TicketPriority, string[]>;
  caseStatus?: Record<string, string[]>;
  casePriority?: Record<string, string[]>;
}
const reference = JSON.parse(readFileSync('test/fixtures/labels/helpdesk-zh-labels.json', 'utf8')) as {
  zendesk: Record<'zh-CN' | 'zh-TW', Locale>;
  salesforce: Record<'zh-CN' | 'zh-TW', Locale>;
  otherCommon: Locale;
};
const entries = <T extends string>(table: Record<T, string[]> | undefined) =>
  Object.entries(table ?? {}) as [T, string[]][];
const isHan = (label: string) => /\p{Script=Han}/u.test(label);

describe('status and priority labels of Chinese helpdesk interfaces', () => {
  it('Zendesk’s own zh-CN and zh-TW labels are each read as the status or priority they translate', () => {
    const wrong: string[] = [];
    for (const locale of Object.values(reference.zendesk)) {
      for (const [status, labels] of entries(locale.status)) {
        for (const label of labels) if (chineseStatus(label) !== status) wrong.push(`${label} → ${status}`);
      }
      for (const [priority, labels] of entries(locale.priority)) {
        for (const label of labels) if (chinesePriority(label) !== priority) wrong.push(`${label} → ${priority}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a Salesforce case reads the same in Chinese as in English, for every standard value', () => {
    const wrong: string[] = [];
    for (const locale of Object.values(reference.salesforce)) {
      for (const [english, labels] of entries(locale.caseStatus)) {
        const expected = salesforceStatus(english);
        for (const label of labels)
          if (salesforceStatus(label) !== expected) wrong.push(`${label}: ${salesforceStatus(label)} ≠ ${expected}`);
      }
      for (const [english, labels] of entries(locale.casePriority)) {
        const expected = salesforcePriority(english);
        for (const label of labels)
          if (salesforcePriority(label) !== expected)
            wrong.push(`${label}: ${salesforcePriority(label)} ≠ ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    // Closed is closed: before, any label Salesforce's English rules did not know was taken for an open case.
    expect(salesforceStatus('已关闭')).toBe('closed');
    expect(salesforceStatus('已結束')).toBe('closed');
  });

  it('a described helpdesk knows other Chinese ticket systems’ common labels without a map', () => {
    const wrong: string[] = [];
    // Where the evidence names the English label a Chinese one translates (Zammad's .po file), it must read as that
    // English label does: the reference file grouped Zammad's "pending close" (等待关闭) under closed, as the ticket
    // is about to close, while described helpdesks have always read "pending close" as pending (Zammad pauses its
    // SLA there, and a customer's reply can still reopen it).
    const translates: Record<string, string> = { 等待关闭: 'pending close', 挂起提醒: 'pending reminder' };
    for (const [status, labels] of entries(reference.otherCommon.status)) {
      for (const label of labels.filter(isHan)) {
        const expected = translates[label] ? mapStatus(translates[label], undefined) : status;
        if (mapStatus(label, undefined) !== expected)
          wrong.push(`${label}: ${mapStatus(label, undefined)} ≠ ${expected}`);
      }
    }
    for (const [priority, labels] of entries(reference.otherCommon.priority)) {
      for (const label of labels)
        if (mapPriority(label, undefined) !== priority)
          wrong.push(`${label}: ${mapPriority(label, undefined)} ≠ ${priority}`);
    }
    expect(wrong).toEqual([]);
    // The description's own map still comes first.
    expect(mapStatus('已关闭', { 已关闭: 'solved' })).toBe('solved');
  });

  it('never lets one label stand for two values, nor a label that only contains one', () => {
    for (const table of [CHINESE_LABELS.statuses, CHINESE_LABELS.priorities]) {
      const all = Object.values(table).flat();
      expect(all.length).toBe(new Set(all).size);
    }
    expect(chineseStatus('挂起提醒')).toBe('pending');
    expect(chineseStatus('挂起')).toBe('hold');
    expect(chineseStatus('请尽快处理')).toBeUndefined();
    expect(chinesePriority('不急')).toBeUndefined();
  });
});

describe('the built-in adapters on a helpdesk shown in Chinese', () => {
  const page = (html: string) => parseHTML(`<html><body>${html}</body></html>`).document as unknown as Document;

  it('Zendesk: the status label’s class names the status in any language, its text is the fallback', () => {
    const pane = (status: string, priority: string) =>
      page(
        `<main id="main_panes"><div class="ticket-panes-grid-layout active" data-test-id="ticket-7-custom-layout">` +
          `<input data-test-id="omni-header-subject" value="退款">${status}` +
          `<div data-test-id="ticket-fields-priority-select"><div data-garden-id="dropdowns.combobox.value">${priority}</div></div>` +
          `</div></main>`,
      );
    const url = new URL('https://acme.zendesk.com/agent/tickets/7');
    expect(
      readZendesk(
        pane(
          '<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label pending">待回应</span> #7</span>',
          '紧急',
        ),
        url,
      ).ticket,
    ).toMatchObject({ status: 'pending', priority: 'urgent' });
    // No class to go by: the translated text.
    expect(
      readZendesk(
        pane(
          '<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label">暫停</span> #7</span>',
          '正常',
        ),
        url,
      ).ticket,
    ).toMatchObject({
      status: 'hold',
      priority: 'normal',
    });
    expect(
      readZendesk(
        pane(
          '<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label">OPEN</span> #7</span>',
          'High',
        ),
        url,
      ).ticket,
    ).toMatchObject({
      status: 'open',
      priority: 'high',
    });
  });

  it('Salesforce: fields found by API name where the layout’s labels are translated', () => {
    const caseId = '500Hs00001XyZabIAF';
    const field = (api: string, label: string, value: string) =>
      `<records-record-layout-item field-label="${label}"><div data-target-selection-name="sfdc:RecordField.Case.${api}">` +
      `<lightning-formatted-text>${value}</lightning-formatted-text></div></records-record-layout-item>`;
    const doc = page(
      `<div class="tabsetHeader"><ul class="tabBarItems"><li class="slds-is-active"><a role="tab" href="/lightning/r/Case/${caseId}/view" aria-controls="ws1"></a></li></ul></div>` +
        `<section id="ws1"><support-output-case-subject-field><lightning-formatted-text>无法登录</lightning-formatted-text></support-output-case-subject-field>` +
        field('Status', '状态', '已关闭') +
        field('Priority', '优先级', '高') +
        `<records-record-layout-item field-label="联系人姓名"><div data-target-selection-name="sfdc:RecordField.Case.ContactId"><force-lookup><a>王芳</a></force-lookup></div></records-record-layout-item>` +
        `<records-record-layout-item field-label="客户名"><div data-target-selection-name="sfdc:RecordField.Case.AccountId"><force-lookup><a>华星贸易</a></force-lookup></div></records-record-layout-item>` +
        `</section>`,
    );
    const read = readSalesforce(doc, new URL(`https://acme.lightning.force.com/lightning/r/Case/${caseId}/view`));
    expect(read).toMatchObject({
      missing: [],
      ticket: {
        subject: '无法登录',
        status: 'closed',
        priority: 'high',
        requester: { name: '王芳' },
        organization: { name: '华星贸易' },
      },
    });
  });
});
