import { afterEach, describe, expect, it, vi } from 'vitest';
import { health } from './health';
import { runFeatures, settle, ticket } from './testing';
import { tierBadge } from './tier-badge';

describe('health feature', () => {
  afterEach(() => vi.useRealTimers());

  it('waits out a page still rendering, then says what is missing and reports it once', async () => {
    vi.useFakeTimers();
    const run = runFeatures([tierBadge, health]);
    run.host.emit({ ticket: ticket('1001'), missing: ['subject'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.page.state.value).toBe('loading');
    expect(run.host.health).toEqual([]);
    await vi.advanceTimersByTimeAsync(2500);
    expect(run.page.state.value).toBe('degraded');
    expect(run.root.querySelector('.dl-degraded')?.textContent).toBe('degraded(zendesk: subject)');
    // The same parts still missing are not reported again; the page coming back clears it.
    run.host.emit({ ticket: ticket('1001', { subject: 'x' }), missing: ['subject'] });
    await vi.advanceTimersByTimeAsync(3500);
    expect(run.host.health).toEqual([['subject']]);
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(50);
    expect(run.page.state.value).toBe('ready');
    expect(run.root.querySelector('.dl-degraded')).toBeNull();
    run.stop();
    vi.useRealTimers();
    await settle();
  });

  it('keeps working with parts read only in part: names them under the ticket and reports them once', async () => {
    vi.useFakeTimers();
    const run = runFeatures([tierBadge, health]);
    const problems = ['fields.createdAt: not a date in "DD.MM.YYYY HH:mm"', 'dock: the anchor is hidden'];
    run.host.emit({ ticket: ticket('7'), missing: [], problems });
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.page.problems.value).toEqual([]);
    await vi.advanceTimersByTimeAsync(2500);
    expect(run.page.state.value).toBe('ready');
    expect(run.root.querySelector('.dl-problems')?.textContent).toBe(
      `adapterProblems(zendesk: ${problems.join('; ')})`,
    );
    run.host.emit({ ticket: ticket('7', { subject: 'again' }), missing: [], problems });
    await vi.advanceTimersByTimeAsync(3500);
    expect(run.host.health).toEqual([problems]);
    // Fixed by the admin (or the page came round): the line goes.
    run.host.emit({ ticket: ticket('7'), missing: [] });
    await vi.advanceTimersByTimeAsync(50);
    expect(run.root.querySelector('.dl-problems')).toBeNull();
    run.stop();
    vi.useRealTimers();
    await settle();
  });
});
