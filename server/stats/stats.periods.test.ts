import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsQuery } from '../../lib/schema/stats';
import { createTestApp, type TestApp } from '../test-app';
import { tokenForUser } from '../testing';
import { cachedFormatterCount, localPeriodRanges } from './stats.periods';

/** Every upper/lower-case spelling of a zone name a client could send. */
function caseVariants(zone: string, count: number): string[] {
  const variants: string[] = [];
  for (let mask = 0; variants.length < count; mask++)
    variants.push([...zone].map((ch, i) => ((mask >> i) & 1 ? ch.toUpperCase() : ch.toLowerCase())).join(''));
  return variants;
}

describe('time-zone formatters for stats periods', () => {
  let t: TestApp;
  let lead: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    lead = await tokenForUser(t.database.db, 'lee@acme.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads a zone in any spelling as the one zone, with one cached formatter for it', async () => {
    expect(StatsQuery.parse({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', tz: 'aSIA/sHANGHAI' }).tz).toBe(
      'Asia/Shanghai',
    );
    const before = cachedFormatterCount();
    const labels = new Set<string>();
    for (const tz of caseVariants('Europe/Paris', 300)) {
      const response = await t.app.request(
        `/api/v1/stats/satisfaction?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&groupBy=day&tz=${encodeURIComponent(tz)}`,
        { headers: { authorization: `Bearer ${lead}` } },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { groups: { key: string }[] };
      labels.add(body.groups.map((g) => g.key).join());
    }
    // The same periods every time (the DST change on 29 March in Paris included), from at most two formatters
    // (with and without the time of day) for the zone.
    expect(labels.size).toBe(1);
    expect(cachedFormatterCount() - before).toBeLessThanOrEqual(2);
  });

  it('holds at most 256 formatters whatever zones are asked for', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(256);
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-03T00:00:00Z');
    for (const zone of zones) localPeriodRanges('day', zone, from, to);
    expect(cachedFormatterCount()).toBeLessThanOrEqual(256);
  });

  it('names an unknown zone', () => {
    const result = StatsQuery.safeParse({
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      tz: 'Mars/Olympus',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['tz'], message: 'Unknown IANA time zone' });
  });
});
