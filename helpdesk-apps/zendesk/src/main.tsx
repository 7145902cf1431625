import '../../../components/overlay.css';
import './app.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { intlLocale } from '../../../components/format';
import { DEFAULT_FEATURES, type FeatureSwitches } from '../../../lib/core';
import { FeaturePanel } from '../../../lib/overlay/features/panel';
import { FEATURES } from '../../../lib/overlay/features/registry';
import { createPageStore, startFeatures } from '../../../lib/overlay/features/runtime';
import { createBackend } from './backend';
import { createZendeskHost } from './host';
import { languageOf, translator } from './i18n';
import { refusalMessage, takeLaunch } from './launch';
import { createOutbox } from './outbox';
import { connectToZendesk } from './zaf';

/** How often queued scores are retried while the backend is out of reach (each row also backs off). */
const RETRY_MS = 5_000;

/** Which features the admin left on for this installation (app settings, all on unless set to false). */
function switchesFrom(settings: Record<string, unknown>): FeatureSwitches {
  const on = { ...DEFAULT_FEATURES };
  for (const name of Object.keys(on) as (keyof FeatureSwitches)[])
    if (settings[name] === false || settings[name] === 'false') on[name] = false;
  return on;
}

async function start(root: HTMLElement) {
  const launch = takeLaunch();
  const client = connectToZendesk();
  if (!client) {
    root.textContent = translator(languageOf(navigator.language))('appOutsideZendesk');
    return;
  }
  const [metadata, user] = await Promise.all([client.metadata(), client.get('currentUser.locale')]);
  const settings = metadata.settings ?? {};
  const lang = languageOf(user['currentUser.locale']);
  document.documentElement.lang = intlLocale(lang);
  const t = translator(lang);
  // The DeskLens server serves this page (the manifest's signed URL), so its origin is the server's address.
  if (!launch) {
    root.textContent = t('appNoBackend');
    return;
  }
  if ('refused' in launch) {
    showRefusal(root, t(refusalMessage(launch.refused.code), launch.refused.code));
    void client.invoke('resize', { width: '100%', height: `${Math.ceil(root.scrollHeight) + 8}px` });
    return;
  }
  const backend = createBackend(client, location.origin, launch.session.token);
  const page = createPageStore();
  page.features.value = switchesFrom(settings);
  let features: { refresh: () => void } | undefined;
  const outbox = createOutbox(backend, {
    onChange: () => features?.refresh(),
    agent: launch.session.agent.email.toLowerCase(),
  });
  const host = createZendeskHost({ client, backend, outbox, lang });
  const controller = new AbortController();
  addEventListener('pagehide', () => controller.abort(), { once: true });
  render(<FeaturePanel host={host} page={page} features={FEATURES} />, root);
  features = startFeatures({ host, page, features: FEATURES, signal: controller.signal });
  // For the load benchmark (test/bench/zendesk-app-load.bench.ts): when the first figures are on screen.
  const stopMark = effect(() => {
    if (!page.active.value?.insights.value) return;
    requestAnimationFrame(() => performance.mark('desklens:badge-and-clocks'));
    queueMicrotask(() => stopMark());
  });
  // Queued scores go out as soon as the backend answers again, and when the browser comes back online.
  const retry = setInterval(() => void outbox.drain(), RETRY_MS);
  controller.signal.addEventListener('abort', () => clearInterval(retry), { once: true });
  addEventListener('online', () => void outbox.drain(), { signal: controller.signal });
  void outbox.drain();
  // The sidebar takes the height of what it shows.
  new ResizeObserver(() => {
    void client.invoke('resize', { width: '100%', height: `${Math.ceil(root.scrollHeight) + 8}px` });
  }).observe(root);
}

/** Why DeskLens cannot work for this agent, said where the figures would be. */
function showRefusal(root: HTMLElement, text: string) {
  const notice = document.createElement('p');
  notice.className = 'dl-app-notice';
  notice.setAttribute('role', 'alert');
  notice.textContent = text;
  root.replaceChildren(notice);
}

const root = document.getElementById('desklens');
if (root) void start(root);
