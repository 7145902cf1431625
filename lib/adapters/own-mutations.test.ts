import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { onlyOwnMutations } from './own-mutations';

const { document } = parseHTML(
  '<div id="pane"><h1 id="subject">Refund</h1><desklens-dock></desklens-dock><p id="conversation"></p></div><desklens-overlay></desklens-overlay>',
);
const node = (selector: string) => document.querySelector(selector) as unknown as Node;
const record = (fields: Partial<MutationRecord>) =>
  ({ type: 'attributes', addedNodes: [], removedNodes: [], ...fields }) as unknown as MutationRecord;

describe('onlyOwnMutations', () => {
  it('ignores the spacer taking the overlay’s height, being moved, and the overlay’s own attributes', () => {
    expect(onlyOwnMutations([record({ target: node('desklens-dock') })])).toBe(true);
    expect(onlyOwnMutations([record({ target: node('desklens-overlay') })])).toBe(true);
    expect(
      onlyOwnMutations([
        record({
          type: 'childList',
          target: node('#pane'),
          addedNodes: [node('desklens-dock')] as unknown as NodeList,
        }),
      ]),
    ).toBe(true);
  });

  it('sees any change of the helpdesk’s own, even in the same batch as ours', () => {
    expect(onlyOwnMutations([record({ target: node('#subject') })])).toBe(false);
    expect(
      onlyOwnMutations([
        record({ target: node('desklens-dock') }),
        record({
          type: 'childList',
          target: node('#pane'),
          addedNodes: [node('#conversation')] as unknown as NodeList,
        }),
      ]),
    ).toBe(false);
  });
});
