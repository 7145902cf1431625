/**
 * Tables as Kysely sees them. Instants are ISO-8601 UTC strings (they sort correctly as text in both
 * SQLite and PostgreSQL); booleans are 0/1 integers for the same reason.
 */
export interface OrgsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  org_id: string;
  name: string;
  slug: string;
  created_at: string;
}

export type Role = 'agent' | 'lead' | 'trainer' | 'admin';

export interface UsersTable {
  id: string;
  org_id: string;
  team_id: string | null;
  email: string;
  name: string;
  role: Role;
  /** scrypt hash for console sessions; null for agents who only use the extension. */
  password_hash: string | null;
  created_at: string;
  /** Set when an admin deactivates the user: their tokens and sessions stop working. */
  deactivated_at?: string | null;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  /** Agent tokens belong to a user; enrollment tokens to a team. */
  user_id: string | null;
  team_id: string | null;
  kind: 'agent' | 'enrollment';
  /** sha256 of the token: tokens are shown once and never stored in clear. */
  token_hash: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Every ingested event, once (the client's UUIDv7 is the key, so replays store nothing). */
export interface EventsTable {
  id: string;
  org_id: string;
  agent_id: string;
  type: string;
  helpdesk: string;
  ticket_id: string | null;
  occurred_at: string;
  received_at: string;
  payload: string;
}

/** Satisfaction scores; `is_current` marks the one score per agent, ticket and round that stats count. */
export interface FeedbackTable {
  event_id: string;
  org_id: string;
  team_id: string | null;
  agent_id: string;
  helpdesk: string;
  ticket_id: string;
  round: 'initial' | 'follow_up';
  csat: number;
  nps: number | null;
  dimensions: string | null;
  comment: string | null;
  customer_id: string | null;
  customer_email: string | null;
  tier_id: string | null;
  retracted: number;
  is_current: number;
  occurred_at: string;
  dim_product_quality: number | null;
  dim_response_speed: number | null;
  dim_staff_professionalism: number | null;
  dim_value_for_money: number | null;
  dim_after_sales_support: number | null;
  dim_ease_of_communication: number | null;
  /** The overlay's grade of the customer's message when the score was recorded; null when not reported. */
  complaint_grade: 'urgent' | 'important' | 'normal' | null;
}

/**
 * Sums of counted scores per UTC day or month, team, agent ('' on team-level rows), tier and round
 * (server/db/rollup-columns.ts lists the sums). Ingest keeps them current in the same transaction.
 */
export type FeedbackRollupsTable = {
  org_id: string;
  grain: 'day' | 'month' | 'team_day' | 'team_month';
  team_id: string;
  bucket: string;
  agent_id: string;
  tier_id: string;
  round: string;
} & Record<string, string | number>;

/** An SLA outcome the extension saw: a target met (possibly late) or breached while running. */
export interface SlaOutcomesTable {
  event_id: string;
  org_id: string;
  team_id: string | null;
  agent_id: string;
  helpdesk: string;
  ticket_id: string;
  metric: string;
  /** Which cycle of the metric, from 1 (a reopened ticket starts new ones). */
  cycle: number;
  state: 'fulfilled' | 'breached' | 'warned';
  breached: number;
  elapsed_ms: number | null;
  occurred_at: string;
}

export interface ScriptUsageTable {
  event_id: string;
  org_id: string;
  team_id: string | null;
  agent_id: string;
  helpdesk: string;
  ticket_id: string;
  script_id: string;
  script_version: number;
  action: 'inserted' | 'copied' | 'rated_up' | 'rated_down' | 'sent';
  edited: number | null;
  occurred_at: string;
}

/** The organisation's learned script priors, recomputed when older than an hour (server/scripts/priors.ts). */
export interface ScriptPriorsTable {
  org_id: string;
  computed_at: string;
  /** JSON: ScriptPrior[] (lib/scripts/priors.ts). */
  priors: string;
}

export interface ScriptsTable {
  org_id: string;
  id: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  locale: string;
  team_ids: string;
  entry: string;
  updated_at: string;
}

export interface TeamConfigTable {
  org_id: string;
  /** '' for the org-wide row. */
  team_id: string;
  config: string;
  updated_at: string;
}

export interface CustomersTable {
  org_id: string;
  id: string;
  email: string | null;
  helpdesk: string | null;
  requester_id: string | null;
  profile: string;
  updated_at: string;
}

export type CustomerImportStatus =
  | 'receiving'
  | 'queued'
  | 'checking'
  | 'applying'
  | 'done'
  | 'refused'
  | 'failed'
  | 'interrupted';

export interface CustomerImportsTable {
  id: string;
  org_id: string;
  actor_id: string;
  status: CustomerImportStatus;
  dry_run: number;
  skip_bad_rows: number;
  bytes_expected: number | null;
  bytes_received: number;
  bytes_checked: number;
  rows_checked: number;
  rows_to_apply: number | null;
  rows_applied: number;
  report: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface CustomerImportRowsTable {
  import_id: string;
  customer_id: string;
  line: number;
  email: string | null;
  helpdesk: string | null;
  requester_id: string | null;
  profile: string;
}

export interface RateLimitHitsTable {
  key: string;
  hits: number;
  reset_at: string;
}

export interface TeamLeadsTable {
  org_id: string;
  user_id: string;
  team_id: string;
}

export interface SessionsTable {
  id: string;
  org_id: string;
  user_id: string;
  /** sha256 of the cookie's secret. */
  secret_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface DevicesTable {
  id: string;
  org_id: string;
  team_id: string;
  method: 'sso' | 'password' | 'approval';
  /** `expired` is never stored: a pending row past `expires_at` is shown as expired. */
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  email: string;
  name: string | null;
  helpdesk_user_id: string | null;
  user_id: string | null;
  secret_hash: string | null;
  enrollment_token_id: string;
  token_id: string | null;
  requested_at: string;
  requested_from: string | null;
  expires_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  claimed_at: string | null;
}

export interface IdentitySettingsTable {
  org_id: string;
  preferred_mode: 'sso' | 'password' | 'approval';
  /** JSON array of modes. */
  allowed_modes: string;
  /** JSON: the OpenID provider without its client secret, or null. */
  oidc: string | null;
  oidc_client_secret: string | null;
  updated_at: string;
}

/** The organisation's Zendesk account and its DeskLens app's public key (migration 0040). */
export interface ZendeskAppSettingsTable {
  org_id: string;
  /** e.g. `acme` for acme.zendesk.com; unique: one Zendesk account, one organisation. */
  subdomain: string;
  /** PEM (SPKI) public key of the app, from Zendesk's `GET /api/v2/apps/{app_id}/public_key.pem`. */
  public_key: string;
  installation_id: string | null;
  updated_at: string;
}

/** A Zendesk agent (by Zendesk user id) linked to a DeskLens user. */
export interface ZendeskAgentsTable {
  org_id: string;
  zendesk_user_id: string;
  user_id: string;
  linked_at: string;
}

/** sha256 of each signed sidebar token already exchanged, kept until it expires. */
export interface ZendeskAppTokenUsesTable {
  token_hash: string;
  org_id: string;
  expires_at: string;
}

export interface SsoRequestsTable {
  id: string;
  org_id: string;
  team_id: string;
  enrollment_token_id: string;
  /** sha256 of the `state` sent to the identity provider. */
  state_hash: string;
  nonce: string;
  /** The backend's own PKCE verifier towards the identity provider (lives 10 minutes). */
  pkce_verifier: string;
  redirect_uri: string;
  /** The browser's PKCE challenge towards the backend. */
  client_challenge: string;
  /** The provider's authorization URL for this sign-in (state, nonce and PKCE challenge in it); null only for
   * sign-ins opened before migration 0015. */
  authorization_url: string | null;
  requested_from: string | null;
  created_at: string;
  expires_at: string;
  user_id: string | null;
  /** sha256 of the one-time code handed to the browser's redirect. */
  code_hash: string | null;
  completed_at: string | null;
}

/** Who did something: a user of the organisation, or a browser presenting an enrollment token. */
export type AuditActorRole = Role | 'enrollment';

export interface AuditLogTable {
  id: string;
  org_id: string;
  actor_id: string;
  actor_role: AuditActorRole;
  /** e.g. "script.publish", "tier_rules.update", "token.revoke". */
  action: string;
  target_type: string;
  target_id: string;
  /** JSON: what changed (never secrets). */
  details: string;
  at: string;
}

export interface AlertRulesTable {
  id: string;
  org_id: string;
  name: string;
  metric: string;
  sla_metric: string | null;
  scope_type: 'org' | 'team' | 'agent' | 'tier';
  scope_id: string | null;
  each_team: number;
  /** JSON: AlertCondition (lib/schema/alerts.ts). */
  condition: string;
  window_days: number;
  level: 'yellow' | 'orange' | 'red';
  minimum_n: number;
  enabled: number;
  built_in: number;
  created_at: string;
  updated_at: string;
}

/** One firing of an alert rule for one subject and window; `firing_key` is unique across instances. */
export interface AlertsTable {
  id: string;
  org_id: string;
  rule_id: string;
  firing_key: string;
  rule_name: string;
  level: 'yellow' | 'orange' | 'red';
  metric: string;
  sla_metric: string | null;
  status: 'open' | 'acknowledged';
  team_id: string | null;
  agent_id: string | null;
  tier_id: string | null;
  value: number | null;
  n: number;
  previous_value: number | null;
  previous_n: number | null;
  window_from: string;
  window_to: string;
  message: string;
  fired_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  action_id: string | null;
}

export interface ImprovementActionsTable {
  id: string;
  org_id: string;
  team_id: string | null;
  metric: string;
  dimension: string | null;
  scope_type: 'org' | 'team' | 'agent' | 'tier';
  scope_id: string | null;
  problem: string;
  action: string;
  owner_id: string | null;
  /** YYYY-MM-DD */
  planned_date: string | null;
  actual_date: string | null;
  status: 'open' | 'in_progress' | 'done' | 'verified';
  evidence_text: string;
  /** JSON array of URLs. */
  evidence_links: string;
  due_at: string;
  alert_id: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface QualitySettingsTable {
  org_id: string;
  /** JSON: QualitySettings (lib/schema/quality.ts). */
  settings: string;
  updated_at: string;
}

/** The last check-in of each browser (agent token): fleet health. */
export interface BrowserCheckinsTable {
  token_id: string;
  org_id: string;
  user_id: string;
  team_id: string | null;
  user_agent: string | null;
  extension_version: string | null;
  queued: number | null;
  rejected: number | null;
  last_seen_at: string;
}

export interface Database {
  browser_checkins: BrowserCheckinsTable;
  alert_rules: AlertRulesTable;
  alerts: AlertsTable;
  improvement_actions: ImprovementActionsTable;
  quality_settings: QualitySettingsTable;
  customers: CustomersTable;
  customer_imports: CustomerImportsTable;
  customer_import_rows: CustomerImportRowsTable;
  rate_limit_hits: RateLimitHitsTable;
  team_config: TeamConfigTable;
  scripts: ScriptsTable;
  orgs: OrgsTable;
  teams: TeamsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  events: EventsTable;
  feedback: FeedbackTable;
  feedback_rollups: FeedbackRollupsTable;
  team_leads: TeamLeadsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  sla_outcomes: SlaOutcomesTable;
  script_usage: ScriptUsageTable;
  devices: DevicesTable;
  identity_settings: IdentitySettingsTable;
  sso_requests: SsoRequestsTable;
  script_priors: ScriptPriorsTable;
  zendesk_app_settings: ZendeskAppSettingsTable;
  zendesk_agents: ZendeskAgentsTable;
  zendesk_app_token_uses: ZendeskAppTokenUsesTable;
}
