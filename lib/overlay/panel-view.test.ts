import { computed, effect, signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createPageStore } from './features/runtime';
import { panelView, whileShown } from './panel-view';

describe('whileShown', () => {
  it('follows its source while shown, and keeps the last value shown while hidden', () => {
    const source = signal(1);
    const shown = signal(true);
    const seen = whileShown(source, shown);
    expect(seen.value).toBe(1);
    source.value = 2;
    expect(seen.value).toBe(2);
    shown.value = false;
    source.value = 3;
    expect(seen.value).toBe(2);
    shown.value = true;
    expect(seen.value).toBe(3);
  });

  it('notifies nobody of a change made while hidden', () => {
    const source = signal(0);
    const shown = signal(true);
    const seen = whileShown(source, shown);
    let runs = 0;
    const stop = effect(() => {
      void seen.value;
      runs += 1;
    });
    shown.value = false;
    for (let i = 1; i <= 5; i++) source.value = i;
    expect(runs).toBe(1);
    shown.value = true;
    expect(runs).toBe(2);
    stop();
  });
});

describe('panelView', () => {
  it('shows its own ticket, and the page state and ticker only while in front', () => {
    const page = createPageStore();
    const front = signal<'a' | 'b'>('a');
    const runA = signal(undefined);
    const viewA = panelView(
      page,
      runA,
      computed(() => front.value === 'a'),
    );
    page.state.value = 'ready';
    page.now.value = 1000;
    expect(viewA.state.value).toBe('ready');
    expect(viewA.now.value).toBe(1000);
    front.value = 'b';
    page.state.value = 'loading';
    page.now.value = 2000;
    expect(viewA.state.value).toBe('ready');
    expect(viewA.now.value).toBe(1000);
    // What is the page's own is shared: expanded written through a view is the page's.
    viewA.expanded.value = false;
    expect(page.expanded.value).toBe(false);
    expect(viewA.active).toBe(runA);
  });
});
