import type { ComponentChildren } from 'preact';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  /** The ticket in front of the agent; undefined while none is known yet. */
  ticket: { ticketId: string; subject?: string; requester?: { name?: string } } | undefined;
  expanded: boolean;
  onToggle: () => void;
  /** What sits in the top bar after the ticket number (badge, score). */
  bar: ComponentChildren;
  /** Always shown under the ticket line (clocks). */
  summary: ComponentChildren;
  /** The expandable part, when there is something to show; nothing of it is rendered while collapsed. */
  details?: ComponentChildren;
  footer: ComponentChildren;
}

/**
 * The overlay's frame: a bar with the ticket and a show/hide toggle, the ticket's subject and requester, what is
 * always shown, and the details. Every ticket value comes from the helpdesk page: rendered as text only.
 */
export function OverlayPanel({ t, ticket, expanded, onToggle, bar, summary, details, footer }: Props) {
  return (
    <section class="dl-panel" aria-label={t('overlayLabel')}>
      <div class="dl-bar">
        <span class="dl-ticket">{ticket ? t('ticketLabel', [ticket.ticketId]) : t('loading')}</span>
        {bar}
        <button type="button" class="dl-toggle" aria-expanded={expanded} aria-controls="dl-details" onClick={onToggle}>
          {t(expanded ? 'hideDetails' : 'showDetails')}
        </button>
      </div>
      {ticket && (
        <p class="dl-summary">
          <span class="dl-subject">{ticket.subject ?? ''}</span>
          {ticket.requester?.name && <span class="dl-requester">{t('requesterLabel', [ticket.requester.name])}</span>}
        </p>
      )}
      {summary}
      {expanded && details !== undefined && (
        <div id="dl-details" class="dl-details">
          {details}
        </div>
      )}
      {footer}
    </section>
  );
}
