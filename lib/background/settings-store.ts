import browser from 'webextension-polyfill';
import { REMOTE_CONFIG_KEY, SETTINGS_KEY } from '../core';
import type { AgentSettings, EffectiveConfig, RemoteConfig } from '../schema/config';
import { effectiveConfig, parseAgentSettings, parsePolicy } from './config';

export { REMOTE_CONFIG_KEY, SETTINGS_KEY };
export const AGENT_TOKEN_KEY = 'agentToken';

/** Firefox rejects when no policy exists where Chrome answers `{}`; both mean "no policy". */
export async function readManagedPolicy(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return {};
  }
}

export async function readAgentSettings(): Promise<AgentSettings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseAgentSettings(stored[SETTINGS_KEY]);
}

export async function loadEffectiveConfig(): Promise<EffectiveConfig> {
  const [managed, agent, stored] = await Promise.all([
    readManagedPolicy(),
    readAgentSettings(),
    browser.storage.local.get(REMOTE_CONFIG_KEY),
  ]);
  return effectiveConfig(parsePolicy(managed), stored[REMOTE_CONFIG_KEY] as RemoteConfig | undefined, agent);
}

/**
 * The per-agent API token lives only here, in the background's storage; content scripts never see it.
 * A token pasted in options (demo, development) wins; otherwise the one enrollment stored.
 */
export async function readAgentToken(): Promise<string | undefined> {
  const [stored, settings] = await Promise.all([browser.storage.local.get(AGENT_TOKEN_KEY), readAgentSettings()]);
  const enrolled = stored[AGENT_TOKEN_KEY];
  return settings.agentToken ?? (typeof enrolled === 'string' ? enrolled : undefined);
}
