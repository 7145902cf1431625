import { afterEach, describe, expect, it, vi } from 'vitest';
import { scripts } from './scripts';
import { insightsFor, runFeatures, settle, ticket } from './testing';

const fraud = {
  id: 'fraud-escalation',
  version: 3,
  title: 'Fraud escalation',
  locale: 'en' as const,
  text: 'Dear Ann, we have frozen the card.',
  missing: [],
  reasons: [{ kind: 'tag' as const, tag: 'fraud' }],
};

describe('scripts feature', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.unstubAllGlobals();
  });

  it('says why each script was suggested, for every kind of reason the ranker gives', async () => {
    const run = runFeatures([scripts]);
    stop = run.stop;
    const reasons = [
      { kind: 'words' as const, terms: ['shipped', 'delayed'] },
      { kind: 'phrase' as const, phrase: 'sent me the wrong size' },
      { kind: 'synonym' as const, said: 'too small', means: 'wrong size' },
      { kind: 'tier' as const, tier: 'vip' },
      { kind: 'grade' as const, grade: 'urgent' as const },
      { kind: 'general' as const, grade: 'normal' as const },
      { kind: 'learned' as const, rate: 82, n: 30.5 },
      { kind: 'restricted' as const, tiers: ['vip', 'high_value'] },
    ];
    run.host.answers.set('1001', insightsFor('1001', { scripts: [{ ...fraud, reasons }] }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('.dl-script-why')?.textContent).toBe(
      [
        'reasonWords(shipped, delayed)',
        'reasonPhrase(sent me the wrong size)',
        'reasonSynonym(too small,wrong size)',
        'reasonTier(vip)',
        'reasonUrgent',
        'reasonOpening',
        'reasonLearned(82,31)',
        'reasonRestricted(vip, high_value)',
      ].join(' · '),
    );
  });

  it('inserts the filled-in text and records the use once; thumbs count once per insertion', async () => {
    const run = runFeatures([scripts]);
    stop = run.stop;
    run.host.answers.set('1001', insightsFor('1001', { scripts: [fraud] }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.root.querySelector<HTMLButtonElement>('[data-script-id="fraud-escalation"]')?.click();
    await settle();
    expect(run.host.inserted).toEqual([fraud.text]);
    run.root.querySelector<HTMLButtonElement>('[data-rating="rated_up"]')?.click();
    await settle();
    run.root.querySelector<HTMLButtonElement>('[data-rating="rated_down"]')?.click();
    await settle();
    expect(run.host.usage.map((event) => [event.scriptId, event.scriptVersion, event.action])).toEqual([
      ['fraud-escalation', 3, 'inserted'],
      ['fraud-escalation', 3, 'rated_up'],
    ]);
  });

  it('falls back to the clipboard when the editor refuses or does not keep the script, and says which; says plainly when copying fails too', async () => {
    const run = runFeatures([scripts]);
    stop = run.stop;
    run.host.insertAccepts = false;
    run.host.answers.set('1001', insightsFor('1001', { scripts: [fraud] }));
    const copied: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (text: string) => void copied.push(text) } });
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.root.querySelector<HTMLButtonElement>('[data-script-id="fraud-escalation"]')?.click();
    await settle();
    expect(copied).toEqual([fraud.text]);
    expect(run.host.usage.map((event) => event.action)).toEqual(['copied']);
    expect(run.root.querySelector('.dl-script-status')?.textContent).toBe('scriptCopied');

    vi.stubGlobal('navigator', {});
    run.root.querySelector<HTMLButtonElement>('[data-script-id="fraud-escalation"]')?.click();
    await settle();
    expect(run.root.querySelector('.dl-script-status')?.textContent).toBe('scriptInsertFailed');
    expect(run.host.usage).toHaveLength(1);

    // The editor took the text and did not keep it (the adapter's check after the insert): never "inserted".
    vi.stubGlobal('navigator', { clipboard: { writeText: async (text: string) => void copied.push(text) } });
    run.host.insertFailure = 'not-kept';
    run.root.querySelector<HTMLButtonElement>('[data-script-id="fraud-escalation"]')?.click();
    await settle();
    expect(copied).toEqual([fraud.text, fraud.text]);
    expect(run.root.querySelector('.dl-script-status')?.textContent).toBe('scriptNotKept');
    expect(run.host.usage.map((event) => event.action)).toEqual(['copied', 'copied']);
  });
  it('a switch rewrites the texts of the same list items instead of removing and creating them', async () => {
    const run = runFeatures([scripts]);
    stop = run.stop;
    const refund = { ...fraud, id: 'refund-status', title: 'Refund status', text: 'Your refund is on its way.' };
    run.host.answers.set('1001', insightsFor('1001', { scripts: [fraud, refund] }));
    run.host.answers.set('1002', insightsFor('1002', { scripts: [refund, { ...fraud, id: 'other', title: 'Other' }] }));
    // Both seen once, as through an agent's day: a ticket seen before shows its last figures at once.
    for (const id of ['1001', '1002', '1001']) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await settle();
    }
    const before = [...run.root.querySelectorAll('.dl-script')];
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    const after = [...run.root.querySelectorAll('.dl-script')];
    expect(after.map((item) => item.getAttribute('data-script'))).toEqual(['refund-status', 'other']);
    expect(after.map((item) => item.querySelector('.dl-script-title')?.textContent)).toEqual([
      'Refund status',
      'Other',
    ]);
    expect(after).toHaveLength(before.length);
    for (const [place, item] of after.entries()) expect(item).toBe(before[place]);
  });
});
