import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Insights } from '../../messaging';
import { FEATURES } from './registry';
import { FRESH_ANSWER_MS, RECHECK_AFTER_MS, shownFigures } from './runtime';
import { insightsFor, runFeatures, settle, ticket } from './testing';

const clock = (msLeft: number, ticking = true): Insights['sla'][number] => ({
  metric: 'first_reply_time',
  label: { en: 'First reply', zh_CN: '首次回复' },
  state: 'active',
  breached: false,
  level: 'ok',
  businessHours: false,
  msLeft,
  targetMs: 3_600_000,
  ticking,
  cycle: 1,
});

describe('what the overlay would show from a ticket’s figures', () => {
  it('is the same for two answers computed at different moments with the same deadlines', () => {
    const first = insightsFor('1001', { computedAt: 1_000_000, sla: [clock(600_000)] });
    const later = insightsFor('1001', { computedAt: 1_004_000, sla: [clock(596_000)] });
    expect(shownFigures(later)).toBe(shownFigures(first));
  });

  it('differs when a running clock’s deadline moved, a paused clock’s time left changed, or the tier changed', () => {
    const first = insightsFor('1001', { computedAt: 1_000_000, sla: [clock(600_000), clock(50_000, false)] });
    const moved = insightsFor('1001', { computedAt: 1_000_000, sla: [clock(660_000), clock(50_000, false)] });
    const paused = insightsFor('1001', { computedAt: 1_004_000, sla: [clock(596_000), clock(40_000, false)] });
    const tier = insightsFor('1001', { computedAt: 1_000_000, sla: [clock(600_000), clock(50_000, false)] });
    tier.tier = { ...(tier.tier as NonNullable<Insights['tier']>), id: 'general' };
    for (const other of [moved, paused, tier]) expect(shownFigures(other)).not.toBe(shownFigures(first));
  });
});

describe('a fresh answer for the ticket in front', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('re-renders nothing when it shows what is already shown, and replaces the figures when something changed', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    const shownBefore = run.page.active.value?.insights.value;
    // Long enough after that both are asked again (FRESH_ANSWER_MS).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + FRESH_ANSWER_MS + 1);

    // Back to 1001 and to 1002 again: the last figures show at once; the background's fresh answer (computed later,
    // same deadlines) leaves them as they are.
    run.host.answers.set('1002', { ...(shownBefore as Insights), computedAt: Date.now() + 5_000 });
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    // 1001 was only passed through; 1002, stayed on, is re-checked (RECHECK_AFTER_MS).
    // Waited out as the re-check is (its timer, then the task after it): late timers on a loaded machine keep order.
    await new Promise((done) => setTimeout(done, RECHECK_AFTER_MS));
    await settle();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1002']);
    expect(run.page.active.value?.insights.value).toBe(shownBefore);

    // The tier changed meanwhile: the new figures are shown.
    run.host.answers.set('1002', insightsFor('1002', { grade: 'urgent' }));
    run.host.emit({ ticket: ticket('1002', { tags: ['escalated'] }), missing: [] });
    await settle();
    expect(run.page.active.value?.insights.value?.grade).toBe('urgent');
  });
});
