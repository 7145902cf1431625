import { z } from 'zod';
import { ManagedPolicy } from '../schema/config';
import { DESKLENS_CHROME_EXTENSION_ID, DESKLENS_GECKO_ID } from '../schema/identity';

export const PolicyBrowser = z.enum(['chrome', 'edge', 'firefox']);
export type PolicyBrowser = z.infer<typeof PolicyBrowser>;
export const PolicyPlatform = z.enum(['windows', 'macos', 'linux']);
export type PolicyPlatform = z.infer<typeof PolicyPlatform>;

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/**
 * XML 1.0 (the macOS profile) cannot carry C0 control characters other than tab and line breaks, and no browser
 * setting needs one: refuse them by name rather than write a profile the MDM rejects.
 */
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0d]);
const hasForbiddenControl = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 && !ALLOWED_CONTROLS.has(c.charCodeAt(0)));

function controlCharacterPaths(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (typeof value === 'string') return hasForbiddenControl(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => controlCharacterPaths(item, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => controlCharacterPaths(item, [...path, key]));
  return [];
}

/** The extension's managed configuration as a rollout writes it: the server is the one thing it must name. */
export const RolloutSettings = ManagedPolicy.extend({ backendUrl: httpUrl }).superRefine((settings, ctx) => {
  for (const path of controlCharacterPaths(settings, [])) {
    ctx.addIssue({ code: 'custom', path, message: 'contains a control character a policy file cannot carry' });
  }
});
export type RolloutSettings = z.infer<typeof RolloutSettings>;

/**
 * What the rollout page and `scripts/policy-samples.ts` ask of the generator. Install sources default to the
 * DeskLens server's own `/extension/` folder (self-hosted packages, docs/admin/rollout.md §1).
 */
export const PolicyRequest = z.object({
  browsers: z.array(PolicyBrowser).min(1, 'pick at least one browser'),
  platforms: z.array(PolicyPlatform).min(1, 'pick at least one platform'),
  /** Chrome and Edge: the id the package is signed with (your own for a configured build). */
  chromeExtensionId: z
    .string()
    .regex(/^[a-p]{32}$/, 'a Chrome extension id is 32 letters a–p')
    .default(DESKLENS_CHROME_EXTENSION_ID),
  /** Chrome and Edge: the update manifest (self-hosted `updates.xml`, or the store's update URL). */
  chromeUpdateUrl: httpUrl.optional(),
  firefoxExtensionId: z
    .string()
    .regex(/^(\{[0-9a-f-]{36}\}|[a-z0-9._-]+@[a-z0-9.-]+)$/i, 'a Firefox add-on id is name@domain or a {GUID}')
    .default(DESKLENS_GECKO_ID),
  /** Firefox: where the signed `.xpi` is. */
  firefoxInstallUrl: httpUrl.optional(),
  settings: RolloutSettings,
});
export type PolicyRequest = z.input<typeof PolicyRequest>;
export type ParsedPolicyRequest = z.output<typeof PolicyRequest>;
