import { afterEach, describe, expect, it, vi } from 'vitest';
import { slaClocks } from './sla-clocks';
import { insightsFor, runFeatures, settle, ticket } from './testing';

const clock = (msLeft: number) => ({
  metric: 'first_reply_time',
  label: { en: 'First reply', zh_CN: '首次回复' },
  state: 'active' as const,
  breached: false,
  level: 'ok' as const,
  businessHours: false,
  msLeft,
  targetMs: 60 * 60_000,
  ticking: true,
  cycle: 1,
});

describe('sla-clocks feature', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('ticks when a clock shows something else: once a minute, then every second in its last minute', async () => {
    vi.useFakeTimers();
    const run = runFeatures([slaClocks]);
    stop = run.stop;
    const computedAt = Date.now();
    run.host.answers.set('1001', insightsFor('1001', { computedAt, sla: [clock(2 * 60_000 + 30_500)] }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(10);
    const value = () => run.root.querySelector('.dl-clock-value')?.textContent;
    const ticks: number[] = [];
    const stopCounting = run.page.now.subscribe((now) => ticks.push(now));
    ticks.length = 0;
    expect(value()).toBe('2 m');
    // Thirty seconds on, the clock still reads "2 m": nothing moved, nothing rendered.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(value()).toBe('2 m');
    expect(ticks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(value()).toBe('1 m');
    expect(ticks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(value()).toBe('59 s');
    expect(ticks).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(value()).toBe('56 s');
    expect(ticks).toHaveLength(5);
    stopCounting();
  });

  it('counts down on the page’s one ticker and turns urgent under 15 minutes', async () => {
    const run = runFeatures([slaClocks]);
    stop = run.stop;
    const computedAt = Date.now();
    run.host.answers.set('1001', insightsFor('1001', { computedAt, sla: [clock(16.5 * 60_000)] }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    const item = () => run.root.querySelector('[data-metric="first_reply_time"]');
    expect(item()?.getAttribute('data-level')).toBe('ok');
    expect(item()?.querySelector('.dl-clock-value')?.textContent).toBe('16 m');
    run.page.now.value = computedAt + 2 * 60_000;
    await settle();
    expect(item()?.getAttribute('data-level')).toBe('urgent');
    expect(item()?.querySelector('.dl-clock-value')?.textContent).toBe('14 m');
  });

  it('says there is no running commitment rather than showing nothing', async () => {
    const run = runFeatures([slaClocks]);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('.dl-sla-none')?.textContent).toBe('slaNone');
  });

  it('keeps its items through a ticket switch and rewrites them for the new ticket’s clocks', async () => {
    const run = runFeatures([slaClocks]);
    stop = run.stop;
    const computedAt = Date.now();
    run.host.answers.set('1001', insightsFor('1001', { computedAt, sla: [clock(30 * 60_000)] }));
    const reply = { ...clock(5 * 60_000), metric: 'next_reply_time', label: { en: 'Next reply', zh_CN: '下次回复' } };
    run.host.answers.set('1002', insightsFor('1002', { computedAt, sla: [reply] }));
    // Both seen once (a first open shows its figures once they come); then the agent goes back and forth.
    for (const id of ['1001', '1002', '1001']) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await settle();
    }
    const before = run.root.querySelector('.dl-clock');
    expect(before?.getAttribute('data-metric')).toBe('first_reply_time');
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    const after = run.root.querySelector('.dl-clock');
    expect(after).toBe(before);
    expect(after?.getAttribute('data-metric')).toBe('next_reply_time');
    expect(after?.getAttribute('data-level')).toBe('urgent');
    expect(after?.querySelector('.dl-clock-label')?.textContent).toBe('Next reply');
  });
});
