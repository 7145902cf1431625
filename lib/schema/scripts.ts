import { z } from 'zod';
import { expressionProblem } from '../scripts/expressions';
import { normalizeSpelling } from '../scripts/normalize';
import { ComplaintGrade } from './sla';

/** English, Simplified Chinese (mainland) and Traditional Chinese (Taiwan, Hong Kong, Macau). */
export const ScriptLocale = z.enum(['en', 'zh_CN', 'zh_TW']);
export type ScriptLocale = z.infer<typeof ScriptLocale>;

/** Situations scripts are written for (PRODUCT.md rule 2); free text is allowed for an org's own. */
export const KNOWN_SCENARIOS = [
  'greeting',
  'apology',
  'angry_customer',
  'four_step',
  'elderly_customer',
  'business_customer',
  'refund',
  'fraud_escalation',
  'shipping_delay',
  'account_access',
  'billing',
  'how_to',
  'follow_up',
  'closing',
  'cancellation',
  'vip_service',
  'goodwill',
  'retention',
  'complaint_handling',
  'complaint_escalation',
  'product_safety',
  'wrong_item',
  'damaged_item',
  'lost_delivery',
  'returns',
  'order_change',
  'payment_failed',
  'warranty',
  'plan_change',
  'privacy_request',
  'supervisor_request',
] as const;

/** A trainer's or admin's phrase or synonym (en or zh): matched whole in the ticket, see docs/trainers/scripts.md. */
export const MatchExpression = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((text, ctx) => {
    const problem = expressionProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${text}": ${problem}` });
  });

/** Words or expressions that mean the same ("doesn't fit", "wrong size"); each member needs a different meaning. */
export const SynonymGroup = z
  .array(MatchExpression)
  .min(2, 'a synonym group needs at least two members')
  .max(20)
  .superRefine((group, ctx) => {
    const seen = new Set<string>();
    group.forEach((member, index) => {
      // Spelling only: 登入 and 登录 fold together when matching, but a trainer may list both regions' words.
      const key = normalizeSpelling(member);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `"${member}" is in the group twice` });
      seen.add(key);
    });
  });

/** The organisation's own synonyms, for every script (an admin rule: PUT /api/v1/rules/synonyms). */
export const OrgSynonyms = z.array(SynonymGroup).max(1000);
export type OrgSynonyms = z.infer<typeof OrgSynonyms>;

export const ScriptEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case id: letters, digits, -'),
  title: z.string().min(1).max(200),
  /** Plain text with {{variables}}; see docs/trainers/scripts.md. */
  body: z.string().min(1).max(10_000),
  locale: ScriptLocale,
  tags: z.array(z.string().max(100)).max(50).default([]),
  /**
   * Tiers the script is restricted to; empty = every tier. A restricted script promises something only those
   * customers have (a dedicated line, a goodwill credit), so it is never suggested for another tier.
   */
  tiers: z.array(z.string().max(64)).max(20).default([]),
  /** Complaint grades the script is written for (e.g. the urgent-complaint escalation); empty = any grade. */
  grades: z.array(ComplaintGrade).max(3).default([]),
  scenario: z.string().min(1).max(64),
  triggerKeywords: z.array(z.string().min(1).max(100)).max(100).default([]),
  /** How customers put it when they need this script ("sent me the wrong size", "寄错了"), matched whole. */
  phrases: z.array(MatchExpression).max(100).default([]),
  /** Groups of words that mean the same for this script (["wrong size", "doesn't fit", "too small"]). */
  synonyms: z.array(SynonymGroup).max(50).default([]),
  /**
   * The script this one is the other Chinese version of (a zh_TW script written for the zh_CN `refund-zh`): an
   * agent reading Traditional gets this one instead of it, one reading Simplified gets it instead of this one.
   */
  variantOf: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  /**
   * A Simplified script made readable in Traditional by OpenCC (Taiwan phrasing), for agents reading Traditional
   * when no trainer wrote a zh_TW version. Made by the server when it serves the catalog (and for the built-in
   * catalog at build time); whatever a trainer sends here is dropped.
   */
  readingCopy: z
    .object({ locale: z.literal('zh_TW'), title: z.string().min(1).max(400), body: z.string().min(1).max(20_000) })
    .optional(),
  version: z.int().min(1).default(1),
  status: z.enum(['draft', 'published', 'retired']).default('published'),
});
export type ScriptEntry = z.infer<typeof ScriptEntry>;
export type ScriptEntryInput = z.input<typeof ScriptEntry>;

/** A script's learned prior (lib/scripts/priors.ts), as the catalog ships it and trainers read it. */
export const ScriptPriorSchema = z.object({
  scriptId: z.string().min(1).max(64),
  scenario: z.string().max(64),
  rate: z.number().min(0).max(1),
  n: z.number().min(0),
  scenarioRate: z.number().min(0).max(1),
  orgRate: z.number().min(0).max(1),
});

/** Measured effect of a script version on satisfaction, from the backend's stats. */
export const ScriptEffectiveness = z.object({
  scriptId: z.string(),
  version: z.int(),
  /** CSAT of tickets where it was used minus CSAT where it was not, in points. */
  csatLift: z.number(),
  n: z.int().min(0),
});
export type ScriptEffectiveness = z.infer<typeof ScriptEffectiveness>;

/** What a trainer writes: the entry without the version and status the server assigns. */
export const ScriptDraft = ScriptEntry.omit({ version: true, status: true, readingCopy: true });
export type ScriptDraft = z.infer<typeof ScriptDraft>;

export const ScriptCreate = z.object({
  script: ScriptDraft,
  /** Teams it will be published to; empty = every team. */
  teamIds: z.array(z.string().min(1).max(64)).max(200).default([]),
});

export const ScriptUpdate = z.object({
  /** The version the trainer edited; a newer one in between is a 409, so nobody's edit is lost. */
  expectedVersion: z.int().min(1),
  script: ScriptDraft.omit({ id: true }),
  teamIds: z.array(z.string().min(1).max(64)).max(200).optional(),
});

export const ScriptPublish = z.object({
  version: z.int().min(1),
  /** Replaces the teams it is published to; omit to keep them. Empty = every team. */
  teamIds: z.array(z.string().min(1).max(64)).max(200).optional(),
});

export const ScriptVersion = z.object({
  id: z.string(),
  version: z.int(),
  status: z.enum(['draft', 'published', 'retired']),
  locale: ScriptLocale,
  teamIds: z.array(z.string()),
  updatedAt: z.string(),
  script: ScriptEntry,
});

export const ScriptDiff = z.object({
  id: z.string(),
  from: z.int(),
  to: z.int(),
  /** Fields other than the body that changed, with both values. */
  fields: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  /** The body, line by line: unchanged, added or removed. */
  body: z.array(z.object({ change: z.enum(['same', 'added', 'removed']), text: z.string() })),
});
