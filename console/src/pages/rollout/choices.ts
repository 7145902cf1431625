import { FEATURE_SWITCH_NAMES } from '../../../../lib/core/features';
import type { PolicyBrowser, PolicyIssue, PolicyPlatform, PolicyRequest } from '../../../../lib/policy';
import type { IdentityMode } from '../../../../lib/schema/identity';

export const BROWSERS: PolicyBrowser[] = ['chrome', 'edge', 'firefox'];
export const PLATFORMS: PolicyPlatform[] = ['windows', 'macos', 'linux'];
export const HELPDESKS = ['zendesk', 'salesforce'] as const;
export const IDENTITY_MODES: IdentityMode[] = ['sso', 'password', 'approval'];
export const LANGUAGES = ['auto', 'en', 'zh_CN', 'zh_TW'] as const;
export const FEATURES = FEATURE_SWITCH_NAMES;
export type FeatureName = (typeof FEATURES)[number];

/** What the admin picked on the rollout page, as the form holds it (text as typed). */
export interface Choices {
  browsers: PolicyBrowser[];
  platforms: PolicyPlatform[];
  backendUrl: string;
  teamSlug: string;
  enrollmentToken: string;
  identity: IdentityMode | '';
  helpdesks: string[];
  /** Described helpdesks' ids, comma- or space-separated; each becomes `generic:<id>`. */
  genericIds: string;
  features: Record<FeatureName, boolean>;
  notificationLeadMinutes: string;
  language: (typeof LANGUAGES)[number];
  syncIntervalMinutes: string;
  chromeExtensionId: string;
  chromeUpdateUrl: string;
  firefoxExtensionId: string;
  firefoxInstallUrl: string;
}

export function initialChoices(origin: string): Choices {
  return {
    browsers: ['chrome', 'edge'],
    platforms: ['windows'],
    backendUrl: origin,
    teamSlug: '',
    enrollmentToken: '',
    identity: '',
    helpdesks: [...HELPDESKS],
    genericIds: '',
    features: Object.fromEntries(FEATURES.map((name) => [name, true])) as Record<FeatureName, boolean>,
    notificationLeadMinutes: '15',
    language: 'auto',
    syncIntervalMinutes: '5',
    chromeExtensionId: '',
    chromeUpdateUrl: '',
    firefoxExtensionId: '',
    firefoxInstallUrl: '',
  };
}

/** '' stays unset; anything else must be a whole number (text that is not one fails validation by name). */
const whole = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The generator's request for these choices. */
export function requestOf(choices: Choices): PolicyRequest {
  const generics = choices.genericIds
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => `generic:${id}`);
  return {
    browsers: choices.browsers,
    platforms: choices.platforms,
    chromeExtensionId: optional(choices.chromeExtensionId),
    chromeUpdateUrl: optional(choices.chromeUpdateUrl),
    firefoxExtensionId: optional(choices.firefoxExtensionId),
    firefoxInstallUrl: optional(choices.firefoxInstallUrl),
    settings: {
      backendUrl: choices.backendUrl.trim(),
      enrollmentToken: optional(choices.enrollmentToken),
      identity: choices.identity || undefined,
      team: optional(choices.teamSlug),
      enabledHelpdesks: [...choices.helpdesks, ...generics],
      features: choices.features,
      notificationLeadMinutes: whole(choices.notificationLeadMinutes),
      language: choices.language,
      syncIntervalMinutes: whole(choices.syncIntervalMinutes),
    },
  };
}

/** The form field an issue belongs to: `settings.enabledHelpdesks.2` → `enabledHelpdesks`. */
export function fieldOf(issue: PolicyIssue): string {
  const [first, second] = issue.path.split('.');
  return (first === 'settings' ? second : first) || 'form';
}

/** A rollout needs a team and its token: the schema allows leaving them out, a browser could not enroll then. */
export function missingForRollout(choices: Choices): PolicyIssue[] {
  return [
    ...(choices.teamSlug ? [] : [{ path: 'settings.team', message: 'required' }]),
    ...(choices.enrollmentToken.trim() ? [] : [{ path: 'settings.enrollmentToken', message: 'required' }]),
  ];
}
