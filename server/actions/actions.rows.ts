import type { Kysely } from 'kysely';
import type { ImprovementAction } from '../../lib/schema/actions';
import type { Database, ImprovementActionsTable } from '../db/schema';

export type ActionRow = ImprovementActionsTable & { owner_name: string | null };

const OPEN_STATUSES = new Set(['open', 'in_progress']);

export function isOverdue(row: Pick<ImprovementActionsTable, 'due_at' | 'status'>, now = new Date()): boolean {
  return OPEN_STATUSES.has(row.status) && row.due_at < now.toISOString();
}

export function actionOut(row: ActionRow, now = new Date()): ImprovementAction {
  return {
    id: row.id,
    problem: {
      metric: row.metric as ImprovementAction['problem']['metric'],
      dimension: (row.dimension as ImprovementAction['problem']['dimension']) ?? null,
      scopeType: row.scope_type,
      scopeId: row.scope_id,
      description: row.problem,
    },
    teamId: row.team_id,
    action: row.action,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? row.owner_id } : null,
    plannedDate: row.planned_date,
    actualDate: row.actual_date,
    status: row.status,
    evidence: { text: row.evidence_text, links: JSON.parse(row.evidence_links) as string[] },
    dueAt: row.due_at,
    overdue: isOverdue(row, now),
    alertId: row.alert_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** Actions with their owner's name, for one organisation. */
export function selectActions(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('improvement_actions as a')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .selectAll('a')
    .select('u.name as owner_name')
    .where('a.org_id', '=', orgId);
}
