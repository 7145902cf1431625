import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../default-catalog';
import { createScriptIndex } from '../rank';
import { situationModelOf } from './model';

/**
 * A model that knows one thing: "钱少了" (money gone missing) reads as fraud, and "补偿" (make it up to me) as a
 * goodwill gesture. Toy weights, so the tests pin what the ranker does with a reading, not what the shipped model
 * learned.
 */
const scenarios = [...new Set(DEFAULT_CATALOG.map((s) => s.scenario))].sort();
const toy = situationModelOf(
  { featuresVersion: 1, scenarios, scale: 1, bias: scenarios.map(() => 0) },
  { 钱少了: [scenarios.indexOf('fraud_escalation'), 8], 补偿: [scenarios.indexOf('goodwill'), 8] },
);
const ticket = { subject: '', latestCustomerMessage: '早上起来一看钱少了' };

describe('ranking with a situation model', () => {
  it('lifts the script of the situation the model reads, where the words alone do not lead to it, and says why', () => {
    const options = { tier: 'general', grade: 'urgent' as const, locale: 'zh_CN' as const };
    const words = createScriptIndex(DEFAULT_CATALOG).suggest(ticket, options);
    const read = createScriptIndex(DEFAULT_CATALOG, { situations: toy }).suggest(ticket, options);
    expect(words[0]?.script.id).not.toBe('fraud-escalation-zh');
    expect(read[0]?.script.id).toBe('fraud-escalation-zh');
    const situation = read[0]?.reasons.find((reason) => reason.kind === 'situation');
    expect(situation?.kind === 'situation' && situation.share).toBeGreaterThan(90);
  });

  it('never offers a tier-restricted script outside its tiers, however sure the model is', () => {
    const index = createScriptIndex(DEFAULT_CATALOG, { situations: toy });
    const complaint = { subject: '', latestCustomerMessage: '你们得给我补偿' };
    const forGeneral = index.suggest(complaint, { tier: 'general', grade: 'important', locale: 'zh_CN' });
    expect(forGeneral.map((s) => s.script.id)).not.toContain('goodwill-credit-zh');
    const forVip = index.suggest(complaint, { tier: 'vip', grade: 'important', locale: 'zh_CN' });
    expect(forVip[0]?.script.id).toBe('goodwill-credit-zh');
  });

  it('gives no situation reason to a script the model does not read the ticket as', () => {
    const read = createScriptIndex(DEFAULT_CATALOG, { situations: toy }).suggest(ticket, {
      tier: 'general',
      grade: 'urgent',
      locale: 'zh_CN',
    });
    for (const suggestion of read.slice(1))
      expect(
        suggestion.reasons.some((r) => r.kind === 'situation'),
        suggestion.script.id,
      ).toBe(false);
  });
});
