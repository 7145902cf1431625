import { z } from 'zod';
import {
  DEFAULT_FEATURES,
  DEFAULT_SCORE_SHORTCUT,
  DEFAULT_SEARCH_SHORTCUT,
  FEATURE_SWITCH_NAMES,
  type FeatureSwitches as FeatureSwitchValues,
  parseKeyShortcut,
  parseScoreShortcut,
  shortcutClash,
} from '../core';
import { IdentityMode } from './identity';

/** Helpdesks DeskLens ships adapters for; generic ones are described by admins. */
export const BuiltInHelpdesk = z.enum(['zendesk', 'salesforce']);
export type BuiltInHelpdesk = z.infer<typeof BuiltInHelpdesk>;

export const FeatureSwitches = z.object(
  Object.fromEntries(FEATURE_SWITCH_NAMES.map((name) => [name, z.boolean()])) as Record<
    keyof FeatureSwitchValues,
    z.ZodBoolean
  >,
);
export type FeatureSwitches = FeatureSwitchValues;

export const UiLanguage = z.enum(['auto', 'en', 'zh_CN', 'zh_TW']);

const backendUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** Modifiers that, with 1–5, score the ticket (`Alt+Shift`), or `off` (lib/core/shortcuts.ts). */
const scoreShortcut = z
  .string()
  .max(40)
  .superRefine((value, ctx) => {
    const parsed = parseScoreShortcut(value);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });
/** Modifiers and one key that open the script search (`Alt+Shift+S`), or `off`. */
const keyShortcut = z
  .string()
  .max(40)
  .superRefine((value, ctx) => {
    const parsed = parseKeyShortcut(value);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });

/**
 * What an admin may set by enterprise policy (`storage.managed`). Mirrors public/managed_schema.json;
 * every key optional because a policy may set only some. Browsers drop wrongly-typed keys silently, so
 * values are re-validated here and a bad one is reported by name instead of being used.
 */
export const ManagedPolicy = z.object({
  backendUrl: backendUrl.optional(),
  enrollmentToken: z.string().min(8).max(256).optional(),
  /** How browsers prove who uses them: sso, password or approval (docs/admin/identity.md). */
  identity: IdentityMode.optional(),
  team: z.string().min(1).max(128).optional(),
  enabledHelpdesks: z.array(z.string().max(80)).max(50).optional(),
  /** Generic adapter descriptions (validated by lib/schema/adapter when used). */
  genericAdapters: z.array(z.unknown()).max(50).optional(),
  features: FeatureSwitches.partial().optional(),
  notificationLeadMinutes: z.int().min(0).max(240).optional(),
  language: UiLanguage.optional(),
  syncIntervalMinutes: z.int().min(1).max(60).optional(),
  scoreShortcut: scoreShortcut.optional(),
  searchShortcut: keyShortcut.optional(),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

/**
 * The settings that say where and as whom this browser syncs. The options page saves them through the background
 * (a privileged message), which keeps them in its own store (lib/background/vault.ts): content scripts can read and
 * write `storage.local`, so nothing there may decide the server, the identity or a credential.
 */
export const CONNECTION_KEYS = ['backendUrl', 'enrollmentToken', 'agentToken', 'agentEmail'] as const;
export type ConnectionKey = (typeof CONNECTION_KEYS)[number];
export type AgentConnection = Partial<Pick<AgentSettings, ConnectionKey>>;

/** What the agent may set in the options page (anything policy sets is locked there). */
export const AgentSettings = z
  .object({
    backendUrl: backendUrl.optional(),
    enrollmentToken: z.string().min(8).max(256).optional(),
    /** A per-agent API token pasted by hand (development, demo); normally obtained by enrollment. */
    agentToken: z.string().min(8).max(256).optional(),
    team: z.string().min(1).max(128).optional(),
    /** The agent's work email, for approval mode when the helpdesk does not tell it. */
    agentEmail: z.email().optional(),
    agentName: z.string().max(200).optional(),
    features: FeatureSwitches.partial().optional(),
    notificationLeadMinutes: z.int().min(0).max(240).optional(),
    language: UiLanguage.optional(),
    overlayExpanded: z.boolean().optional(),
    scoreShortcut: scoreShortcut.optional(),
    searchShortcut: keyShortcut.optional(),
  })
  .superRefine((settings, ctx) => {
    const clash = shortcutClash(
      settings.scoreShortcut ?? DEFAULT_SCORE_SHORTCUT,
      settings.searchShortcut ?? DEFAULT_SEARCH_SHORTCUT,
    );
    if (clash) ctx.addIssue({ code: 'custom', path: ['searchShortcut'], message: clash });
  });
export type AgentSettings = z.infer<typeof AgentSettings>;

/** Org/team configuration the backend serves at `GET /api/v1/config`. */
export const RemoteConfig = z.object({
  orgId: z.string(),
  teamId: z.string().optional(),
  enabledHelpdesks: z.array(z.string()).optional(),
  genericAdapters: z.array(z.unknown()).optional(),
  features: FeatureSwitches.partial().optional(),
  notificationLeadMinutes: z.int().min(0).max(240).optional(),
  syncIntervalMinutes: z.int().min(1).max(60).optional(),
  /** Org SLA policies, calendars and tier rules (shapes in lib/schema/sla and lib/schema/tiers). */
  slaPolicies: z.array(z.unknown()).optional(),
  calendars: z.array(z.unknown()).optional(),
  tierRules: z.unknown().optional(),
});
export type RemoteConfig = z.infer<typeof RemoteConfig>;

export { DEFAULT_FEATURES };

/** Where each effective value came from, so the options page can lock policy-set ones. */
export type ConfigSource = 'policy' | 'backend' | 'agent' | 'default';

export interface EffectiveConfig {
  backendUrl?: string;
  enrollmentToken?: string;
  /** Set only by policy; otherwise the organisation's preference, asked of the server when enrolling. */
  identity?: IdentityMode;
  team?: string;
  enabledHelpdesks: string[];
  genericAdapters: unknown[];
  features: FeatureSwitches;
  notificationLeadMinutes: number;
  language: z.infer<typeof UiLanguage>;
  syncIntervalMinutes: number;
  scoreShortcut: string;
  searchShortcut: string;
  sources: Partial<Record<keyof ManagedPolicy, ConfigSource>>;
  /** Policy keys whose value was rejected, with the reason (shown to the agent and admins). */
  policyErrors: { key: string; message: string }[];
}

/**
 * The only configuration content scripts get (`getOverlayConfig`): what the overlay shows and how it is driven,
 * nothing about where or as whom this browser syncs, and no secret.
 */
export interface OverlayConfig {
  features: FeatureSwitches;
  /** Helpdesks the overlay runs on, when policy or the team configuration names them; undefined: all. */
  enabledHelpdesks?: string[];
  language: z.infer<typeof UiLanguage>;
  scoreShortcut: string;
  searchShortcut: string;
}

export function overlayConfigOf(config: EffectiveConfig): OverlayConfig {
  return {
    features: config.features,
    enabledHelpdesks: config.sources.enabledHelpdesks ? config.enabledHelpdesks : undefined,
    language: config.language,
    scoreShortcut: config.scoreShortcut,
    searchShortcut: config.searchShortcut,
  };
}
