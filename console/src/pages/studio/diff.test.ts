import { describe, expect, it } from 'vitest';
import { sideBySide } from './diff';

describe('side-by-side body diff', () => {
  it('pairs a replaced line with its replacement and keeps unchanged lines on both sides', () => {
    const rows = sideBySide([
      { change: 'same', text: 'Hi' },
      { change: 'removed', text: 'old line' },
      { change: 'added', text: 'new line' },
      { change: 'added', text: 'extra line' },
      { change: 'same', text: 'Bye' },
    ]);
    expect(rows.map((row) => [row.before?.text ?? null, row.after?.text ?? null])).toEqual([
      ['Hi', 'Hi'],
      ['old line', 'new line'],
      [null, 'extra line'],
      ['Bye', 'Bye'],
    ]);
  });

  it('shows a removal at the end with nothing on the right', () => {
    expect(sideBySide([{ change: 'removed', text: 'gone' }])).toEqual([
      { before: { change: 'removed', text: 'gone' }, after: null },
    ]);
  });
});
