import { z } from 'zod';
import { OrgSynonyms, ScriptEntry, ScriptPriorSchema } from './scripts';
import { TicketContext } from './ticket';
import { CustomerProfile, LifecycleStage, TierDefinition } from './tiers';

/** `GET /api/v1/catalog`: the published scripts for the agent's team, with the version the ETag carries. */
export const CatalogResponse = z.object({
  /** Fingerprint of the scripts alone: the extension's stored index is keyed by it. */
  version: z.string(),
  scripts: z.array(ScriptEntry),
  /** The organisation's synonym list (admin rule `synonyms`). */
  synonyms: OrgSynonyms.default([]),
  /** Learned priors per script; empty when the organisation switched learning off (rule `script-learning`). */
  priors: z.array(ScriptPriorSchema).default([]),
});
export type CatalogResponse = z.infer<typeof CatalogResponse>;

/** `GET /api/v1/customers/lookup`: by helpdesk requester id (with `helpdesk`) or by email. */
export const CustomerLookupQuery = z
  .object({
    email: z.email().max(320).optional(),
    requesterId: z.string().min(1).max(128).optional(),
    helpdesk: z.string().max(80).optional(),
  })
  .refine((q) => q.email || (q.requesterId && q.helpdesk), { message: 'give email, or requesterId with helpdesk' });

const bilingual = z.object({ en: z.string(), zh_CN: z.string(), zh_TW: z.string().optional() });

export const CustomerLookupResponse = z.object({
  customer: CustomerProfile,
  tier: TierDefinition,
  lifecycle: LifecycleStage,
  reasons: z.array(z.object({ ruleId: z.string(), description: bilingual, values: z.record(z.string(), z.unknown()) })),
});
export type CustomerLookupResponse = z.infer<typeof CustomerLookupResponse>;

/** `POST /api/v1/customers/import` query. */
export const CustomerImportQuery = z.object({
  /** Apply the good rows and report the bad ones; by default one bad row means nothing is applied. */
  skipBadRows: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Validate and count only; nothing is written. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const CustomerImportReport = z.object({
  /** Data rows read (the header not counted). */
  rows: z.int(),
  inserted: z.int(),
  updated: z.int(),
  /** Bad rows left out (only with skipBadRows). */
  skipped: z.int(),
  /** Whether the good rows were written. */
  applied: z.boolean(),
  dryRun: z.boolean(),
  errorCount: z.int(),
  /** The first 100 problems, each with its line in the file (1 = the header). */
  errors: z.array(z.object({ line: z.int(), field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  /** The import's id: its progress and report stay at `GET /api/v1/customers/imports/{importId}`. */
  importId: z.string(),
});
export type CustomerImportReport = z.infer<typeof CustomerImportReport>;

/** Where a customer import stands; `done`, `refused`, `failed` and `interrupted` are final. */
export const CustomerImportStatus = z.enum([
  'receiving',
  'queued',
  'checking',
  'applying',
  'done',
  'refused',
  'failed',
  'interrupted',
]);
export type CustomerImportStatus = z.infer<typeof CustomerImportStatus>;

/**
 * A customer import while it runs and after: what a console needs for a progress bar. The file is received
 * (`bytesReceived` of `bytesExpected`, when the upload said its length), checked line by line (`bytesChecked`,
 * `rowsChecked`), then applied (`rowsApplied` of `rowsToApply`). `percent` weighs the three phases for one bar.
 */
export const CustomerImportProgress = z.object({
  id: z.string(),
  status: CustomerImportStatus,
  dryRun: z.boolean(),
  skipBadRows: z.boolean(),
  bytesExpected: z.int().nullable(),
  bytesReceived: z.int(),
  bytesChecked: z.int(),
  rowsChecked: z.int(),
  rowsToApply: z.int().nullable(),
  rowsApplied: z.int(),
  percent: z.int().min(0).max(100),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The report once the import has ended (`done` or `refused`). */
  report: CustomerImportReport.nullable(),
  /** Why a `failed` or `interrupted` import stopped. */
  error: z.string().nullable(),
});
export type CustomerImportProgress = z.infer<typeof CustomerImportProgress>;

/**
 * `POST /api/v1/insights`: the figures for one ticket computed on the server, for hosts that cannot carry the
 * engines themselves (the Zendesk app's frame). The ticket's text is used for ranking and not stored.
 */
export const InsightsRequest = z.object({ ticket: TicketContext });
/** What the overlay's features show for one ticket (lib/messaging.ts `Insights`, shape checked by its tests). */
export const InsightsResponse = z.looseObject({
  ticketId: z.string(),
  computedAt: z.number(),
  grade: z.enum(['urgent', 'important', 'normal']),
  tier: z.looseObject({ id: z.string() }).optional(),
  sla: z.array(z.looseObject({ metric: z.string() })),
  scripts: z.array(z.looseObject({ id: z.string(), version: z.number(), text: z.string() })),
});

/** `POST /api/v1/insights/search`: the agent's own search, filled in for this ticket like the suggestions. */
export const ScriptSearchRequest = z.object({ ticket: TicketContext, query: z.string().trim().min(1).max(200) });
export const ScriptSearchResponse = z.object({ scripts: InsightsResponse.shape.scripts });
