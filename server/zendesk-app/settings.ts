import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ZendeskAppKey } from './verify';

export interface ZendeskAppSettingsInput {
  subdomain: string;
  publicKey: string;
  installationId?: string | null;
}

export async function readZendeskAppSettings(db: Kysely<Database>, orgId: string) {
  return db.selectFrom('zendesk_app_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** The organisation whose Zendesk account this is, with its app key; undefined when none set it up. */
export async function keyForAccount(db: Kysely<Database>, subdomain: string): Promise<ZendeskAppKey | undefined> {
  const row = await db
    .selectFrom('zendesk_app_settings')
    .selectAll()
    .where('subdomain', '=', subdomain)
    .executeTakeFirst();
  return (
    row && {
      orgId: row.org_id,
      subdomain: row.subdomain,
      publicKey: row.public_key,
      installationId: row.installation_id,
    }
  );
}

export async function writeZendeskAppSettings(
  db: Kysely<Database>,
  orgId: string,
  input: ZendeskAppSettingsInput,
  now = new Date(),
): Promise<void> {
  const row = {
    subdomain: input.subdomain,
    public_key: input.publicKey.trim(),
    installation_id: input.installationId ?? null,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('zendesk_app_settings')
    .values({ org_id: orgId, ...row })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
    .execute();
}

/** Links Zendesk user ids to the organisation's users by email; the emails no user has are returned. */
export async function linkZendeskAgents(
  db: Kysely<Database>,
  orgId: string,
  agents: { zendeskUserId: string; email: string }[],
  now = new Date(),
): Promise<{ linked: number; unknownEmails: string[] }> {
  const emails = [...new Set(agents.map((a) => a.email.toLowerCase()))];
  const users = emails.length
    ? await db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('org_id', '=', orgId)
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
        .execute()
    : [];
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const unknownEmails = emails.filter((email) => !byEmail.has(email));
  if (unknownEmails.length > 0) return { linked: 0, unknownEmails };
  for (const agent of agents) {
    const row = { user_id: byEmail.get(agent.email.toLowerCase()) ?? '', linked_at: now.toISOString() };
    await db
      .insertInto('zendesk_agents')
      .values({ org_id: orgId, zendesk_user_id: agent.zendeskUserId, ...row })
      .onConflict((oc) => oc.columns(['org_id', 'zendesk_user_id']).doUpdateSet(row))
      .execute();
  }
  return { linked: agents.length, unknownEmails };
}
