import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './default-catalog';
import { createScriptIndex } from './rank';
import { renderTemplate, ticketVariables } from './template';

const vars = ticketVariables({
  customerName: 'Grace Hopper',
  agentName: 'Ada Agent',
  ticketId: '1001',
  firstReplyDue: '10:30',
});

describe('script templates', () => {
  it('fills variables for this customer', () => {
    expect(
      renderTemplate(
        'Hi {{customer.first_name}}, this is {{agent.name}} about #{{ticket.id}}; reply by {{sla.first_reply.due}}.',
        vars,
      ),
    ).toEqual({
      text: 'Hi Grace, this is Ada Agent about #1001; reply by 10:30.',
      missing: [],
      used: ['customer.first_name', 'agent.name', 'ticket.id', 'sla.first_reply.due'],
    });
  });

  it('uses the default when a value is missing, and never renders "undefined"', () => {
    const anonymous = ticketVariables({ agentName: 'Ada Agent' });
    expect(renderTemplate('Hi {{customer.first_name | there}}!', anonymous).text).toBe('Hi there!');
    const result = renderTemplate('Hi {{customer.first_name}}, your email is {{customer.email}}.', anonymous);
    expect(result.text).toBe('Hi, your email is.');
    expect(result.text).not.toMatch(/undefined|null/);
    expect(result.missing).toEqual(['customer.first_name', 'customer.email']);
  });

  it('addresses Chinese customers by their full name', () => {
    expect(renderTemplate('{{customer.first_name}}您好', ticketVariables({ customerName: '李雷' })).text).toBe(
      '李雷您好',
    );
  });

  it('escapes for rich-text editors and keeps line breaks; never lets a script body become markup', () => {
    const result = renderTemplate(
      'Hello {{customer.name}}\n<img src=x onerror=alert(1)>',
      ticketVariables({ customerName: '<b>Eve</b>' }),
      { destination: 'html' },
    );
    expect(result.text).toBe('Hello &lt;b&gt;Eve&lt;/b&gt;<br>&lt;img src=x onerror=alert(1)&gt;');
  });

  it('every default script renders with no missing variable when the ticket has the usual fields', () => {
    const full = ticketVariables({
      customerName: 'Grace Hopper',
      customerEmail: 'g@example.com',
      agentName: 'Ada Agent',
      ticketId: '1',
      subject: 'S',
    });
    for (const script of DEFAULT_CATALOG) expect(renderTemplate(script.body, full).missing, script.id).toEqual([]);
  });
});

describe('reply language', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);

  it('suggests only scripts in the ticket’s language when any fits, and others only when none does', () => {
    const chinese = index.suggest({ subject: '账户资金丢失，请立即处理', tags: ['complaint'] }, { grade: 'urgent' });
    expect(chinese.length).toBeGreaterThan(0);
    expect(chinese.every((s) => s.script.locale === 'zh_CN')).toBe(true);
    const onlyEnglish = createScriptIndex(DEFAULT_CATALOG.filter((s) => s.locale === 'en'));
    expect(onlyEnglish.suggest({ subject: '我要退款 refund' })[0]?.script.locale).toBe('en');
  });
});
