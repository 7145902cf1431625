import { afterEach, describe, expect, it } from 'vitest';
import { scriptSearch } from './script-search';
import { scripts } from './scripts';
import { insightsFor, pressKey, runFeatures, settle, ticket } from './testing';

const typed = (root: Element, value: string) => {
  const input = root.querySelector<HTMLInputElement>('#dl-script-search');
  if (!input) throw new Error('no search box');
  input.value = value;
  const DomEvent = (window as unknown as { Event: typeof Event }).Event;
  input.dispatchEvent(new DomEvent('input', { bubbles: true }));
};
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('script-search feature', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  it('asks once typing pauses, and the results stand in for the suggestions', async () => {
    const run = runFeatures([scriptSearch, scripts]);
    stop = run.stop;
    const script = {
      id: 'refund',
      version: 1,
      title: 'Refund',
      locale: 'en' as const,
      text: 'Refunded.',
      missing: [],
      reasons: [],
    };
    run.host.answers.set('1001', insightsFor('1001', { scripts: [script] }));
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    typed(run.root, 're');
    typed(run.root, 'refund');
    await wait(250);
    expect(run.host.searches).toEqual([{ ticketId: '1001', query: 'refund' }]);
    expect(run.root.querySelector('#dl-search-count')?.textContent).toBe('scriptSearchCount(1)');
    expect(run.root.querySelectorAll('.dl-scripts')).toHaveLength(1);
  });

  it('keeps what was typed with its ticket: the next ticket starts empty, going back finds the search', async () => {
    const run = runFeatures([scriptSearch, scripts]);
    stop = run.stop;
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    typed(run.root, 'refund');
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await wait(250);
    const box = () => run.root.querySelector<HTMLInputElement>('#dl-script-search');
    expect(box()?.value).toBe('');
    expect(run.root.querySelector('#dl-search-count')?.textContent).toBe('');
    // The answer to the search typed on 1001 went to 1001, not to the ticket now in front.
    expect(run.host.searches).toEqual([{ ticketId: '1001', query: 'refund' }]);
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(box()?.value).toBe('refund');
    expect(run.root.querySelector('#dl-search-count')?.textContent).toBe('scriptSearchCount(0)');
  });

  it('opens the panel on its keys and focuses the box', async () => {
    const run = runFeatures([scriptSearch, scripts]);
    stop = run.stop;
    run.page.expanded.value = false;
    const focused: string[] = [];
    const Element = (window as unknown as { HTMLElement: typeof HTMLElement }).HTMLElement;
    Element.prototype.focus = function (this: HTMLElement) {
      focused.push(this.id);
    };
    run.host.emit({ ticket: ticket('1001'), missing: [] });
    await settle();
    expect(run.root.querySelector('#dl-script-search')).toBeNull();
    pressKey({ code: 'KeyS', altKey: true, shiftKey: true });
    // Effects run after the next frame (a 100 ms fallback where there is no requestAnimationFrame).
    await wait(150);
    expect(run.page.expanded.value).toBe(true);
    expect(focused).toEqual(['dl-script-search']);
    // Asked once: the next ticket's search box does not take focus from the helpdesk.
    run.host.emit({ ticket: ticket('1002'), missing: [] });
    await settle();
    expect(focused).toEqual(['dl-script-search']);
  });
});
