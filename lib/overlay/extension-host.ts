import type { Lang } from '../../components/format';
import type { HelpdeskAdapter } from '../adapters/types';
import { askBackground } from '../messaging';
import { scriptUsage } from './features/scripts';
import type { FeatureHost } from './features/types';
import { translate } from './i18n';
import { createSendWatch } from './send-watch';

/**
 * The language the extension's own strings were picked in, so data labels (tiers, clocks) match them. Asked of
 * the catalogue itself: Chromium can serve the zh_CN strings while `@@ui_locale` still says en_US.
 */
const uiLanguage = (): Lang => {
  const catalogue = translate('uiLanguage');
  return catalogue === 'zh_CN' || catalogue === 'zh_TW' ? catalogue : 'en';
};

/**
 * The browser extension as a host for the overlay's features: ticket context from the helpdesk adapter (the
 * page's DOM), insertion through the adapter, everything else through the background (its Dexie outbox syncs to
 * the backend; the content script holds no token). `onSnapshot` sees every snapshot first (docking follows it).
 */
export function createExtensionHost(
  adapter: HelpdeskAdapter,
  signal: AbortSignal,
  onSnapshot: () => void,
): FeatureHost {
  // Whether an inserted script went out as it was, or edited (for trainers' figures), where sending can be seen.
  const sendWatch = createSendWatch((sent) => {
    void askBackground({
      kind: 'captureScriptUsage',
      event: scriptUsage(sent, { id: sent.scriptId, version: sent.scriptVersion }, 'sent', {
        editedBeforeSend: sent.edited,
      }),
    });
  });
  signal.addEventListener('abort', () => sendWatch.stop(), { once: true });

  return {
    helpdesk: adapter.helpdesk,
    t: translate,
    lang: uiLanguage(),
    observe(observeSignal, emit) {
      adapter.observe(observeSignal, (snapshot) => {
        onSnapshot();
        sendWatch.observe(snapshot.ticket);
        emit(snapshot);
      });
    },
    insights: (ticket) => askBackground({ kind: 'getInsights', ticket }),
    searchScripts: (ticket, query) => askBackground({ kind: 'searchScripts', ticket, query }),
    captureFeedback: (event) => askBackground({ kind: 'captureFeedback', event }),
    async undoFeedback(eventId, ticket) {
      await askBackground({ kind: 'undoCapture', eventId });
      const current = await askBackground({
        kind: 'getTicketFeedback',
        helpdesk: ticket.helpdesk,
        ticketId: ticket.ticketId,
      });
      return current.ok ? { ok: true, value: current.value.current } : current;
    },
    captureScriptUsage(event) {
      void askBackground({ kind: 'captureScriptUsage', event });
    },
    reportHealth(missing) {
      void askBackground({ kind: 'reportAdapterHealth', helpdesk: adapter.helpdesk, missing });
    },
    insertReply: (text) => adapter.insertReply(text).catch(() => ({ inserted: false })),
    followSent(ticket, script, outcome) {
      sendWatch.start(ticket, script, outcome.editor);
    },
  };
}
