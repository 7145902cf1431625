import { effect } from '@preact/signals';
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HelpdeskAdapter } from '../adapters/types';
import { OVERLAY_EXPANDED_KEY, parseKeyShortcut, parseScoreShortcut, REMOTE_CONFIG_KEY, SETTINGS_KEY } from '../core';
import { askBackground } from '../messaging';
import type { OverlayConfig } from '../schema/config';
import { followDock } from './dock';
import { createExtensionHost } from './extension-host';
import { FEATURES } from './features/registry';
import { createPageStore, startFeatures } from './features/runtime';
import type { PageStore } from './features/types';
import { mountPanelHosts } from './panel-hosts';

/**
 * Feature switches and shortcuts from the effective configuration, now and whenever the agent's options, the
 * policy or the team configuration change.
 */
function followSettings(
  signal: AbortSignal,
  page: PageStore,
  initial: OverlayConfig | undefined,
  rulesChanged: () => void,
): void {
  const apply = (config: OverlayConfig) => {
    page.features.value = config.features;
    const score = parseScoreShortcut(config.scoreShortcut);
    const search = parseKeyShortcut(config.searchShortcut);
    // The background validated both; anything else keeps the keys in force.
    page.shortcuts.value = {
      score: typeof score === 'string' ? page.shortcuts.value.score : score,
      search: typeof search === 'string' ? page.shortcuts.value.search : search,
    };
  };
  if (initial) apply(initial);
  // Only a change of the agent's settings, the team configuration or a policy can change these; the overlay's own
  // writes (expanded/collapsed) and the background's bookkeeping cost no round trip.
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'managed' && !(area === 'local' && (SETTINGS_KEY in changes || REMOTE_CONFIG_KEY in changes))) return;
    if (area === 'local' && REMOTE_CONFIG_KEY in changes) rulesChanged();
    void askBackground({ kind: 'getOverlayConfig' }).then((config) => {
      if (config.ok && !signal.aborted) apply(config.value);
    });
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}

/** Remember expanded/collapsed: read once at start, written whenever the agent changes it. */
async function rememberExpanded(signal: AbortSignal, page: PageStore): Promise<void> {
  const saved = await browser.storage.local.get(OVERLAY_EXPANDED_KEY).catch(() => ({}) as Record<string, unknown>);
  if (typeof saved[OVERLAY_EXPANDED_KEY] === 'boolean') page.expanded.value = saved[OVERLAY_EXPANDED_KEY];
  let last = page.expanded.value;
  const stop = effect(() => {
    const expanded = page.expanded.value;
    if (expanded === last) return;
    last = expanded;
    void browser.storage.local.set({ [OVERLAY_EXPANDED_KEY]: expanded }).catch(() => undefined);
  });
  signal.addEventListener('abort', stop, { once: true });
}

/**
 * Mount the overlay for one helpdesk page and keep it on the ticket in front of the agent: the extension host
 * (./extension-host.ts) running the registered features (./features). Everything here is tied to the
 * content-script context and dies with it; no error escapes into the host page.
 */
export async function mountOverlay(ctx: ContentScriptContext, adapter: HelpdeskAdapter): Promise<void> {
  const config = await askBackground({ kind: 'getOverlayConfig' });
  // An admin who named the helpdesks DeskLens runs on (policy or team configuration) has left this one out.
  if (config.ok && config.value.enabledHelpdesks && !config.value.enabledHelpdesks.includes(adapter.helpdesk)) return;
  const signal = ctx.signal;
  const page = createPageStore();
  let features: ReturnType<typeof startFeatures> | undefined;
  // New team rules (tiers, SLA policies, synonyms) change the figures of the ticket in front of the agent: ask again
  // now rather than at the next minute's refresh, so an admin's change shows where the agent works.
  followSettings(signal, page, config.ok ? config.value : undefined, () => features?.refresh());
  await rememberExpanded(signal, page);

  let panels: { front: () => HTMLElement | undefined } | undefined;
  // Escape inside the overlay closes the panel and leaves focus on its toggle; Escape elsewhere is the helpdesk's.
  ctx.addEventListener(window, 'keydown', (event) => {
    const overlayHost = panels?.front();
    if (event.key !== 'Escape' || !overlayHost || !event.composedPath().includes(overlayHost)) return;
    if (!page.expanded.value) return;
    event.preventDefault();
    event.stopPropagation();
    page.expanded.value = false;
    overlayHost.shadowRoot?.querySelector<HTMLElement>('.dl-toggle')?.focus();
  });

  let dock: ReturnType<typeof followDock> | undefined;
  const host = createExtensionHost(adapter, signal, () => dock?.pageChanged());
  panels = await mountPanelHosts(ctx, { host, page, features: FEATURES, onFront: () => dock?.frontChanged() });
  dock = followDock(signal, adapter, panels.front);
  // The spacer holds its height while a switch shows "loading", and settles when the panel is ready again.
  const settled = dock;
  const stopSettling = effect(() => {
    if (page.state.value !== 'loading') queueMicrotask(settled.stateChanged);
  });
  signal.addEventListener('abort', stopSettling, { once: true });
  features = startFeatures({ host, page, features: FEATURES, signal });
}
