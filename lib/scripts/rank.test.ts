import { describe, expect, it } from 'vitest';
import { ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from './default-catalog';
import { computePriors } from './priors';
import { createScriptIndex, loadScriptIndex, RANKING_WEIGHTS } from './rank';

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

const ids = (suggestions: { script: { id: string } }[]) => suggestions.map((s) => s.script.id);

describe('tier-restricted scripts', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const restricted = DEFAULT_CATALOG.filter((s) => s.tiers.length > 0);
  const vipAsk = { subject: 'VIP here', latestCustomerMessage: 'I need my account manager to call me back today' };

  it('are suggested to their own tier, with the tier as a reason', () => {
    const [top] = index.suggest(vipAsk, { tier: 'vip' });
    expect(top?.script.id).toBe('vip-dedicated-channel-en');
    expect(top?.reasons).toContainEqual({ kind: 'tier', tier: 'vip' });
  });

  it('are never suggested to another tier or an unknown one, whatever the words', () => {
    for (const tier of ['general', 'potential', 'at_risk', 'high_value', undefined]) {
      // Each restricted script's own title, keywords and phrases as the ticket: the strongest match it can get.
      for (const script of restricted) {
        if (tier && script.tiers.includes(tier)) continue;
        const ticket = {
          subject: script.title,
          latestCustomerMessage: [...script.triggerKeywords, ...script.phrases].join('. '),
        };
        expect(
          ids(index.suggest(ticket, { ...(tier ? { tier } : {}), limit: 10 })),
          `${script.id} for ${tier}`,
        ).not.toContain(script.id);
      }
    }
  });

  it('are still found by search, marked as for their tiers only', () => {
    const found = index.search('goodwill credit', { tier: 'general', locale: 'en' });
    const credit = found.find((s) => s.script.id === 'goodwill-credit-en');
    expect(credit?.reasons).toContainEqual({ kind: 'restricted', tiers: ['vip', 'high_value'] });
    const forVip = index.search('goodwill credit', { tier: 'vip', locale: 'en' });
    expect(forVip.find((s) => s.script.id === 'goodwill-credit-en')?.reasons).not.toContainEqual(
      expect.objectContaining({ kind: 'restricted' }),
    );
  });
});

describe('complaint grade', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const safety = {
    subject: 'Phone charger overheating',
    latestCustomerMessage: 'It got really hot and started smoking',
  };

  it('lifts the scripts written for the grade that the words also fit: an urgent safety complaint is not fraud', () => {
    const urgent = index.suggest(safety, { grade: 'urgent', tier: 'general', limit: 3 });
    expect(urgent[0]?.script.id).toBe('product-safety-en');
    expect(urgent[0]?.reasons).toContainEqual({ kind: 'grade', grade: 'urgent' });
    expect(ids(urgent).some((id) => id.startsWith('fraud'))).toBe(false);
  });

  it('offers the escalation and apology for an urgent complaint when no situation script fits, never fraud', () => {
    const vague = index.suggest(
      { subject: 'Unbelievable', latestCustomerMessage: 'I have waited long enough' },
      {
        grade: 'urgent',
        tier: 'general',
        limit: 3,
      },
    );
    expect(ids(vague)).toContain('urgent-complaint-escalation-en');
    expect(ids(vague).some((id) => id.startsWith('fraud'))).toBe(false);
    expect(vague.find((s) => s.script.id === 'urgent-complaint-escalation-en')?.reasons).toContainEqual({
      kind: 'general',
      grade: 'urgent',
    });
  });

  it('does not put a grade-written script above the script the words point to on a normal ticket', () => {
    const normal = index.suggest(safety, { grade: 'normal', tier: 'general' });
    expect(normal[0]?.script.id).toBe('product-safety-en');
    expect(normal[0]?.reasons).not.toContainEqual(expect.objectContaining({ kind: 'grade' }));
  });
});

