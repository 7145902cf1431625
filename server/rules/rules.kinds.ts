import { z } from 'zod';
import { GenericAdapterDescription } from '../../lib/schema/adapter';
import { FeatureSwitches } from '../../lib/schema/config';
import { flagRepeatedKeys } from '../../lib/schema/repeated-keys';
import { OrgSynonyms } from '../../lib/schema/scripts';
import { BusinessCalendar, SlaPolicy } from '../../lib/schema/sla';
import { HelpdeskId } from '../../lib/schema/ticket';
import { TierRuleSet } from '../../lib/schema/tiers';

const uniqueIds = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx) =>
  flagRepeatedKeys(items, ctx, {
    key: (item) => item.id,
    field: 'id',
    message: (id, first) => `id "${id}" is already used by item ${first}`,
  });

/**
 * The rule sets admins manage, each stored as one field of the org's (and optionally a team's) configuration —
 * the same configuration extensions pull — and each validated with the schema the extension evaluates it with.
 * Sets are replaced whole: SLA policies and tier rules are ordered (the first match wins), so the order is
 * part of what an admin saves.
 */
export const RULE_KINDS = {
  tiers: { field: 'tierRules', schema: TierRuleSet, perTeam: true },
  'sla-policies': {
    field: 'slaPolicies',
    schema: z.array(SlaPolicy).max(200).superRefine(uniqueIds),
    perTeam: true,
  },
  calendars: {
    field: 'calendars',
    schema: z.array(BusinessCalendar).max(50).superRefine(uniqueIds),
    perTeam: false,
  },
  adapters: {
    field: 'genericAdapters',
    schema: z.array(GenericAdapterDescription).max(50).superRefine(uniqueIds),
    perTeam: false,
  },
  // The team settings extensions apply (docs/admin/configuration.md), saved the same way.
  features: { field: 'features', schema: FeatureSwitches.partial().strict(), perTeam: true },
  helpdesks: { field: 'enabledHelpdesks', schema: z.array(HelpdeskId).max(50), perTeam: true },
  'notification-lead': { field: 'notificationLeadMinutes', schema: z.int().min(0).max(240), perTeam: true },
  'sync-interval': { field: 'syncIntervalMinutes', schema: z.int().min(1).max(60), perTeam: true },
  // Script ranking (docs/admin/script-matching.md): words that mean the same for every script, and whether
  // agents' and customers' feedback nudges the ranking.
  synonyms: { field: 'scriptSynonyms', schema: OrgSynonyms, perTeam: false },
  'script-learning': { field: 'scriptLearning', schema: z.boolean(), perTeam: false },
} as const;

export type RuleKind = keyof typeof RULE_KINDS;
export const RuleKindParam = z.enum(Object.keys(RULE_KINDS) as [RuleKind, ...RuleKind[]]);
