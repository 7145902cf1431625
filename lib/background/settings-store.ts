import browser from 'webextension-polyfill';
import { REMOTE_CONFIG_KEY, SETTINGS_KEY } from '../core';
import { type AgentSettings, CONNECTION_KEYS, type EffectiveConfig, type RemoteConfig } from '../schema/config';
import { effectiveConfig, parseAgentSettings, parsePolicy } from './config';
import { database } from './db';
import { createManagedPolicySource, type ManagedPolicySource } from './managed-policy';
import { createVault, type Vault } from './vault';

export { REMOTE_CONFIG_KEY, SETTINGS_KEY };

let defaultVault: Vault | undefined;
/** The background's credential store on its one database. */
export function vault(): Vault {
  defaultVault ??= createVault(database());
  return defaultVault;
}

/** How long a read waits for the browser's policy service before going on with the last policy it gave. */
const MANAGED_POLICY_WAIT_MS = 3_000;
const lateAnswerListeners = new Set<() => void>();
let managedPolicy: ManagedPolicySource | undefined;

function managedPolicySource(): ManagedPolicySource {
  if (managedPolicy) return managedPolicy;
  const source = createManagedPolicySource({
    read: () => browser.storage.managed.get(),
    remembered: () => vault().get('lastManagedPolicy'),
    remember: (policy) => vault().set('lastManagedPolicy', policy),
    onLateAnswer: () => {
      for (const listener of lateAnswerListeners) listener();
    },
    waitMs: MANAGED_POLICY_WAIT_MS,
    now: Date.now,
  });
  // A policy the browser says changed is read afresh. Other listeners of the same event only read after an await,
  // by which time the browser has called this one too.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') source.changed();
  });
  managedPolicy = source;
  return source;
}

/** The enterprise policy, never waiting on a slow browser for more than a few seconds (lib/background/managed-policy.ts). */
export function readManagedPolicy(): Promise<Record<string, unknown>> {
  return managedPolicySource().current();
}

/**
 * Runs `listener` when the browser gives the policy late and it differs from what reads went on with meanwhile.
 * (A change the browser announces reaches `storage.onChanged`, area "managed", as before.)
 */
export function onLateManagedPolicy(listener: () => void): void {
  lateAnswerListeners.add(listener);
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
