import { describe, expect, it } from 'vitest';
import { ScriptEntry } from '../schema/scripts';
import { createScriptIndex } from './rank';

/** 3,000 scripts that all share the common words of a complaint, and one that owns a rare word. */
function crowdedCatalog(): ScriptEntry[] {
  const crowd = Array.from({ length: 3000 }, (_, i) =>
    ScriptEntry.parse({
      id: `crowd-${i}`,
      title: `Order problem ${i}`,
      body: 'Sorry about your order.',
      locale: 'en',
      scenario: 'apology',
      triggerKeywords: ['order', 'problem', 'delivery', 'package'],
    }),
  );
  const customs = ScriptEntry.parse({
    id: 'customs-hold',
    title: 'Parcel held at customs',
    body: 'Your parcel is held at customs.',
    locale: 'en',
    scenario: 'shipping_delay',
    triggerKeywords: ['customs', 'import duty'],
  });
  return [...crowd, customs];
}

describe('suggestions over a large catalog', () => {
  const index = createScriptIndex(crowdedCatalog());

  it('still finds the script owning the rare word when the message is full of common ones', () => {
    const [top] = index.suggest({
      subject: 'Order problem',
      latestCustomerMessage: 'My order has a problem: the package delivery is stuck at customs, order problem again',
    });
    expect(top?.script.id).toBe('customs-hold');
    expect(top?.reasons).toContainEqual({ kind: 'words', terms: ['customs'] });
  });

  it('falls back to the common words when no rare word is there', () => {
    const suggestions = index.suggest({ latestCustomerMessage: 'order problem' });
    expect(suggestions).toHaveLength(5);
    expect(suggestions.every((s) => s.script.id.startsWith('crowd-'))).toBe(true);
  });

  it('suggests nothing for words no script uses', () => {
    expect(index.suggest({ latestCustomerMessage: 'zebra xylophone' })).toEqual([]);
  });
});