describe('matching the way customers write', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const top = (subject: string, message: string) =>
    index.suggest({ subject, latestCustomerMessage: message }, { tier: 'general' })[0];

  it('matches word forms by their stem and says which of the customer’s words matched', () => {
    const found = top('Where is my stuff', 'My parcel shipped two weeks ago and it is still delayed');
    expect(found?.script.id).toBe('shipping-delay-en');
    const words = found?.reasons.find((r) => r.kind === 'words');
    expect(words).toMatchObject({ kind: 'words', terms: expect.arrayContaining(['shipped', 'delayed']) });
  });

  it('matches a trainer synonym and names both sides', () => {
    const found = top('Trousers', 'The trousers you sent are too small for me');
    expect(found?.script.id).toBe('wrong-item-en');
    expect(found?.reasons).toContainEqual({ kind: 'synonym', said: 'too small', means: 'wrong size' });
  });

  it('matches the script body when the keywords do not say it', () => {
    const bodyOnly = ScriptEntry.parse({
      id: 'customs',
      title: 'Import paperwork',
      body: 'Your parcel is waiting for a customs declaration.',
      locale: 'en',
      scenario: 'shipping_delay',
    });
    const found = createScriptIndex([bodyOnly]).suggest({ latestCustomerMessage: 'They want a customs declaration' });
    expect(found[0]?.script.id).toBe('customs');
  });

  it('joins Chinese words the catalog knows, and finds a trainer phrase inside a longer sentence', () => {
    const fraud = top('卡被盗', '昨天晚上我的卡被盗刷了三笔');
    expect(fraud?.script.id).toBe('fraud-escalation-zh');
    expect(fraud?.reasons).toContainEqual({ kind: 'phrase', phrase: '卡被盗刷' });
    const wrong = top('衣服不对', '收到的衣服尺码不对，想换一件');
    expect(wrong?.script.id).toBe('wrong-item-zh');
  });

  it('does not let what the customer says they do not want pull its script up', () => {
    const catalog = [
      ScriptEntry.parse({
        id: 'replace',
        title: 'Replacement',
        body: 'We send a new one.',
        locale: 'en',
        scenario: 'x',
        triggerKeywords: ['replacement'],
      }),
      ScriptEntry.parse({
        id: 'refund',
        title: 'Refund',
        body: 'We refund you.',
        locale: 'en',
        scenario: 'y',
        triggerKeywords: ['refund', 'money back'],
      }),
      ScriptEntry.parse({
        id: 'replace-zh',
        title: '换货',
        body: '为您换新。',
        locale: 'zh_CN',
        scenario: 'x',
        triggerKeywords: ['换货'],
      }),
      ScriptEntry.parse({
        id: 'refund-zh',
        title: '退款',
        body: '为您退款。',
        locale: 'zh_CN',
        scenario: 'y',
        triggerKeywords: ['退款'],
      }),
    ];
    const small = createScriptIndex(catalog);
    expect(ids(small.suggest({ latestCustomerMessage: 'I do not want a replacement, I want my money back' }))).toEqual([
      'refund',
    ]);
    expect(ids(small.suggest({ latestCustomerMessage: "Please don't send a replacement" }))).toEqual([]);
    expect(ids(small.suggest({ latestCustomerMessage: '我不要换货，我要退款' }))).toEqual(['refund-zh']);
    // A negation that describes the problem still matches.
    expect(ids(small.suggest({ latestCustomerMessage: 'The replacement has not arrived' }))).toEqual(['replace']);
  });

  it('expands the organisation’s synonyms at a lower weight, and says so', () => {
    const catalog = [
      ScriptEntry.parse({ id: 'refund', title: 'Refund', body: 'We refund you.', locale: 'en', scenario: 'refund' }),
    ];
    const ticket = { latestCustomerMessage: 'When do I get my reimbursement?' };
    expect(createScriptIndex(catalog).suggest(ticket)).toEqual([]);
    const withSynonyms = createScriptIndex(catalog, { synonyms: [['refund', 'reimbursement']] });
    const [found] = withSynonyms.suggest(ticket);
    expect(found?.script.id).toBe('refund');
    expect(found?.reasons).toContainEqual({ kind: 'synonym', said: 'reimbursement', means: 'refund' });
  });
});

