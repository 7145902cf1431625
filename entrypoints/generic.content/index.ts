import '../../components/overlay.css';
import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createGenericAdapter } from '../../lib/adapters/generic/adapter';
import { GENERIC_ADAPTERS_KEY } from '../../lib/core';
import { mountOverlay } from '../../lib/overlay/mount';
import type { GenericAdapterDescription } from '../../lib/schema/adapter';
import { originMatches } from '../../lib/schema/origins';

// Registered at run time by lib/background/generic-adapters.ts, only for origins the user granted. The browser's
// pattern may be wider than the description's (Firefox takes no port): the description's origin decides here.

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const stored = await browser.storage.local.get(GENERIC_ADAPTERS_KEY);
    // Validated by the background before it was stored (lib/schema/adapter.ts).
    const descriptions = (stored[GENERIC_ADAPTERS_KEY] ?? []) as GenericAdapterDescription[];
    const url = new URL(window.location.href);
    const description = descriptions.find((one) => one.matches.some((pattern) => originMatches(pattern, url)));
    if (!description) return;
    await mountOverlay(ctx, createGenericAdapter(description, window));
  },
});
