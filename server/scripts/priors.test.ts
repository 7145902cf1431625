import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogResponse } from '../../lib/schema/api';
import type { DeskLensEventInput } from '../../lib/schema/events';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { forgetPriors } from './priors';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`learning from agents on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    let trainer: string;
    let agent: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
      trainer = await tokenForUser(t.database.db, 'tara@acme.test');
      agent = t.demo.agentToken;
    });
    afterAll(async () => {
      await t?.close();
    });

    const request = (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
      t.app.request(path, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    let ticket = 0;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    /** One ticket where `scriptId` was inserted, then rated, sent and scored as given. */
    function useOn(
      scriptId: string,
      outcome: { rating?: 'rated_up' | 'rated_down'; edited?: boolean; csat?: number },
    ): DeskLensEventInput[] {
      const ticketId = `prior-${++ticket}`;
      const base = { occurredAt: at, helpdesk: 'zendesk' as const, ticketId };
      const usage = (action: 'inserted' | 'rated_up' | 'rated_down' | 'sent', edited?: boolean) => ({
        ...base,
        id: crypto.randomUUID(),
        type: 'script_usage' as const,
        scriptId,
        scriptVersion: 1,
        action,
        ...(edited === undefined ? {} : { editedBeforeSend: edited }),
      });
      return [
        usage('inserted'),
        ...(outcome.rating ? [usage(outcome.rating)] : []),
        ...(outcome.edited === undefined ? [] : [usage('sent', outcome.edited)]),
        ...(outcome.csat
          ? [{ ...base, id: crypto.randomUUID(), type: 'feedback' as const, csat: outcome.csat, customer: {} }]
          : []),
      ];
    }
    const ingest = async (events: DeskLensEventInput[]) => {
      const response = await request('/api/v1/events', agent, { method: 'POST', body: { events } });
      expect(response.status).toBe(200);
    };
    const catalog = async () => CatalogResponse.parse(await (await request('/api/v1/catalog', agent)).json());

    it('turns thumbs, unedited sends and CSAT after use into priors trainers can read, shrunk for small n', async () => {
      // refund-status-en: agents and customers like it; double-charge-en: they do not; greeting-en: one vote.
      const events = [
        ...Array.from({ length: 12 }, () => useOn('refund-status-en', { rating: 'rated_up', edited: false, csat: 5 })),
        ...Array.from({ length: 12 }, () => useOn('double-charge-en', { rating: 'rated_down', edited: true, csat: 1 })),
        ...useOn('greeting-en', { rating: 'rated_up' }),
      ].flat();
      await ingest(events);
      await forgetPriors(t.database.db, t.demo.orgId);

      const response = await request('/api/v1/script-priors', trainer);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        learning: boolean;
        priors: { scriptId: string; rate: number; n: number; orgRate: number; multiplier: number }[];
      };
      expect(body.learning).toBe(true);
      const of = (id: string) => body.priors.find((p) => p.scriptId === id);
      const liked = of('refund-status-en');
      const disliked = of('double-charge-en');
      const once = of('greeting-en');
      // 12 × (thumb 1 + unedited send 0.5 + CSAT 1) = 30 votes each.
      expect(liked?.n).toBe(30);
      expect(disliked?.n).toBe(30);
      expect(liked?.rate).toBeGreaterThan(0.7);
      expect(disliked?.rate).toBeLessThan(0.3);
      expect(liked?.multiplier).toBeGreaterThan(1);
      expect(disliked?.multiplier).toBeLessThan(1);
      // One thumb up barely moves a script away from what its scenario earned.
      expect(once?.n).toBe(1);
      expect(Math.abs((once?.rate ?? 0) - (once?.orgRate ?? 0))).toBeLessThan(0.1);

      // The catalog ships them to the extension.
      const shipped = await catalog();
      expect(shipped.priors.find((p) => p.scriptId === 'refund-status-en')?.n).toBe(30);
    });

    it('ships no priors once an admin switches learning off, and the catalog ETag changes with it', async () => {
      const before = await request('/api/v1/catalog', agent);
      const etag = before.headers.get('etag') ?? '';
      expect((await catalog()).priors.length).toBeGreaterThan(0);

      const off = await request('/api/v1/rules/script-learning', admin, { method: 'PUT', body: { value: false } });
      expect(off.status).toBe(200);
      const after = await t.app.request('/api/v1/catalog', {
        headers: { authorization: `Bearer ${agent}`, 'if-none-match': etag },
      });
      expect(after.status).toBe(200);
      const body = CatalogResponse.parse(await after.json());
      expect(body.priors).toEqual([]);
      // The scripts themselves did not change: the version the extension keys its index by stays.
      expect(body.version).toBe(CatalogResponse.parse(await before.json()).version);
      const trainerView = (await (await request('/api/v1/script-priors', trainer)).json()) as { learning: boolean };
      expect(trainerView.learning).toBe(false);

      await request('/api/v1/rules/script-learning', admin, { method: 'PUT', body: { value: true } });
      expect((await catalog()).priors.length).toBeGreaterThan(0);
    });

    it('takes the organisation synonym list from an admin and ships it with the catalog; bad groups are named', async () => {
      const bad = await request('/api/v1/rules/synonyms', admin, {
        method: 'PUT',
        body: { value: [['refund', 'reimbursement'], ['the'], ['voucher', 'voucher']] },
      });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;
      expect(paths.map((i) => i.path)).toEqual(expect.arrayContaining(['value.1', 'value.2.1']));
      expect(paths.find((i) => i.path === 'value.1')?.message).toMatch(/at least two/);

      const good = await request('/api/v1/rules/synonyms', admin, {
        method: 'PUT',
        body: {
          value: [
            ['refund', 'reimbursement', 'money back'],
            ['退款', '返现'],
          ],
        },
      });
      expect(good.status).toBe(200);
      expect((await catalog()).synonyms).toEqual([
        ['refund', 'reimbursement', 'money back'],
        ['退款', '返现'],
      ]);
      // Per team it is not: one list for the organisation.
      const perTeam = await request(`/api/v1/rules/synonyms?teamId=${t.demo.teamId}`, admin, {
        method: 'PUT',
        body: { value: [] },
      });
      expect(perTeam.status).toBe(400);
    });

    it('refuses a trainer phrase that cannot match, naming it', async () => {
      const response = await request('/api/v1/scripts', trainer, {
        method: 'POST',
        body: {
          script: {
            id: 'phrase-check',
            title: 'Phrase check',
            body: 'Body',
            locale: 'en',
            scenario: 'refund',
            phrases: ['money back', 'the'],
            synonyms: [['refund']],
          },
        },
      });
      expect(response.status).toBe(400);
      const issues = ((await response.json()) as { error: { issues: { path: string; message: string }[] } }).error
        .issues;
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'script.phrases.1', message: expect.stringContaining('"the"') }),
          expect.objectContaining({ path: 'script.synonyms.0' }),
        ]),
      );
    });
  });
}
