import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEATURES } from './registry';
import { FRESH_ANSWER_MS, RECHECK_AFTER_MS } from './runtime';
import { insightsFor, runFeatures, settle, ticket } from './testing';

/**
 * Issue 17 asks for at most one background round trip per ticket switch. With every feature the overlay ships
 * running, a switch (and a switch back, and the same ticket re-read by the adapter) must ask the host exactly once
 * per new ticket: the tier, clocks, scripts and the ticket's own feedback all come in that one answer.
 */
describe('background questions per ticket switch, all features on', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  /**
   * The agent stays on the ticket in front long enough for an older answer to be re-checked. Waited out as the
   * re-check is (its timer, then the task after it), so a loaded machine firing timers late cannot reorder them.
   */
  const stay = async () => {
    await new Promise((done) => setTimeout(done, RECHECK_AFTER_MS));
    await settle();
  };
  const visit = async (run: ReturnType<typeof runFeatures>, ...ids: string[]) => {
    for (const id of ids) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await settle();
    }
  };

  it('asks once per ticket the agent switches to, and not again when the adapter re-reads the same ticket', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.host.insightsAsked).toEqual(['1001']);

    // The helpdesk re-renders the same ticket (a new message, a status change elsewhere): no new question.
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1003'), missing: [] });
    await settle();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1003']);
  });

  it('asks again when what the figures depend on changed on the same ticket (a tag, a status)', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1001', { tags: ['vip'] }), missing: [] });
    await settle();
    run.host.emit({ ticket: ticket('1001', { tags: ['vip'], status: 'pending' }), missing: [] });
    await settle();
    expect(run.host.insightsAsked).toEqual(['1001', '1001', '1001']);
  });

  it('asks nothing when the agent goes back to a ticket answered moments ago, and asks once that answer is old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const run = runFeatures(FEATURES);
    stop = run.stop;
    await visit(run, '1001', '1002', '1001', '1002');
    expect(run.host.insightsAsked).toEqual(['1001', '1002']);
    // The figures shown are 1002's own, from its earlier answer.
    expect(run.page.active.value?.insights.value).toEqual(run.host.answers.get('1002') ?? insightsFor('1002'));
    expect(run.page.state.value).toBe('ready');

    vi.setSystemTime(Date.now() + FRESH_ANSWER_MS + 1);
    await visit(run, '1001');
    // The switch itself asks nothing: the older answer is on screen, and re-checked once the agent stays.
    expect(run.host.insightsAsked).toEqual(['1001', '1002']);
    expect(run.page.active.value?.insights.value?.ticketId).toBe('1001');
    expect(run.page.state.value).toBe('ready');
    await stay();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1001']);
  });

  it('asks nothing about a ticket with an older answer that the agent only passed through', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const run = runFeatures(FEATURES);
    stop = run.stop;
    await visit(run, '1001', '1002', '1003');
    vi.setSystemTime(Date.now() + FRESH_ANSWER_MS + 1);
    // Stepping through the queue: 1001 and 1002 are left before RECHECK_AFTER_MS; only 1003, stayed on, is asked.
    await visit(run, '1001', '1002', '1003');
    await stay();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1003', '1003']);
    // Coming back to one passed through decides afresh: stayed on, it is asked.
    await visit(run, '1001');
    await stay();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1003', '1003', '1001']);
    expect(run.page.state.value).toBe('ready');
  });

  it('asks nothing about a ticket with an older answer once the URL names the next ticket, then asks about that one', async () => {
    vi.useFakeTimers();
    const run = runFeatures(FEATURES);
    stop = run.stop;
    for (const id of ['1001', '1002']) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(FRESH_ANSWER_MS + 1);
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await vi.advanceTimersByTimeAsync(RECHECK_AFTER_MS - 100);
    // The agent clicks the next ticket's tab just before the re-check: its pane is not shown yet, 1001 still is.
    run.host.emit({ ticket: ticket('1002'), missing: ['subject'] });
    await vi.advanceTimersByTimeAsync(200);
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1001');
    expect(run.host.insightsAsked).toEqual(['1001', '1002']);
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await vi.advanceTimersByTimeAsync(RECHECK_AFTER_MS + 50);
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1002']);
  });

  it('asks again on going back to a ticket that now reads differently (a new message, a tag)', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    await visit(run, '1001', '1002');
    run.host.emit({ ticket: ticket('1001', { tags: ['vip'] }), missing: [] });
    await settle();
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1001']);
  });

  it('asks again on going back to a ticket the agent scored, or took a score back on, meanwhile', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    await visit(run, '1001');
    const one = run.root.querySelector<HTMLButtonElement>('[data-score="4"]');
    expect(one).not.toBeNull();
    one?.click();
    await settle();
    expect(run.host.captured.map((event) => event.ticketId)).toEqual(['1001']);
    await visit(run, '1002', '1001');
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1001']);
    // Without a record meanwhile, the next return asks nothing.
    await visit(run, '1002', '1001');
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1001']);
  });

  it('asks again for every ticket once the team rules changed (the host refreshes)', async () => {
    const run = runFeatures(FEATURES);
    stop = run.stop;
    await visit(run, '1001', '1002');
    run.refresh();
    await settle();
    await visit(run, '1001');
    expect(run.host.insightsAsked).toEqual(['1001', '1002', '1002', '1001']);
  });
});
