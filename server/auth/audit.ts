import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditActorRole, Database } from '../db/schema';
import type { Principal } from './principal';

export interface AuditEntry {
  /** Dotted verb, e.g. "script.publish", "tier_rules.update", "token.revoke". */
  action: string;
  targetType: string;
  targetId: string;
  /** What changed; never secrets (tokens, passwords). */
  details?: Record<string, unknown>;
}

/** A signed-in user, or a browser known only by its enrollment token (`enrollmentActor`). */
export type AuditActor = Pick<Principal, 'userId' | 'orgId'> & { role: AuditActorRole };

export const enrollmentActor = (orgId: string, enrollmentTokenId: string): AuditActor => ({
  userId: `enrollment-token:${enrollmentTokenId}`,
  orgId,
  role: 'enrollment',
});

/**
 * Records a trainer's or admin's change. Call it with the same transaction as the change itself,
 * so a change is never stored without its audit row (or the other way round).
 */
export async function recordAudit(
  db: Kysely<Database>,
  actor: AuditActor,
  entry: AuditEntry,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      org_id: actor.orgId,
      actor_id: actor.userId,
      actor_role: actor.role,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: JSON.stringify(entry.details ?? {}),
      at: now.toISOString(),
    })
    .execute();
}
