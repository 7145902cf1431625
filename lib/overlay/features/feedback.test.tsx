import { afterEach, describe, expect, it } from 'vitest';
import { feedback } from './feedback';
import { pressKey, runFeatures, settle, ticket } from './testing';

describe('feedback feature', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  it('records one click as a score for this ticket’s customer, with the tier the badge shows', async () => {
    const run = runFeatures([feedback]);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.root.querySelector<HTMLButtonElement>('[data-score="4"]')?.click();
    await settle();
    expect(run.host.captured).toEqual([
      expect.objectContaining({
        type: 'feedback',
        helpdesk: 'zendesk',
        ticketId: '1001',
        csat: 4,
        round: 'initial',
        tierId: 'vip',
        customer: expect.objectContaining({ email: 'r1001@example.test' }),
      }),
    ]);
    expect(run.root.querySelector('[data-score="4"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(run.root.querySelector('.dl-undo')).not.toBeNull();
  });

  it('starts every ticket with its own state: a score, its undo and an error never carry over', async () => {
    const run = runFeatures([feedback]);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    run.root.querySelector<HTMLButtonElement>('[data-score="2"]')?.click();
    await settle();
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    expect(run.root.querySelector('[aria-pressed="true"]')).toBeNull();
    expect(run.root.querySelector('.dl-undo')).toBeNull();
  });

  it('scores from the keyboard with the configured modifiers, and undo takes it back', async () => {
    const run = runFeatures([feedback]);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    pressKey({ code: 'Digit5', altKey: true, shiftKey: true });
    await settle();
    expect(run.host.captured.map((event) => event.csat)).toEqual([5]);
    run.root.querySelector<HTMLButtonElement>('.dl-undo')?.click();
    await settle();
    expect(run.host.undone).toEqual(['e1']);
    expect(run.root.querySelector('[aria-pressed="true"]')).toBeNull();
  });

  it('is not shown at all when the organisation switched it off', async () => {
    const run = runFeatures([feedback]);
    stop = run.stop;
    run.page.features.value = { ...run.page.features.value, feedback: false };
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('[data-score]')).toBeNull();
  });
});
