import type { PolicyRequest } from './request';

/**
 * The request behind docs/admin/policies/: every browser and platform, with placeholders an admin replaces
 * (docs/admin/rollout.md says which). scripts/policy-samples.ts writes the files; a unit test keeps them in step.
 */
export const SAMPLE_POLICY_REQUEST: PolicyRequest = {
  browsers: ['chrome', 'edge', 'firefox'],
  platforms: ['linux', 'windows', 'macos'],
  settings: {
    backendUrl: 'https://desklens.example.com',
    enrollmentToken: 'dl_enroll_REPLACE_WITH_TEAM_TOKEN',
    identity: 'sso',
    team: 'tier-1',
    enabledHelpdesks: ['zendesk', 'salesforce'],
    features: { tierBadge: true, slaClocks: true, scripts: true, feedback: true },
    notificationLeadMinutes: 15,
    language: 'auto',
    syncIntervalMinutes: 5,
  },
};

export const SAMPLE_POLICY_DIR = 'docs/admin/policies';
