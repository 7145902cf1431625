import type { Kysely } from 'kysely';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { ensureQualityDefaults } from '../alerts/alerts.defaults';
import { hashPassword } from '../auth/passwords';
import { hashToken, storeToken } from '../auth/tokens';
import { publishScripts } from '../catalog/catalog.handlers';
import { upsertCustomers } from '../customers/customers.handlers';
import type { Database, Role } from '../db/schema';

export interface DemoInfo {
  orgId: string;
  teamId: string;
  /** A second team (Tier 2) with its own agent and lead. */
  otherTeamId: string;
  agentId: string;
  agentToken: string;
  enrollmentToken: string;
  users: { id: string; email: string; role: Role; password: string; teamId: string | null }[];
}

// Fixed ids and demo-only secrets, so every `npm start` prints the same values. Never use in production.
const ORG_ID = 'org_demo_acme';
const TEAM_ID = 'team_demo_tier1';
const TEAM2_ID = 'team_demo_tier2';
const DEMO_AGENT_TOKEN = 'dl_agent_demo_ada_0000000000000000000000000000';
const DEMO_ENROLLMENT_TOKEN = 'dl_enroll_demo_tier1_000000000000000000000000';

const USERS: { id: string; email: string; name: string; role: Role; password: string }[] = [
  { id: 'user_demo_ada', email: 'ada@acme.test', name: 'Ada Agent', role: 'agent', password: 'demo-agent' },
  { id: 'user_demo_lee', email: 'lee@acme.test', name: 'Lee Lead', role: 'lead', password: 'demo-lead' },
  { id: 'user_demo_tara', email: 'tara@acme.test', name: 'Tara Trainer', role: 'trainer', password: 'demo-trainer' },
  { id: 'user_demo_adm', email: 'admin@acme.test', name: 'Ann Admin', role: 'admin', password: 'demo-admin' },
  // A second team, so "a lead sees only their teams" can be seen (and tested) with the demo data.
  { id: 'user_demo_bo', email: 'bo@acme.test', name: 'Bo Agent', role: 'agent', password: 'demo-agent2' },
  { id: 'user_demo_lin', email: 'lin@acme.test', name: 'Lin Lead', role: 'lead', password: 'demo-lead2' },
];

const HOME_TEAM: Record<string, string | null> = {
  user_demo_ada: TEAM_ID,
  user_demo_lee: TEAM_ID,
  user_demo_tara: TEAM_ID,
  user_demo_adm: null,
  user_demo_bo: TEAM2_ID,
  user_demo_lin: TEAM2_ID,
};

/**
 * Demo passwords are public, and hashing one at today's cost takes half a second: one hash per password per
 * process keeps `npm start` and the tests that seed a database each time quick.
 */
const demoHashes = new Map<string, Promise<string>>();
function demoHash(password: string): Promise<string> {
  let hash = demoHashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    demoHashes.set(password, hash);
  }
  return hash;
}

/** Seeds the demo organisation. Safe to run on every start: whatever already exists is left as it is. */
export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<DemoInfo> {
  const createdAt = now.toISOString();
  // Only users not seeded yet, hashed side by side (libuv runs scrypt on its thread pool), before the transaction.
  const seeded = new Set(
    (
      await db
        .selectFrom('users')
        .select('id')
        .where(
          'id',
          'in',
          USERS.map((user) => user.id),
        )
        .execute()
    ).map((row) => row.id),
  );
  const hashes = new Map(
    await Promise.all(
      USERS.filter((user) => !seeded.has(user.id)).map(
        async (user) => [user.id, await demoHash(user.password)] as const,
      ),
    ),
  );
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('orgs')
      .values({ id: ORG_ID, name: 'Acme Support', created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('teams')
      .values({ id: TEAM_ID, org_id: ORG_ID, name: 'Tier 1', slug: 'tier-1', created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('teams')
      .values({ id: TEAM2_ID, org_id: ORG_ID, name: 'Tier 2', slug: 'tier-2', created_at: createdAt })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const user of USERS) {
      const exists = await trx.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst();
      if (exists) continue;
      await trx
        .insertInto('users')
        .values({
          id: user.id,
          org_id: ORG_ID,
          team_id: HOME_TEAM[user.id] ?? null,
          email: user.email,
          name: user.name,
          role: user.role,
          password_hash: hashes.get(user.id) ?? null,
          created_at: createdAt,
        })
        .execute();
    }
    for (const [userId, teamId] of [
      ['user_demo_lee', TEAM_ID],
      ['user_demo_lin', TEAM2_ID],
    ] as const) {
      await trx
        .insertInto('team_leads')
        .values({ org_id: ORG_ID, user_id: userId, team_id: teamId })
        .onConflict((oc) => oc.columns(['user_id', 'team_id']).doNothing())
        .execute();
    }
    const tokens = [
      { token: DEMO_AGENT_TOKEN, kind: 'agent' as const, user_id: 'user_demo_ada', label: 'Demo agent token (Ada)' },
      {
        token: DEMO_ENROLLMENT_TOKEN,
        kind: 'enrollment' as const,
        user_id: null,
        label: 'Demo enrollment token (Tier 1)',
      },
    ];
    for (const { token, ...row } of tokens) {
      const exists = await trx
        .selectFrom('api_tokens')
        .select('id')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
      if (exists) continue;
      await storeToken(trx, token, { ...row, org_id: ORG_ID, team_id: TEAM_ID, expires_at: null }, now);
    }
  });
  const hasScripts = await db
    .selectFrom('scripts')
    .select('id')
    .where('org_id', '=', ORG_ID)
    .limit(1)
    .executeTakeFirst();
  if (!hasScripts) await publishScripts(db, ORG_ID, DEFAULT_CATALOG, [], now);
  // The programmes' default alert rules and ranking bands, as every new organisation gets them.
  await ensureQualityDefaults(db, ORG_ID, now);
  // The demo tickets' requesters, as a CRM export would describe them.
  await upsertCustomers(
    db,
    ORG_ID,
    [
      {
        id: 'cust-grace',
        helpdesk: 'zendesk',
        requesterId: '501',
        profile: {
          email: 'grace@example.com',
          name: 'Grace Hopper',
          lifetimeValue: 12_500,
          ordersLast90Days: 4,
          daysSinceLastPurchase: 12,
          lastCsat: 4,
        },
      },
      {
        id: 'cust-lilei',
        helpdesk: 'zendesk',
        requesterId: '502',
        profile: {
          email: 'lilei@example.cn',
          name: '李雷',
          lifetimeValue: 900,
          ordersLast90Days: 1,
          daysSinceLastPurchase: 40,
          openComplaints: 2,
        },
      },
      {
        id: 'cust-alan',
        helpdesk: 'zendesk',
        requesterId: '503',
        profile: {
          email: 'alan@example.org',
          name: 'Alan Turing',
          lifetimeValue: 64_000,
          ordersLast90Days: 2,
          daysSinceLastPurchase: 5,
          lastNps: 9,
        },
      },
    ],
    now,
  );
  return {
    orgId: ORG_ID,
    teamId: TEAM_ID,
    otherTeamId: TEAM2_ID,
    agentId: 'user_demo_ada',
    agentToken: DEMO_AGENT_TOKEN,
    enrollmentToken: DEMO_ENROLLMENT_TOKEN,
    users: USERS.map(({ id, email, role, password }) => ({ id, email, role, password, teamId: HOME_TEAM[id] ?? null })),
  };
}