describe('learned priors', () => {
  const twin = (id: string) =>
    ScriptEntry.parse({
      id,
      title: 'Refund status',
      body: 'Your refund is on its way.',
      locale: 'en',
      scenario: 'refund',
    });
  const catalog = [twin('refund-a'), twin('refund-b')];
  const ticket = { latestCustomerMessage: 'What is my refund status?' };

  it('reorder close candidates and show agents why', () => {
    expect(ids(createScriptIndex(catalog).suggest(ticket))).toEqual(['refund-a', 'refund-b']);
    const priors = computePriors([
      { scriptId: 'refund-a', scenario: 'refund', votesFor: 5, votesAgainst: 40 },
      { scriptId: 'refund-b', scenario: 'refund', votesFor: 40, votesAgainst: 5 },
    ]);
    const learned = createScriptIndex(catalog, { priors }).suggest(ticket);
    expect(ids(learned)).toEqual(['refund-b', 'refund-a']);
    expect(learned[0]?.reasons).toContainEqual({ kind: 'learned', rate: expect.any(Number), n: 45 });
  });

  it('never lift a script the words do not fit', () => {
    const priors = computePriors([{ scriptId: 'refund-a', scenario: 'refund', votesFor: 500, votesAgainst: 0 }]);
    expect(createScriptIndex(catalog, { priors }).suggest({ latestCustomerMessage: 'hello there' })).toEqual([]);
  });
});

describe('a stored index and catalog deltas', () => {
  const tickets = [
    { subject: 'Refund', latestCustomerMessage: 'Where is my refund? It has been two weeks' },
    { subject: '快递', latestCustomerMessage: '显示已签收但没收到包裹' },
    { subject: 'Broken', latestCustomerMessage: 'The lamp arrived broken and the box was crushed' },
  ];
  const rank = (index: ReturnType<typeof createScriptIndex>) =>
    tickets.map((t) => index.suggest(t, { tier: 'vip' }).map((s) => [s.script.id, s.score.toFixed(6)]));

  it('ranks the same after a round trip through its stored form (structured clone, as IndexedDB keeps it)', () => {
    const built = createScriptIndex(DEFAULT_CATALOG);
    const stored = structuredClone(built.toStored());
    expect(rank(createScriptIndex(DEFAULT_CATALOG, {}, stored))).toEqual(rank(built));
  });

  it('ranks from its stored form alone, and needs only the entries of the scripts it shows', () => {
    const built = createScriptIndex(DEFAULT_CATALOG);
    const loaded = loadScriptIndex(structuredClone(built.toStored()));
    if (!loaded) throw new Error('the stored index did not load');
    const byId = new Map(DEFAULT_CATALOG.map((s) => [s.id, s]));
    for (const t of tickets) {
      const pending = loaded.rankForTicket(t, { tier: 'vip', limit: 3 });
      expect(pending.needs.length).toBeGreaterThan(0);
      expect(pending.needs.length).toBeLessThanOrEqual(6);
      const missing = pending.needs.filter((id) => !loaded.knows(id));
      if (missing.length > 0) expect(() => pending.resolve()).toThrow(/catalog entry was not given/);
      loaded.remember(missing.map((id) => byId.get(id) as ScriptEntry));
      expect(pending.resolve()).toEqual(built.suggest(t, { tier: 'vip', limit: 3 }));
    }
  });

  it('applies a delta to an index loaded without its document vectors once they are given back', () => {
    const [first, second, ...rest] = DEFAULT_CATALOG as [ScriptEntry, ScriptEntry, ...ScriptEntry[]];
    const before = [{ ...second, title: 'An older title' }, ...rest, twinOf(first)];
    const after = [first, second, ...rest];
    const { terms, facts } = structuredClone(createScriptIndex(before).toStored());
    const { vectors, ...postings } = terms;
    const loaded = loadScriptIndex({ terms: postings, facts });
    if (!loaded || !vectors) throw new Error('the stored index did not load');
    expect(loaded.canUpdate).toBe(false);
    expect(() => loaded.update([first], [])).toThrow(/attachVectors/);
    loaded.attachVectors(vectors);
    loaded.update([first, second], ['old-only']);
    loaded.remember(after);
    expect(loaded.size).toBe(after.length);
    expect(rank(loaded)).toEqual(rank(createScriptIndex(after)));
  });

  it('ranks the same after a delta as after a full build of the new catalog', () => {
    const [first, second, ...rest] = DEFAULT_CATALOG as [ScriptEntry, ScriptEntry, ...ScriptEntry[]];
    const before = [{ ...second, title: 'An older title' }, ...rest, twinOf(first)];
    const after = [first, second, ...rest];
    const index = createScriptIndex(before);
    index.update([first, second], ['old-only']);
    expect(index.size).toBe(after.length);
    expect(rank(index)).toEqual(rank(createScriptIndex(after)));
  });
});

