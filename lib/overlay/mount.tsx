import { effect } from '@preact/signals';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { FeedbackExtras } from '../../components/FeedbackDetails';
import type { Lang } from '../../components/format';
import { Overlay } from '../../components/Overlay';
import type { HelpdeskAdapter, InsertResult } from '../adapters/types';
import { askBackground, type CapturedFeedback, type Insights } from '../messaging';
import type { OverlayConfig } from '../schema/config';
import type { TicketContextInput } from '../schema/ticket';
import { REMOTE_CONFIG_KEY, SETTINGS_KEY } from '../storage-keys';
import { followDock } from './dock';
import { translate } from './i18n';
import { createSendWatch } from './send-watch';
import { comboMatches, parseKeyShortcut, parseScoreShortcut, scoreFromKey } from './shortcuts';
import { createOverlayStore, type OverlayStore } from './state';

/** How long a required part of the page may stay missing before the overlay calls itself degraded. */
const DEGRADED_AFTER_MS = 3000;
/** Business-hours clocks change pace at shift boundaries; the background recomputes them this often. */
const INSIGHTS_REFRESH_MS = 60_000;
const URGENT_MS = 15 * 60_000;
/** Long enough to wait out a word being typed, short enough to feel immediate. */
const SEARCH_DEBOUNCE_MS = 150;
/** How long a score can be taken back with the Undo button. */
const UNDO_WINDOW_MS = 8_000;
/** Whether the agent last left the panel expanded or collapsed; kept across tickets, tabs and reloads. */
const EXPANDED_KEY = 'overlayExpanded';
/** Tickets whose last figures are kept for an instant switch back (an agent rarely juggles more). */
const SEEN_LIMIT = 50;

/** Keeps the automation contract (ARCHITECTURE.md "Stable hooks") on the shadow host in step with the store. */
function reflectOnHost(host: HTMLElement, helpdesk: string, store: OverlayStore): () => void {
  // Written only when they change: each write is a mutation the helpdesk's own observers may see.
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) {
      if (name in host.dataset) delete host.dataset[name];
    } else if (host.dataset[name] !== value) host.dataset[name] = value;
  };
  return effect(() => {
    set('active', 'true');
    set('helpdesk', helpdesk);
    set('state', store.state.value);
    set('ticketId', store.ticket.value?.ticketId);
    set('tier', store.insights.value?.tier?.id);
  });
}

/**
 * The language the extension's own strings were picked in, so data labels (tiers, clocks) match them. Asked of
 * the catalogue itself: Chromium can serve the zh_CN strings while `@@ui_locale` still says en_US.
 */
function uiLanguage(): Lang {
  return translate('uiLanguage') === 'zh_CN' ? 'zh_CN' : 'en';
}

/**
 * Feature switches and shortcuts from the effective configuration, now and whenever the agent's options, the
 * policy or the team configuration change.
 */
function followSettings(signal: AbortSignal, store: OverlayStore, initial: OverlayConfig | undefined): void {
  const apply = (config: OverlayConfig) => {
    store.features.value = config.features;
    const score = parseScoreShortcut(config.scoreShortcut);
    const search = parseKeyShortcut(config.searchShortcut);
    // The background validated both; anything else keeps the keys in force.
    store.shortcuts.value = {
      score: typeof score === 'string' ? store.shortcuts.value.score : score,
      search: typeof search === 'string' ? store.shortcuts.value.search : search,
    };
  };
  if (initial) apply(initial);
  // Only a change of the agent's settings, the team configuration or a policy can change these; the overlay's own
  // writes (expanded/collapsed) and the background's bookkeeping cost no round trip.
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'managed' && !(area === 'local' && (SETTINGS_KEY in changes || REMOTE_CONFIG_KEY in changes))) return;
    void askBackground({ kind: 'getOverlayConfig' }).then((config) => {
      if (config.ok && !signal.aborted) apply(config.value);
    });
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}

/**
 * Mount the overlay for one helpdesk page and keep it on the ticket in front of the agent. Everything
 * here is tied to the content-script context and dies with it; no error escapes into the host page.
 */
