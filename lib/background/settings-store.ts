import browser from 'webextension-polyfill';
import { REMOTE_CONFIG_KEY, SETTINGS_KEY } from '../core';
import { type AgentSettings, CONNECTION_KEYS, type EffectiveConfig, type RemoteConfig } from '../schema/config';
import { effectiveConfig, parseAgentSettings, parsePolicy } from './config';
import { database } from './db';
import { createVault, type Vault } from './vault';

export { REMOTE_CONFIG_KEY, SETTINGS_KEY };

let defaultVault: Vault | undefined;
/** The background's credential store on its one database. */
export function vault(): Vault {
  defaultVault ??= createVault(database());
  return defaultVault;
}

/** Firefox rejects when no policy exists where Chrome answers `{}`; both mean "no policy". */
export async function readManagedPolicy(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return {};
  }
}

/**
 * The agent's settings: preferences from `storage.local`, the connection (server, enrollment token, pasted token,
 * email) from the vault only. Whatever a content script may have written into `storage.local` under a connection
 * key is ignored.
 */
export async function readAgentSettings(): Promise<AgentSettings> {
  const [stored, connection] = await Promise.all([browser.storage.local.get(SETTINGS_KEY), vault().get('connection')]);
  const preferences = { ...(stored[SETTINGS_KEY] as Record<string, unknown> | undefined) };
  for (const key of CONNECTION_KEYS) delete preferences[key];
  return parseAgentSettings({ ...preferences, ...connection });
}

export async function loadEffectiveConfig(): Promise<EffectiveConfig> {
  const [managed, agent, stored] = await Promise.all([
    readManagedPolicy(),
    readAgentSettings(),
    browser.storage.local.get(REMOTE_CONFIG_KEY),
  ]);
  return effectiveConfig(parsePolicy(managed), stored[REMOTE_CONFIG_KEY] as RemoteConfig | undefined, agent);
}
