import browser from 'webextension-polyfill';
import { z } from 'zod';
import { SETTINGS_KEY } from '../core';
import { CONNECTION_KEYS } from '../schema/config';
import { IdentityMode, IdentityState } from '../schema/identity';
import type { DeskLensDatabase } from './db';

/**
 * The background's credential store: a table of the extension's own IndexedDB. Content scripts run with the web
 * page's origin and cannot open it (they can read and write `storage.local`); extension pages can, but only the
 * background does. Every value is parsed on the way out, so a damaged row reads as absent, never as garbage.
 */
const Connection = z.object({
  backendUrl: z.string().optional(),
  enrollmentToken: z.string().optional(),
  agentToken: z.string().optional(),
  agentEmail: z.string().optional(),
});

/** This browser's token and whose it is, for one server. */
const Binding = z.object({
  backendUrl: z.string(),
  token: z.string(),
  agentId: z.string(),
  email: z.string(),
  teamId: z.string(),
  deviceId: z.string(),
  method: IdentityMode,
  boundAt: z.string(),
});

/** An approval request this browser made and polls, with the secret that proves it is the one that asked. */
const PendingDevice = z.object({
  backendUrl: z.string(),
  deviceId: z.string(),
  deviceSecret: z.string(),
  email: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
});

const ReportedIdentity = z.object({
  email: z.string(),
  name: z.string().optional(),
  helpdeskUserId: z.string().optional(),
});

/** The organisation's identity modes, as the server said for this server and enrollment token. */
const ServerModes = z.object({
  key: z.string(),
  preferredMode: IdentityMode,
  allowedModes: z.array(IdentityMode),
  fetchedAt: z.number(),
});

const ENTRIES = {
  connection: Connection,
  binding: Binding,
  pendingDevice: PendingDevice,
  reportedIdentity: ReportedIdentity,
  identityState: IdentityState,
  serverModes: ServerModes,
  /** When a silent SSO attempt last found no provider session (epoch ms), so it is not retried every minute. */
  silentSsoFailedAt: z.number(),
  /** The enterprise policy as the browser last gave it, for when the browser is slow to give it again. */
  lastManagedPolicy: z.record(z.string(), z.unknown()),
} as const;
type Entries = { [K in keyof typeof ENTRIES]: z.infer<(typeof ENTRIES)[K]> };
export type VaultKey = keyof Entries;
export type Binding = Entries['binding'];
export type PendingDevice = Entries['pendingDevice'];
export type Connection = Entries['connection'];
export type { IdentityState };

export interface Vault {
  get: <K extends VaultKey>(key: K) => Promise<Entries[K] | undefined>;
  set: <K extends VaultKey>(key: K, value: Entries[K]) => Promise<void>;
  delete: (key: VaultKey) => Promise<void>;
}

export function createVault(db: DeskLensDatabase): Vault {
  return {
    get: async (key) => {
      const row = await db.vault.get(key);
      const parsed = ENTRIES[key].safeParse(row?.value);
      return parsed.success ? (parsed.data as Entries[typeof key]) : undefined;
    },
    set: async (key, value) => {
      await db.vault.put({ key, value: ENTRIES[key].parse(value) });
    },
    delete: async (key) => {
      await db.vault.delete(key);
    },
  };
}

/** What earlier versions kept in `storage.local` (readable by content scripts). */
const LEGACY_TOKEN_KEY = 'agentToken';
const LEGACY_ENROLLMENT_KEY = 'enrollment';
const LEGACY_IDENTITY_KEY = 'agentIdentity';

/**
 * Moves the server address, tokens and identity out of `storage.local` into the vault, then deletes them there.
 * Written first, deleted after, so a worker stopped half-way loses nothing and the next start finishes the move.
 * A token enrolled by an earlier version is not carried over: it was issued without proof of who uses the browser,
 * so the browser proves it again.
 */
export async function moveCredentialsOutOfStorage(vault: Vault): Promise<void> {
  const stored = await browser.storage.local.get([
    SETTINGS_KEY,
    LEGACY_TOKEN_KEY,
    LEGACY_ENROLLMENT_KEY,
    LEGACY_IDENTITY_KEY,
  ]);
  const settings = stored[SETTINGS_KEY];
  const legacy = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  const carried = Object.fromEntries(
    CONNECTION_KEYS.flatMap((key) => (typeof legacy[key] === 'string' ? [[key, legacy[key]]] : [])),
  );
  const hasLegacy =
    Object.keys(carried).length > 0 ||
    [LEGACY_TOKEN_KEY, LEGACY_ENROLLMENT_KEY, LEGACY_IDENTITY_KEY].some((k) => k in stored);
  if (!hasLegacy) return;
  if (Object.keys(carried).length > 0)
    await vault.set('connection', { ...(await vault.get('connection')), ...carried });
  const reported = ReportedIdentity.safeParse(stored[LEGACY_IDENTITY_KEY]);
  if (reported.success && !(await vault.get('reportedIdentity'))) await vault.set('reportedIdentity', reported.data);
  if (Object.keys(carried).length > 0) {
    const rest = Object.fromEntries(
      Object.entries(legacy).filter(([key]) => !(CONNECTION_KEYS as readonly string[]).includes(key)),
    );
    await browser.storage.local.set({ [SETTINGS_KEY]: rest });
  }
  await browser.storage.local.remove([LEGACY_TOKEN_KEY, LEGACY_ENROLLMENT_KEY, LEGACY_IDENTITY_KEY]);
}
