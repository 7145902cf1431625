import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemoteConfig } from '../../lib/schema/config';
import { DEFAULT_TIER_RULES } from '../../lib/tiers/defaults';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

const berlin = {
  id: 'berlin',
  name: 'Berlin office',
  timeZone: 'Europe/Berlin',
  weekly: { mon: [['09:00', '17:00']] },
};
const policy = (id: string, calendarId?: string) => ({
  id,
  title: `Policy ${id}`,
  targets: [{ metric: 'first_reply_time', priority: 'high', targetMinutes: 60, businessHours: Boolean(calendarId) }],
  ...(calendarId ? { calendarId } : {}),
});

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`rules API on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    let lee: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
      lee = await tokenForUser(t.database.db, 'lee@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });
    const put = (path: string, value: unknown, headers: Record<string, string> = {}) =>
      t.app.request(path, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ value }),
      });
    const get = (path: string, token = admin) => t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const agentConfig = async () => (await (await get('/api/v1/config', t.demo.agentToken)).json()) as RemoteConfig;

    it('refuses a described helpdesk over a public suffix or a built-in helpdesk, naming the pattern', async () => {
      const description = JSON.parse(readFileSync('docs/adapters/freshdesk-like.json', 'utf8')) as Record<
        string,
        unknown
      >;
      const wide = await put('/api/v1/rules/adapters', [
        { ...description, matches: ['https://support.acme-desk.test/*', 'https://*.com.au/*'] },
      ]);
      expect(wide.status).toBe(400);
      expect(await wide.json()).toMatchObject({
        error: { issues: [{ path: 'value.0.matches.1', message: expect.stringContaining('public suffix') }] },
      });
      const zendesk = await put('/api/v1/rules/adapters', [{ ...description, matches: ['https://*.zendesk.com/*'] }]);
      expect(JSON.stringify(await zendesk.json())).toContain('built-in Zendesk adapter');
      expect((await put('/api/v1/rules/adapters', [description])).status).toBe(200);
    });

    it('validates with the shared schemas and names each bad field', async () => {
      const bad = await put('/api/v1/rules/calendars', [{ ...berlin, timeZone: 'Mars/Base' }, berlin]);
      expect(bad.status).toBe(400);
      const issues = ((await bad.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues;
      expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['value.0.timeZone', 'value.1.id']));
      const tiers = await put('/api/v1/rules/tiers', { ...DEFAULT_TIER_RULES, fallbackTier: 'platinum' });
      expect(JSON.stringify(await tiers.json())).toContain('unknown tier \\"platinum\\"');
      expect((await put('/api/v1/rules/calendars?teamId=team_demo_tier1', [berlin])).status).toBe(400);
      const [first] = DEFAULT_TIER_RULES.tiers;
      const twice = await put('/api/v1/rules/tiers', {
        ...DEFAULT_TIER_RULES,
        tiers: [...DEFAULT_TIER_RULES.tiers, { ...first, colour: '#123456', rank: 99 }],
      });
      expect(twice.status).toBe(400);
      expect(await twice.json()).toMatchObject({
        error: {
          issues: [
            {
              path: `value.tiers.${DEFAULT_TIER_RULES.tiers.length}.id`,
              message: `tier "${first?.id}" is already defined by tier 0`,
            },
          ],
        },
      });
      // A rule whose value is one field is named as that field, not with an internal marker.
      const lead = await put('/api/v1/rules/notification-lead', -1);
      expect(lead.status).toBe(400);
      const paths = ((await lead.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
      expect(paths).toEqual(['value']);
    });

    it('keeps policies and calendars consistent: no policy may name a missing calendar', async () => {
      const orphan = await put('/api/v1/rules/sla-policies', [policy('vip', 'berlin')]);
      expect(orphan.status).toBe(409);
      expect(JSON.stringify(await orphan.json())).toContain('vip → berlin');
      expect((await put('/api/v1/rules/calendars', [berlin])).status).toBe(200);
      expect((await put('/api/v1/rules/sla-policies', [policy('vip', 'berlin')])).status).toBe(200);
      const teamPolicies = await put(`/api/v1/rules/sla-policies?teamId=${t.demo.otherTeamId}`, [
        policy('tier2', 'berlin'),
      ]);
      expect(teamPolicies.status).toBe(200);
      // Removing the calendar would break both; refused, naming them.
      const removal = await put('/api/v1/rules/calendars', []);
      expect(removal.status).toBe(409);
      const message = JSON.stringify(await removal.json());
      expect(message).toContain('vip → berlin');
      expect(message).toContain(`tier2 (team ${t.demo.otherTeamId}) → berlin`);
    });

    it('serves the rules to extensions, team overrides on top, with an ETag that only changes with them', async () => {
      const config = await agentConfig();
      expect(config.calendars).toEqual([{ ...berlin, holidays: [] }]);
      expect((config.slaPolicies as { id: string }[]).map((p) => p.id)).toEqual(['vip']);
      const bo = await tokenForUser(t.database.db, 'bo@acme.test');
      const boConfig = (await (await get('/api/v1/config', bo)).json()) as RemoteConfig;
      expect((boConfig.slaPolicies as { id: string }[]).map((p) => p.id)).toEqual(['tier2']);
      const first = await get('/api/v1/config', t.demo.agentToken);
      const etag = first.headers.get('etag') ?? '';
      const unchanged = await t.app.request('/api/v1/config', {
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'if-none-match': etag },
      });
      expect(unchanged.status).toBe(304);
      await put('/api/v1/rules/sla-policies', [policy('vip', 'berlin'), policy('normal')]);
      const changed = await t.app.request('/api/v1/config', {
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'if-none-match': etag },
      });
      expect(changed.status).toBe(200);
      // Removing the team override puts Tier 2 back on the organisation's policies.
      expect((await put(`/api/v1/rules/sla-policies?teamId=${t.demo.otherTeamId}`, null)).status).toBe(200);
      const back = (await (await get('/api/v1/config', bo)).json()) as RemoteConfig;
      expect((back.slaPolicies as { id: string }[]).map((p) => p.id)).toEqual(['vip', 'normal']);
    });

    it('saves the team settings extensions apply: features, helpdesks, reminder lead and sync interval', async () => {
      expect((await put('/api/v1/rules/features', { scripts: false })).status).toBe(200);
      expect((await put(`/api/v1/rules/helpdesks?teamId=${t.demo.teamId}`, ['zendesk'])).status).toBe(200);
      expect((await put('/api/v1/rules/notification-lead', 30)).status).toBe(200);
      const bad = await put('/api/v1/rules/features', { scripts: 'no', chat: true });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toMatch(/value\.scripts[\s\S]*value/);
      expect((await put('/api/v1/rules/helpdesks', ['freshdesk'])).status).toBe(400);
      expect((await put('/api/v1/rules/sync-interval', 0)).status).toBe(400);
      const config = await agentConfig();
      expect(config).toMatchObject({
        features: { scripts: false },
        enabledHelpdesks: ['zendesk'],
        notificationLeadMinutes: 30,
      });
      // Another team keeps every helpdesk.
      const bo = await tokenForUser(t.database.db, 'bo@acme.test');
      expect(((await (await get('/api/v1/config', bo)).json()) as RemoteConfig).enabledHelpdesks).toBeUndefined();
    });

    it('refuses a stale save (If-Match) so two admins cannot overwrite each other', async () => {
      const current = await get('/api/v1/rules/sla-policies', lee);
      const { etag } = (await current.json()) as { etag: string };
      expect(current.headers.get('etag')).toBe(etag);
      expect((await put('/api/v1/rules/sla-policies', [policy('vip', 'berlin')], { 'if-match': etag })).status).toBe(
        200,
      );
      expect((await put('/api/v1/rules/sla-policies', [policy('other')], { 'if-match': etag })).status).toBe(412);
    });

    it('evaluates customer tiers with the organisation’s own tier rules', async () => {
      const lookup = async () =>
        (await (await get('/api/v1/customers/lookup?email=alan%40example.org', t.demo.agentToken)).json()) as {
          tier: { id: string };
          reasons: { ruleId: string }[];
        };
      expect((await lookup()).tier.id).toBe('vip');
      const rules = {
        tiers: [
          { id: 'gold', label: { en: 'Gold', zh_CN: '金卡' }, colour: '#b8860b', rank: 1 },
          { id: 'standard', label: { en: 'Standard', zh_CN: '标准' }, colour: '#6b7280', rank: 2 },
        ],
        rules: [
          {
            id: 'big-spender',
            description: { en: 'Spent over 50,000', zh_CN: '消费超过 50,000' },
            all: [{ attribute: 'lifetimeValue', op: 'gte', value: 50_000 }],
            tier: 'gold',
          },
        ],
        fallbackTier: 'standard',
      };
      const saved = await put('/api/v1/rules/tiers', rules);
      expect(saved.status).toBe(200);
      const after = await lookup();
      expect(after.tier.id).toBe('gold');
      expect(after.reasons[0]?.ruleId).toBe('big-spender');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'rules')
        .execute();
      expect(audit.map((a) => a.action)).toContain('rules.tiers.replace');
    });
  });
}
