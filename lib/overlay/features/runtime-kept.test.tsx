import { afterEach, describe, expect, it } from 'vitest';
import type { Insights } from '../../messaging';
import { KEPT_TICKETS } from './runtime';
import { insightsFor, runFeatures, settle, ticket } from './testing';
import { defineFeature, type HostResult, type TicketRun } from './types';

/** Records which tickets its features were started for, and which were let go. */
function probe() {
  const events: string[] = [];
  const feature = defineFeature<{ notes: string[] }>({
    id: 'tier-badge',
    switch: 'always',
    strings: [],
    messages: [],
    slice: () => ({ notes: [] }),
    init({ run, signal }) {
      const id = run.ticket.value.ticketId;
      events.push(`take ${id}`);
      signal.addEventListener('abort', () => events.push(`let go ${id}`), { once: true });
    },
    views: {},
  });
  return { feature, events };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(1001 + i));

describe('tickets kept for a switch back', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  const visit = async (run: ReturnType<typeof runFeatures>, ...tickets: string[]) => {
    for (const id of tickets) {
      run.host.emit({ ticket: ticket(id), missing: [] });
      await settle();
    }
  };

  it('comes back to the same run, its state as left, and starts its features once', async () => {
    const { feature, events } = probe();
    const run = runFeatures([feature]);
    stop = run.stop;
    await visit(run, '1001');
    const first = run.page.active.value as TicketRun;
    first.slice(feature).notes.push('typed on 1001');
    await visit(run, '1002', '1001');
    expect(run.page.active.value).toBe(first);
    expect(first.slice(feature).notes).toEqual(['typed on 1001']);
    expect(first.signal.aborted).toBe(false);
    expect(events).toEqual(['take 1001', 'take 1002']);
    expect(run.page.state.value).toBe('ready');
  });

  it(`lets the ticket longest out of front go when a ticket beyond ${KEPT_TICKETS} is taken up`, async () => {
    const { feature, events } = probe();
    const run = runFeatures([feature]);
    stop = run.stop;
    const tickets = ids(KEPT_TICKETS + 1);
    await visit(run, ...tickets.slice(0, KEPT_TICKETS));
    // 1001 back in front: the least recently shown is now 1002.
    await visit(run, '1001');
    const runOf1001 = run.page.active.value as TicketRun;
    await visit(run, tickets[KEPT_TICKETS] as string);
    expect(events.filter((e) => e.startsWith('let go'))).toEqual(['let go 1002']);
    expect(runOf1001.signal.aborted).toBe(false);
    // 1002 comes back as a new run, its features started again.
    await visit(run, '1002');
    expect(events.at(-2)).toBe('let go 1003');
    expect(events.at(-1)).toBe('take 1002');
    expect(run.page.state.value).toBe('ready');
  });

  it('takes an answer that arrives after the agent moved on quietly: the ticket in front keeps its own state', async () => {
    const run = runFeatures([]);
    stop = run.stop;
    const waiting = new Map<string, (answer: HostResult<Insights>) => void>();
    run.host.insights = (t) => new Promise((answer) => waiting.set(t.ticketId, answer));
    await visit(run, '1001');
    const runOf1001 = run.page.active.value as TicketRun;
    await visit(run, '1002');
    expect(run.page.state.value).toBe('loading');
    waiting.get('1001')?.({ ok: true, value: insightsFor('1001', { grade: 'urgent' }) });
    await settle();
    // 1002's figures are still on their way: the page says so, whatever 1001's answer did.
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1002');
    expect(run.page.state.value).toBe('loading');
    expect(runOf1001.insights.value?.grade).toBe('urgent');
    waiting.get('1002')?.({ ok: true, value: insightsFor('1002') });
    await settle();
    expect(run.page.state.value).toBe('ready');
    // Back on 1001: its answer is on its panel already.
    await visit(run, '1001');
    expect(run.page.state.value).toBe('ready');
    expect(run.page.active.value?.insights.value?.grade).toBe('urgent');
  });

  it('is ready again when a kept ticket’s pane shows after its URL', async () => {
    const run = runFeatures([]);
    stop = run.stop;
    await visit(run, '1001', '1002');
    // The URL names 1001 while 1002's pane is still there, past the hold; then 1001's pane appears.
    run.host.emit({ ticket: ticket('1001'), missing: ['subject'] });
    await new Promise((done) => setTimeout(done, 450));
    expect(run.page.state.value).toBe('loading');
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.page.active.value?.ticket.value.ticketId).toBe('1001');
    expect(run.page.state.value).toBe('ready');
  });
});
