import type { ComponentChildren } from 'preact';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  /** The ticket's number in the bar (TicketNumber). */
  ticketLine: ComponentChildren;
  /** The ticket's subject and requester under the bar (TicketSummary). */
  ticketSummary: ComponentChildren;
  expanded: boolean;
  onToggle: () => void;
  /** What sits in the top bar after the ticket number (badge, score). */
  bar: ComponentChildren;
  /** Always shown under the ticket line (clocks). */
  summary: ComponentChildren;
  /** The expandable part; nothing of it is rendered while collapsed. */
  details: ComponentChildren;
  footer: ComponentChildren;
}

/** The overlay's frame: a bar with the ticket and a show/hide toggle, what is always shown, and the details. */
export function OverlayPanel({
  t,
  ticketLine,
  ticketSummary,
  expanded,
  onToggle,
  bar,
  summary,
  details,
  footer,
}: Props) {
  // Out of the tab order itself (its controls are in it): a kept panel out of front has its contents skipped
  // (components/overlay.css), and Chromium makes a scroll container with no focusable contents a tab stop of its own.
  return (
    <section class="dl-panel" aria-label={t('overlayLabel')} tabIndex={-1}>
      <div class="dl-bar">
        {ticketLine}
        {bar}
        <button type="button" class="dl-toggle" aria-expanded={expanded} aria-controls="dl-details" onClick={onToggle}>
          {t(expanded ? 'hideDetails' : 'showDetails')}
        </button>
      </div>
      {ticketSummary}
      {summary}
      {expanded && (
        <div id="dl-details" class="dl-details">
          {details}
        </div>
      )}
      {footer}
    </section>
  );
}

/** "Ticket 1001", or loading while no ticket is known. */
export function TicketNumber({ t, ticketId }: { t: Translate; ticketId: string | undefined }) {
  return <span class="dl-ticket">{ticketId ? t('ticketLabel', [ticketId]) : t('loading')}</span>;
}

/** The ticket's subject and requester: the helpdesk's text, rendered as text only. */
export function TicketSummary({ t, subject, requester }: { t: Translate; subject?: string; requester?: string }) {
  return (
    <p class="dl-summary">
      <span class="dl-subject">{subject ?? ''}</span>
      {requester && <span class="dl-requester">{t('requesterLabel', [requester])}</span>}
    </p>
  );
}
