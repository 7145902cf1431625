import { describe, expect, it } from 'vitest';
import { dockGeometry } from './dock';

const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  width,
  height,
  bottom: top + height,
});

describe('where the docked overlay is drawn', () => {
  it('over the spacer below the ticket header, as wide as the conversation column', () => {
    expect(dockGeometry(box(12, 100, 820, 48), undefined, 800)).toEqual({ top: 106, left: 12, width: 820 });
  });

  it('pinned to the top of the scrolling pane once the header has scrolled away, like a sticky header', () => {
    expect(dockGeometry(box(12, -300, 820, 48), { top: 90, bottom: 800 }, 800)).toEqual({
      top: 90,
      left: 12,
      width: 820,
    });
  });

  it('nowhere when the spacer sits in a hidden pane or the pane has no room (the corner is used)', () => {
    expect(dockGeometry(box(0, 0, 0, 0), undefined, 800)).toBeUndefined();
    expect(dockGeometry(box(12, 100, 820, 48), { top: 780, bottom: 790 }, 800)).toBeUndefined();
  });
});
