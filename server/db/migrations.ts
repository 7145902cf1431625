import type { Migration, MigrationProvider } from 'kysely/migration';
import m0001 from './migrations/0001_identity_and_feedback';
import m0002 from './migrations/0002_scripts';
import m0003 from './migrations/0003_team_config';
import m0004 from './migrations/0004_customers';
import m0005 from './migrations/0005_access';
import m0006 from './migrations/0006_identity';
import m0010 from './migrations/0010_stats';
import m0011 from './migrations/0011_ingest_ticket_index';
import m0012 from './migrations/0012_feedback_customer_indexes';
import m0013 from './migrations/0013_devices';
import m0014 from './migrations/0014_single_sign_on';
import m0015 from './migrations/0015_sso_authorize_and_unproven_tokens';
import m0016 from './migrations/0016_complaint_grade';
import m0017 from './migrations/0017_feedback_rollups';
import m0021 from './migrations/0021_script_priors';
import m0023 from './migrations/0023_sla_outcome_cycles';
import m0025 from './migrations/0025_customer_imports';
import m0026 from './migrations/0026_rate_limit_hits';
import m0030 from './migrations/0030_alerts_and_actions';
import m0040 from './migrations/0040_zendesk_app_identity';
import m0044 from './migrations/0044_browser_checkins';
import m0045 from './migrations/0045_feedback_current_ticket';
import m0046 from './migrations/0046_event_ids_per_org';

/**
 * One set of migrations for SQLite and PostgreSQL: only portable types (text, integer) and plain indexes.
 * One file per migration in `./migrations/`, named `NNNN_what.ts`, listed here in number order (Kysely applies them
 * in name order). Never edit a migration that has shipped; add the next number.
 */
const migrations: Record<string, Migration> = {
  '0001_identity_and_feedback': m0001,
  '0002_scripts': m0002,
  '0003_team_config': m0003,
  '0004_customers': m0004,
  '0005_access': m0005,
  '0006_identity': m0006,
  '0010_stats': m0010,
  '0011_ingest_ticket_index': m0011,
  '0012_feedback_customer_indexes': m0012,
  '0013_devices': m0013,
  '0014_single_sign_on': m0014,
  '0015_sso_authorize_and_unproven_tokens': m0015,
  '0016_complaint_grade': m0016,
  '0017_feedback_rollups': m0017,
  '0021_script_priors': m0021,
  '0023_sla_outcome_cycles': m0023,
  '0025_customer_imports': m0025,
  '0026_rate_limit_hits': m0026,
  '0030_alerts_and_actions': m0030,
  '0040_zendesk_app_identity': m0040,
  '0044_browser_checkins': m0044,
  '0045_feedback_current_ticket': m0045,
  '0046_event_ids_per_org': m0046,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