export async function mountOverlay(ctx: ContentScriptContext, adapter: HelpdeskAdapter): Promise<void> {
  const config = await askBackground({ kind: 'getOverlayConfig' });
  // An admin who named the helpdesks DeskLens runs on (policy or team configuration) has left this one out.
  if (config.ok && config.value.enabledHelpdesks && !config.value.enabledHelpdesks.includes(adapter.helpdesk)) return;
  const store = createOverlayStore();
  const signal = ctx.signal;
  followSettings(signal, store, config.ok ? config.value : undefined);

  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(undoTimer), { once: true });

  /** A score for this ticket's customer, credited by the background to whoever is signed in. */
  function feedbackFor(
    ticket: TicketContextInput,
    answer: { csat: number; round: 'initial' | 'follow_up' } & Omit<FeedbackExtras, 'dimensions'> &
      Partial<Pick<FeedbackExtras, 'dimensions'>>,
  ) {
    return {
      type: 'feedback' as const,
      helpdesk: ticket.helpdesk,
      ticketId: ticket.ticketId,
      customer: { id: ticket.requester?.id, email: ticket.requester?.email, name: ticket.requester?.name },
      retracted: false,
      tierId: store.insights.value?.tier?.id,
      ...answer,
    };
  }

  async function onScore(csat: number) {
    const ticket = store.ticket.value;
    if (!ticket) return;
    const answer = await askBackground({
      kind: 'captureFeedback',
      event: feedbackFor(ticket, { csat, round: 'initial' }),
    });
    if (answer.ok) {
      store.feedback.value = answer.value;
      store.detailsSaved.value = false;
      store.error.value = undefined;
      store.undoable.value = answer.value.eventId;
      clearTimeout(undoTimer);
      undoTimer = setTimeout(() => {
        store.undoable.value = undefined;
      }, UNDO_WINDOW_MS);
    } else store.error.value = translate('captureFailed', [answer.error]);
  }

  /** Amends the agent's score for this ticket with what else the customer said (it replaces it, never adds). */
  async function onSaveDetails(extras: FeedbackExtras) {
    const ticket = store.ticket.value;
    const current = store.feedback.value;
    if (!ticket || !current) return;
    const answer = await askBackground({
      kind: 'captureFeedback',
      event: feedbackFor(ticket, {
        csat: current.csat,
        round: 'initial',
        ...(extras.nps !== undefined ? { nps: extras.nps } : {}),
        ...(Object.keys(extras.dimensions).length ? { dimensions: extras.dimensions } : {}),
        ...(extras.comment ? { comment: extras.comment } : {}),
      }),
    });
    if (answer.ok && store.ticket.value?.ticketId === ticket.ticketId) {
      store.feedback.value = answer.value;
      store.detailsSaved.value = true;
      store.error.value = undefined;
    } else if (!answer.ok) store.error.value = translate('captureFailed', [answer.error]);
  }

  /** The second score after an improvement: its own round, so before and after can be compared. */
  async function onFollowUp(csat: number) {
    const ticket = store.ticket.value;
    if (!ticket) return;
    const answer = await askBackground({
      kind: 'captureFeedback',
      event: feedbackFor(ticket, { csat, round: 'follow_up' }),
    });
    if (answer.ok && store.ticket.value?.ticketId === ticket.ticketId) store.followUp.value = answer.value;
    else if (!answer.ok) store.error.value = translate('captureFailed', [answer.error]);
  }

  async function onUndo() {
    const eventId = store.undoable.value;
    const ticket = store.ticket.value;
    if (!eventId || !ticket) return;
    store.undoable.value = undefined;
    await askBackground({ kind: 'undoCapture', eventId });
    const current = await askBackground({
      kind: 'getTicketFeedback',
      helpdesk: ticket.helpdesk,
      ticketId: ticket.ticketId,
    });
    if (current.ok && store.ticket.value?.ticketId === ticket.ticketId) store.feedback.value = current.value.current;
  }

  // Alt+Shift+1…5 (or the agent's own keys) scores without leaving the keyboard; neither Zendesk nor Salesforce
  // binds the defaults.
  ctx.addEventListener(window, 'keydown', (event) => {
    const score = scoreFromKey(store.shortcuts.value.score, event);
    if (!score || !store.features.value.feedback || !store.ticket.value || store.state.value !== 'ready') return;
    event.preventDefault();
    void onScore(score);
  });

  // Whether an inserted script went out as it was, or edited (for trainers' figures), where sending can be seen.
  const sendWatch = createSendWatch((sent) => {
    void askBackground({
      kind: 'captureScriptUsage',
      event: {
        type: 'script_usage',
        helpdesk: sent.helpdesk,
        ticketId: sent.ticketId,
        scriptId: sent.scriptId,
        scriptVersion: sent.scriptVersion,
        action: 'sent',
        editedBeforeSend: sent.edited,
      },
    });
  });
  signal.addEventListener('abort', () => sendWatch.stop(), { once: true });

  async function onInsert(script: Insights['scripts'][number]) {
    const ticket = store.ticket.value;
    if (!ticket) return;
    const result: InsertResult = await adapter
      .insertReply(script.text)
      .catch(() => ({ inserted: false, detail: 'error' }));
    if (result.inserted) sendWatch.start(ticket, script, result.editor);
    let action: 'inserted' | 'copied' = 'inserted';
    if (!result.inserted) {
      // The editor could not take it: the clipboard is the fallback, and the agent is told so.
      const copied = await navigator.clipboard?.writeText(script.text).then(
        () => true,
        () => false,
      );
      if (!copied) {
        store.scriptStatus.value = { scriptId: script.id, message: translate('scriptInsertFailed') };
        return;
      }
      action = 'copied';
    }
    store.scriptStatus.value = {
      scriptId: script.id,
      message: translate(action === 'inserted' ? 'scriptInserted' : 'scriptCopied'),
    };
    void askBackground({
      kind: 'captureScriptUsage',
      event: {
        type: 'script_usage',
        helpdesk: ticket.helpdesk,
        ticketId: ticket.ticketId,
        scriptId: script.id,
        scriptVersion: script.version,
        action,
      },
    });
  }

  function onRate(script: Insights['scripts'][number], rating: 'rated_up' | 'rated_down') {
    const ticket = store.ticket.value;
    const status = store.scriptStatus.value;
    if (!ticket || !status || status.scriptId !== script.id || status.rated) return;
    store.scriptStatus.value = { ...status, rated: rating, message: translate('scriptRated') };
    void askBackground({
      kind: 'captureScriptUsage',
      event: {
        type: 'script_usage',
        helpdesk: ticket.helpdesk,
        ticketId: ticket.ticketId,
        scriptId: script.id,
        scriptVersion: script.version,
        action: rating,
      },
    });
  }

  // Searching asks the background (the catalog and its index live there) once typing pauses.
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;
  signal.addEventListener('abort', () => clearTimeout(searchTimer), { once: true });
  function onSearch(query: string) {
    store.searchQuery.value = query;
    clearTimeout(searchTimer);
    const ticket = store.ticket.value;
    if (!query.trim() || !ticket) {
      store.searchResults.value = undefined;
      return;
    }
    const seq = ++searchSeq;
    searchTimer = setTimeout(async () => {
      const answer = await askBackground({ kind: 'searchScripts', ticket, query });
      // Only the latest search counts, and only for the ticket it was typed on.
      if (seq !== searchSeq || store.ticket.value?.ticketId !== ticket.ticketId) return;
      store.searchResults.value = answer.ok ? answer.value : [];
    }, SEARCH_DEBOUNCE_MS);
  }

  // Alt+Shift+S (or the agent's own) opens the panel on the script search (free in Zendesk's and Salesforce's own
  // shortcut lists). A key already taken by scoring stays scoring's.
  ctx.addEventListener(window, 'keydown', (event) => {
    if (event.defaultPrevented || !store.features.value.scripts || !comboMatches(store.shortcuts.value.search, event))
      return;
    if (!overlayHost || store.state.value !== 'ready') return;
    event.preventDefault();
    store.expanded.value = true;
    const host = overlayHost;
    requestAnimationFrame(() => host.shadowRoot?.querySelector<HTMLInputElement>('#dl-script-search')?.focus());
  });

  // Remember expanded/collapsed: read once at start, written whenever the agent changes it.
  const saved = await browser.storage.local.get(EXPANDED_KEY).catch(() => ({}) as Record<string, unknown>);
  if (typeof saved[EXPANDED_KEY] === 'boolean') store.expanded.value = saved[EXPANDED_KEY];
  let lastExpanded = store.expanded.value;
  const stopRemember = effect(() => {
    const expanded = store.expanded.value;
    if (expanded === lastExpanded) return;
    lastExpanded = expanded;
    void browser.storage.local.set({ [EXPANDED_KEY]: expanded }).catch(() => undefined);
  });
  signal.addEventListener('abort', stopRemember, { once: true });

  let overlayHost: HTMLElement | undefined;
  // Escape inside the overlay closes the panel and leaves focus on its toggle; Escape elsewhere is the helpdesk's.
  ctx.addEventListener(window, 'keydown', (event) => {
    if (event.key !== 'Escape' || !overlayHost || !event.composedPath().includes(overlayHost)) return;
    if (!store.expanded.value) return;
    event.preventDefault();
    event.stopPropagation();
    store.expanded.value = false;
    overlayHost.shadowRoot?.querySelector<HTMLElement>('.dl-toggle')?.focus();
  });

  const lang = uiLanguage();
  const ui = await createShadowRootUi(ctx, {
    name: 'desklens-overlay',
    position: 'inline',
    // WXT's reset would be `:host { all: initial !important }`, which no inline style can outrank; the docking
    // needs the host's inline style (lib/overlay/dock.ts), which resets everything itself.
    inheritStyles: true,
    anchor: 'body',
    append: 'last',
    onMount(container, _shadow, host) {
      overlayHost = host;
      const stopReflect = reflectOnHost(host, adapter.helpdesk, store);
      render(
        <Overlay
          store={store}
          helpdesk={adapter.helpdesk}
          t={translate}
          lang={lang}
          urgentMs={URGENT_MS}
          onScore={onScore}
          onUndo={onUndo}
          onInsert={onInsert}
          onRate={onRate}
          onSearch={onSearch}
          onSaveDetails={onSaveDetails}
          onFollowUp={onFollowUp}
        />,
        container,
      );
      return stopReflect;
    },
    onRemove(stopReflect) {
      stopReflect?.();
    },
  });
  ui.mount();
  const dock = followDock(signal, adapter, () => overlayHost);

  // One ticker for every countdown on the page, stopped with the content script.
  ctx.setInterval(() => {
    store.now.value = Date.now();
  }, 1000);

  let requestSeq = 0;
  /**
   * The last figures shown for each ticket on this page. Switching back to a ticket shows them in the same task
   * (clocks count from absolute deadlines, so they are right), and the background's fresh answer follows.
   */
  const seen = new Map<string, { insights?: Insights; feedback?: CapturedFeedback }>();
  const seenKey = (ticket: TicketContextInput) => `${ticket.helpdesk}\u0000${ticket.ticketId}`;
  function remember(ticket: TicketContextInput, entry: { insights?: Insights; feedback?: CapturedFeedback }) {
    const key = seenKey(ticket);
    seen.delete(key);
    seen.set(key, entry);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.keys().next().value as string);
  }

  /** Show the figures last seen for this ticket at once (the background's fresh answer follows); false if none. */
  function showSeen(ticket: TicketContextInput): boolean {
    const known = seen.get(seenKey(ticket));
    if (!known?.insights) return false;
    store.insights.value = known.insights;
    store.feedback.value = known.feedback;
    store.now.value = Date.now();
    store.state.value = 'ready';
    return true;
  }

  function refresh(ticket: TicketContextInput) {
    // A newer ticket switch wins over a slower answer for the previous one.
    const seq = ++requestSeq;
    void Promise.all([
      askBackground({ kind: 'getTicketFeedback', helpdesk: ticket.helpdesk, ticketId: ticket.ticketId }),
      askBackground({ kind: 'getInsights', ticket }),
    ]).then(([feedback, insights]) => {
      if (seq !== requestSeq || signal.aborted) return;
      if (feedback.ok) store.feedback.value = feedback.value.current;
      if (insights.ok) store.insights.value = insights.value;
      store.now.value = Date.now();
      store.state.value = 'ready';
      remember(ticket, { insights: store.insights.value, feedback: store.feedback.value });
    });
  }
  ctx.setInterval(() => {
    const ticket = store.ticket.value;
    if (ticket && store.state.value === 'ready') refresh(ticket);
  }, INSIGHTS_REFRESH_MS);
  // A tab coming back from sleep or from the background gets fresh figures at once.
  ctx.addEventListener(document, 'visibilitychange', () => {
    const ticket = store.ticket.value;
    if (document.visibilityState === 'visible' && ticket) refresh(ticket);
  });

  let degradeTimer: ReturnType<typeof setTimeout> | undefined;
  let reportedMissing = '';
  signal.addEventListener('abort', () => clearTimeout(degradeTimer), { once: true });

  adapter.observe(signal, (snapshot) => {
    dock.schedule();
    sendWatch.observe(snapshot.ticket);
    const previousId = store.ticket.value?.ticketId;
    const ticket = snapshot.ticket;
    store.ticket.value = ticket;
    if (ticket?.ticketId !== previousId) {
      store.feedback.value = undefined;
      store.insights.value = undefined;
      store.scriptStatus.value = undefined;
      store.undoable.value = undefined;
      store.searchQuery.value = '';
      store.searchResults.value = undefined;
      store.followUp.value = undefined;
      store.detailsSaved.value = false;
      if (!(ticket && snapshot.missing.length === 0 && showSeen(ticket))) store.state.value = 'loading';
    }
    clearTimeout(degradeTimer);
    if (snapshot.missing.length > 0) {
      // Helpdesks render in stages: only a part still missing after the grace period means our selectors broke.
      if (store.state.value !== 'degraded') store.state.value = 'loading';
      degradeTimer = setTimeout(() => {
        store.missing.value = snapshot.missing;
        store.state.value = 'degraded';
        const key = snapshot.missing.join(',');
        if (key === reportedMissing) return;
        reportedMissing = key;
        void askBackground({
          kind: 'reportAdapterHealth',
          helpdesk: adapter.helpdesk,
          missing: snapshot.missing,
        });
      }, DEGRADED_AFTER_MS);
      return;
    }
    store.missing.value = [];
    reportedMissing = '';
    if (!ticket) {
      store.state.value = 'loading';
      return;
    }
    // The URL often names the new ticket before its pane is shown (the id changed while parts were missing): show
    // the figures last seen for it as soon as the pane is there, as for any switch back.
    if (!store.insights.value) showSeen(ticket);
    refresh(ticket);
  });
}
