import type { TicketContextInput } from '../schema/ticket';

/** How long after inserting a script its reply is still watched for (an agent may get pulled away). */
const WATCH_MS = 30 * 60_000;

export interface SentScript {
  helpdesk: string;
  ticketId: string;
  scriptId: string;
  scriptVersion: number;
  edited: boolean;
}

const normalise = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const agentReplies = (ticket: TicketContextInput) =>
  (ticket.comments ?? []).filter((comment) => comment.authorRole === 'agent').length;

/**
 * Whether the agent edited an inserted script before sending it. The composer's text is followed from the moment
 * of insertion; the reply counts as sent when the ticket shows one more public agent comment than it did then
 * (helpdesks whose adapter reads the conversation: Zendesk), and it was edited when the composer's last text
 * differs from what it held right after the insertion. Where sending cannot be seen, nothing is reported.
 */
export function createSendWatch(onSent: (sent: SentScript) => void, now: () => number = Date.now) {
  let watch:
    | {
        sent: Omit<SentScript, 'edited'>;
        agentRepliesAtInsert: number;
        afterInsert: string;
        last: string;
        observer: MutationObserver;
        until: number;
      }
    | undefined;

  function stop() {
    watch?.observer.disconnect();
    watch = undefined;
  }

  return {
    /** Follow the composer that just took a script (the previous watch, if any, is dropped). */
    start(ticket: TicketContextInput, script: { id: string; version: number }, editor: HTMLElement | undefined) {
      stop();
      if (!editor || ticket.comments === undefined) return;
      const afterInsert = normalise(editor.textContent);
      const observer = new MutationObserver(() => {
        const text = normalise(editor.textContent);
        // Sending empties the composer: the last non-empty text is what went out.
        if (watch && text) watch.last = text;
      });
      observer.observe(editor, { subtree: true, childList: true, characterData: true });
      watch = {
        sent: {
          helpdesk: ticket.helpdesk,
          ticketId: ticket.ticketId,
          scriptId: script.id,
          scriptVersion: script.version,
        },
        agentRepliesAtInsert: agentReplies(ticket),
        afterInsert,
        last: afterInsert,
        observer,
        until: now() + WATCH_MS,
      };
    },
    /** Each snapshot of the ticket in front of the agent. */
    observe(ticket: TicketContextInput | undefined) {
      if (!watch) return;
      if (now() > watch.until) return stop();
      if (!ticket || ticket.ticketId !== watch.sent.ticketId || ticket.helpdesk !== watch.sent.helpdesk) return;
      if (agentReplies(ticket) <= watch.agentRepliesAtInsert) return;
      const sent = { ...watch.sent, edited: watch.last !== watch.afterInsert };
      stop();
      onSent(sent);
    },
    stop,
  };
}