function twinOf(script: ScriptEntry): ScriptEntry {
  return { ...script, id: 'old-only', title: 'Removed later' };
}

describe('score normalisation against the general script of the grade', () => {
  const index = createScriptIndex(DEFAULT_CATALOG);
  const top = (subject: string, message: string) =>
    index.suggest({ subject, latestCustomerMessage: message }, { grade: 'normal', tier: 'general', locale: 'en' })[0]
      ?.script.id;

  it('opens with the greeting when a longer ticket’s words only brush situation scripts (common words)', () => {
    const message =
      'My son told me today that the account page shows a monthly number and a card icon. What do those mean?';
    expect(top('Quick one', message)).toBe('greeting-en');
  });

  it('lets a short ticket’s one telling word decide: its floor is what its words could give at most', () => {
    expect(top('Refund', 'Where is my refund?')).toBe('refund-status-en');
  });

  it('still puts a situation script first when its trainer phrases match with confidence', () => {
    expect(top('Card declined', 'My card was declined at checkout and the payment failed twice')).toBe(
      'payment-failed-en',
    );
  });
});

describe('Chinese character pairs', () => {
  const script = (id: string, title: string, body: string) =>
    ScriptEntry.parse({ id, title, body, locale: 'zh_CN', scenario: 'other' });
  // ICU makes 洗衣粉 one word and 洗衣液 two ("洗衣" + "液"): no word is shared, the pair 洗衣 is.
  const catalog = [
    script('detergent', '洗衣粉售后', '洗衣粉受潮结块或包装破损，可以申请退换。'),
    script('tv-setup', '电视安装', '电视机安装请预约上门服务。'),
  ];
  const ticket = { latestCustomerMessage: '买的洗衣液瓶子漏了' };

  it('match a paraphrase whose words the segmenter split differently, and say which characters', () => {
    const [top] = createScriptIndex(catalog).suggest(ticket);
    expect(top?.script.id).toBe('detergent');
    expect(top?.reasons).toContainEqual({ kind: 'words', terms: ['洗衣'] });
  });

  it('find it from the search box too', () => {
    expect(ids(createScriptIndex(catalog).search('洗衣液'))).toEqual(['detergent']);
  });

  it('are what found it: without them no word matches', () => {
    const weight = RANKING_WEIGHTS.pairBoost;
    RANKING_WEIGHTS.pairBoost = 0;
    try {
      expect(createScriptIndex(catalog).suggest(ticket)).toEqual([]);
    } finally {
      RANKING_WEIGHTS.pairBoost = weight;
    }
  });
});
