import { afterEach, describe, expect, it } from 'vitest';
import { FEATURES } from './registry';
import { runFeatures, settle, ticket } from './testing';

/**
 * Issue 17 asks for at most one background round trip per ticket switch. With every feature the overlay ships
 * running, a switch (and a switch back, and the same ticket re-read by the adapter) must ask the host exactly once
 * per new ticket: the tier, clocks, scripts and the ticket's own feedback all come in that one answer.
 */
describe('background questions per ticket switch, all features on', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

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
});
