import type { Lang } from '../../../components/format';
import type { Insights } from '../../../lib/messaging';
import { ticketKey } from '../../../lib/overlay/features/runtime';
import type { FeatureHost, SuggestedScript, TicketSnapshot } from '../../../lib/overlay/features/types';
import type { Backend } from './backend';
import { translator } from './i18n';
import type { Outbox } from './outbox';
import { readTicket, readTicketTimeline } from './ticket';
import type { ZafClient } from './zaf';

/** ZAF events after which the ticket is read again (Support API: ticket events). */
const TICKET_EVENTS = ['ticket.updated', 'ticket.comments.changed', 'ticket.requester.id.changed', 'app.activated'];

/**
 * The Zendesk sidebar app as a host for the overlay's features: the ticket from Zendesk's own data and events,
 * insertion through Zendesk's editor API, figures from the backend (`POST /api/v1/insights`) through Zendesk's
 * proxy with the secure token, scores and usage through the frame's offline-first outbox.
 */
export function createZendeskHost(options: {
  client: ZafClient;
  backend: Backend;
  outbox: Outbox;
  lang: Lang;
}): FeatureHost {
  const { client, backend, outbox, lang } = options;
  return {
    helpdesk: 'zendesk',
    t: translator(lang),
    lang,
    observe(signal, emit) {
      let last = '';
      let timeline: Awaited<ReturnType<typeof readTicketTimeline>>;
      let timelineFor = '';
      const send = (snapshot: TicketSnapshot) => {
        const key = JSON.stringify(snapshot);
        if (key === last || signal.aborted) return;
        last = key;
        emit(snapshot);
      };
      const read = async () => {
        const ticket = await readTicket(client).catch(() => undefined);
        if (!ticket) return send({ missing: [] });
        const merged = () =>
          send({ ticket: timelineFor === ticket.ticketId ? { ...ticket, ...timeline } : ticket, missing: [] });
        merged();
        // Zendesk's SLA targets and conversation times follow; the badge and clocks do not wait for them.
        const found = await readTicketTimeline(client, ticket.ticketId);
        if (found) {
          timeline = found;
          timelineFor = ticket.ticketId;
          merged();
        }
      };
      for (const event of TICKET_EVENTS) client.on(event, () => void read());
      void read();
    },
    async insights(ticket) {
      const key = ticketKey(ticket);
      const [answer, feedback] = await Promise.all([
        backend.post('/api/v1/insights', { ticket }),
        // Storage the browser denies costs the score shown, not the figures.
        outbox.currentScore(ticket.helpdesk, ticket.ticketId).catch(() => undefined),
      ]);
      if (answer.status === 200 && typeof answer.body === 'object' && answer.body !== null) {
        const figures = answer.body as Insights;
        void outbox.rememberFigures(key, figures).catch(() => undefined);
        return { ok: true, value: { ...figures, ...(feedback ? { feedback } : {}) } };
      }
      // The backend is out of reach: the last figures seen for this ticket (clocks count from absolute deadlines).
      const known = await outbox.lastFigures(key).catch(() => undefined);
      if (known) return { ok: true, value: { ...known, ...(feedback ? { feedback } : {}) } };
      return { ok: false, error: `the DeskLens server answered ${answer.status || 'nothing'}` };
    },
    async searchScripts(ticket, query) {
      const answer = await backend.post('/api/v1/insights/search', { ticket, query });
      const scripts = (answer.body as { scripts?: SuggestedScript[] } | undefined)?.scripts;
      return answer.status === 200 && Array.isArray(scripts)
        ? { ok: true, value: scripts }
        : { ok: false, error: `the DeskLens server answered ${answer.status || 'nothing'}` };
    },
    async captureFeedback(event) {
      try {
        return { ok: true, value: await outbox.captureFeedback(event) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    async undoFeedback(eventId) {
      return { ok: true, value: await outbox.undoFeedback(eventId) };
    },
    captureScriptUsage(event) {
      void outbox.captureUsage(event);
    },
    reportHealth() {
      // Zendesk's own data has no selectors to break: nothing to report.
    },
    async insertReply(text) {
      // Into the composer of this instance's ticket, at the cursor (Ticket editor API); Zendesk routes it.
      return client.invoke('ticket.editor.insert', text).then(
        () => ({ inserted: true }),
        () => ({ inserted: false }),
      );
    },
  };
}
