import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './default-catalog';
import { createScriptIndex } from './rank';
import { renderTemplate, ticketVariables } from './template';
import { tokenize } from './tokenize';

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

describe('Chinese and English search', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);

  it('segments Chinese into words and neighbour pairs', () => {
    expect(tokenize('账户被盗刷')).toEqual(expect.arrayContaining(['账户', '盗刷']));
  });

  it('finds scripts by Chinese words inside longer text, and by English word forms', () => {
    expect(index.search('退款')[0]?.script.id).toBe('refund-status-zh');
    expect(index.search('盗刷')[0]?.script.id).toBe('fraud-escalation-zh');
    expect(index.search('password')[0]?.script.id).toBe('password-reset-en');
  });

  it('explains each suggestion and boosts by tag, tier and complaint grade', () => {
    const [top] = index.suggest({ subject: 'Where is my money?', tags: ['refund'] }, { grade: 'normal' });
    expect(top?.script.id).toBe('refund-status-en');
    expect(top?.reasons).toContainEqual({ kind: 'tag', tag: 'refund' });
    const urgent = index.suggest({ subject: 'Help' }, { grade: 'urgent', locale: 'en' });
    expect(urgent[0]?.script.id).toBe('fraud-escalation-en');
    expect(urgent[0]?.reasons).toContainEqual({ kind: 'scenario', scenario: 'fraud_escalation', because: 'urgent' });
  });

  it('lets measured effectiveness reorder close candidates, only once there are enough answers', () => {
    const ctx = { subject: 'Sorry, there is a mistake and I am angry' };
    const before = index.suggest(ctx, { locale: 'en' }).map((s) => s.script.id);
    const second = before[1] as string;
    const boosted = index.suggest(ctx, {
      locale: 'en',
      effectiveness: [{ scriptId: second, version: 1, csatLift: 30, n: 50 }],
    });
    expect(boosted.find((s) => s.script.id === second)?.reasons).toContainEqual({
      kind: 'effective',
      csatLift: 30,
      n: 50,
    });
    const tooFew = index.suggest(ctx, {
      locale: 'en',
      effectiveness: [{ scriptId: second, version: 1, csatLift: 30, n: 3 }],
    });
    expect(tooFew.map((s) => s.script.id)).toEqual(before);
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
