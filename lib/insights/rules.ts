import { z } from 'zod';
import type { RemoteConfig } from '../schema/config';
import { BusinessCalendar, SlaPolicy } from '../schema/sla';
import { TierRuleSet } from '../schema/tiers';

export interface OrgRules {
  tierRules?: TierRuleSet;
  policies?: SlaPolicy[];
  calendars?: BusinessCalendar[];
}

/**
 * The admin's tier rules, SLA policies and calendars from the team configuration, each used only if it parses
 * (the server validated them; a newer server's shape the extension does not know yet falls back to defaults
 * instead of breaking the overlay).
 */
export function rulesFrom(remote: RemoteConfig | undefined): OrgRules {
  if (!remote) return {};
  const tierRules = TierRuleSet.safeParse(remote.tierRules);
  const policies = z.array(SlaPolicy).min(1).safeParse(remote.slaPolicies);
  const calendars = z.array(BusinessCalendar).min(1).safeParse(remote.calendars);
  return {
    ...(tierRules.success ? { tierRules: tierRules.data } : {}),
    ...(policies.success ? { policies: policies.data } : {}),
    ...(calendars.success ? { calendars: calendars.data } : {}),
  };
}
