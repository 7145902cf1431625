import browser from 'webextension-polyfill';
import { GENERIC_ADAPTERS_KEY } from '../core';
import { type GenericAdapterDescription, parseGenericAdapter } from '../schema/adapter';
import { browserMatchPattern } from '../schema/origins';
import { loadEffectiveConfig, onLateManagedPolicy } from './settings-store';

/**
 * Generic adapters: validate the admin's descriptions from the effective config, then register the generic
 * content script only for origins whose optional host permission the user granted — never <all_urls>
 * (the webext-dynamic-content-scripts pattern). The content script reads the validated descriptions from
 * storage.local; it never sees an unvalidated one.
 */
export { GENERIC_ADAPTERS_KEY };

const SCRIPT_PREFIX = 'desklens-generic-';
export const GENERIC_SCRIPT_FILE = 'content-scripts/generic.js';

export interface GenericAdapterProblem {
  index: number;
  errors: string[];
}

/** Validate descriptions; bad ones are dropped with their errors (naming the field), good ones kept. */
export function validateDescriptions(input: unknown[]): {
  valid: GenericAdapterDescription[];
  problems: GenericAdapterProblem[];
} {
  const valid: GenericAdapterDescription[] = [];
  const problems: GenericAdapterProblem[] = [];
  const seen = new Set<string>();
  input.forEach((raw, index) => {
    const result = parseGenericAdapter(raw);
    if (!result.ok) problems.push({ index, errors: result.errors });
    else if (seen.has(result.description.id))
      problems.push({ index, errors: [`id: duplicate "${result.description.id}"`] });
    else {
      seen.add(result.description.id);
      valid.push(result.description);
    }
  });
  return { valid, problems };
}

/** Chrome and Edge take a port in a match pattern; Firefox refuses one (lib/schema/origins.ts). */
const PORTS_IN_PATTERNS = !import.meta.env.FIREFOX;

/** The pattern the browser registers and grants for one described origin. */
export function browserPattern(origin: string): string {
  return browserMatchPattern(origin, { portsInPatterns: PORTS_IN_PATTERNS });
}

/** What to ask the browser for to run on a description's origins (options → Helpdesk access). */
export function permissionOrigins(description: GenericAdapterDescription): string[] {
  return [...new Set(description.matches.map(browserPattern))];
}

/** (Re)register one content script per description, for its granted origins only. */
export async function syncGenericAdapters(): Promise<{ registered: string[]; problems: GenericAdapterProblem[] }> {
  const config = await loadEffectiveConfig();
  const { valid, problems } = validateDescriptions(config.genericAdapters ?? []);
  for (const problem of problems) {
    console.warn(`DeskLens: generic adapter #${problem.index} ignored:`, problem.errors.join('; '));
  }
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.map((script) => script.id).filter((id) => id.startsWith(SCRIPT_PREFIX));
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours });

  const registered: string[] = [];
  const usable: GenericAdapterDescription[] = [];
  for (const description of valid) {
    const granted: string[] = [];
    for (const origin of description.matches) {
      if (await browser.permissions.contains({ origins: [browserPattern(origin)] })) granted.push(origin);
    }
    if (granted.length === 0) continue;
    // The content script gets the described origins (with their ports) and keeps to them.
    usable.push({ ...description, matches: granted });
    registered.push(description.id);
    await browser.scripting.registerContentScripts([
      {
        id: `${SCRIPT_PREFIX}${description.id}`,
        matches: [...new Set(granted.map(browserPattern))],
        js: [GENERIC_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: false,
      },
    ]);
  }
  await browser.storage.local.set({ [GENERIC_ADAPTERS_KEY]: usable });
  return { registered, problems };
}

/** Keep registrations in step with granted permissions and config changes. One call from the background. */
export function startGenericAdapters(): void {
  let running: Promise<unknown> = Promise.resolve();
  const resync = () => {
    running = running.then(syncGenericAdapters).catch((error: unknown) => {
      console.error('DeskLens: registering generic adapters failed', error);
    });
  };
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && !(GENERIC_ADAPTERS_KEY in changes))) resync();
  });
  onLateManagedPolicy(resync);
  resync();
}
