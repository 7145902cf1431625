import { DEFAULT_SCORE_SHORTCUT, DEFAULT_SEARCH_SHORTCUT } from '../core';
import {
  AgentSettings,
  DEFAULT_FEATURES,
  type EffectiveConfig,
  ManagedPolicy,
  type RemoteConfig,
} from '../schema/config';

const DEFAULT_LEAD_MINUTES = 15;
const DEFAULT_SYNC_MINUTES = 5;

/**
 * Read the enterprise policy. Chrome answers `{}` when none is set; Firefox rejects ("Managed storage
 * manifest not found"): both mean "no policy". Each key is validated on its own so one bad value does not
 * void the rest, and the bad ones are reported by name.
 */
export function parsePolicy(raw: unknown): { policy: ManagedPolicy; errors: { key: string; message: string }[] } {
  const policy: Record<string, unknown> = {};
  const errors: { key: string; message: string }[] = [];
  if (!raw || typeof raw !== 'object') return { policy: {}, errors };
  const shape = ManagedPolicy.shape;
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key as keyof typeof shape];
    if (!field) {
      errors.push({ key, message: 'unknown policy key' });
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) policy[key] = parsed.data;
    else errors.push({ key, message: parsed.error.issues.map((issue) => issue.message).join('; ') });
  }
  return { policy: policy as ManagedPolicy, errors };
}

export function parseAgentSettings(raw: unknown): AgentSettings {
  const parsed = AgentSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

type Layer = 'policy' | 'backend' | 'agent';

/** Policy wins over the backend's org/team config, which wins over the agent's own options. */
export function effectiveConfig(
  policyInput: { policy: ManagedPolicy; errors: { key: string; message: string }[] },
  remote: RemoteConfig | undefined,
  agent: AgentSettings,
): EffectiveConfig {
  const { policy } = policyInput;
  const sources: EffectiveConfig['sources'] = {};
  function pick<T>(key: keyof ManagedPolicy, layers: [Layer, T | undefined][]): T | undefined {
    for (const [layer, value] of layers) {
      if (value !== undefined) {
        sources[key] = layer;
        return value;
      }
    }
    return undefined;
  }
  const features = {
    ...DEFAULT_FEATURES,
    ...agent.features,
    ...remote?.features,
    ...policy.features,
  };
  if (policy.features) sources.features = 'policy';
  else if (remote?.features) sources.features = 'backend';
  else if (agent.features) sources.features = 'agent';

  return {
    backendUrl: pick('backendUrl', [
      ['policy', policy.backendUrl],
      ['agent', agent.backendUrl],
    ]),
    enrollmentToken: pick('enrollmentToken', [
      ['policy', policy.enrollmentToken],
      ['agent', agent.enrollmentToken],
    ]),
    // Policy only: without it the organisation's preference, which the server tells the browser when it enrolls.
    identity: pick('identity', [['policy', policy.identity]]),
    team: pick('team', [
      ['policy', policy.team],
      ['agent', agent.team],
    ]),
    enabledHelpdesks: pick('enabledHelpdesks', [
      ['policy', policy.enabledHelpdesks],
      ['backend', remote?.enabledHelpdesks],
    ]) ?? ['zendesk', 'salesforce'],
    genericAdapters:
      pick('genericAdapters', [
        ['policy', policy.genericAdapters],
        ['backend', remote?.genericAdapters],
      ]) ?? [],
    features,
    notificationLeadMinutes:
      pick('notificationLeadMinutes', [
        ['policy', policy.notificationLeadMinutes],
        ['backend', remote?.notificationLeadMinutes],
        ['agent', agent.notificationLeadMinutes],
      ]) ?? DEFAULT_LEAD_MINUTES,
    language:
      pick('language', [
        ['policy', policy.language],
        ['agent', agent.language],
      ]) ?? 'auto',
    syncIntervalMinutes:
      pick('syncIntervalMinutes', [
        ['policy', policy.syncIntervalMinutes],
        ['backend', remote?.syncIntervalMinutes],
      ]) ?? DEFAULT_SYNC_MINUTES,
    scoreShortcut:
      pick('scoreShortcut', [
        ['policy', policy.scoreShortcut],
        ['agent', agent.scoreShortcut],
      ]) ?? DEFAULT_SCORE_SHORTCUT,
    searchShortcut:
      pick('searchShortcut', [
        ['policy', policy.searchShortcut],
        ['agent', agent.searchShortcut],
      ]) ?? DEFAULT_SEARCH_SHORTCUT,
    sources,
    policyErrors: policyInput.errors,
  };
}

const POLICY_CONNECTION_FIELDS = ['backendUrl', 'enrollmentToken', 'identity'] as const;

/**
 * Whether a policy change touches where or as whom the extension syncs. The agent's own connection changes come
 * through the background (setConnection), never through storage.
 */
export function policyConnectionChanged(area: string, changes: Record<string, unknown>): boolean {
  return area === 'managed' && POLICY_CONNECTION_FIELDS.some((key) => key in changes);
}
