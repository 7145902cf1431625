import type { OverlayStore } from '../lib/overlay/state';
import { FeedbackScale } from './FeedbackScale';
import type { Translate } from './i18n';

interface Props {
  store: OverlayStore;
  t: Translate;
  onScore: (csat: number) => void;
}

export function Overlay({ store, t, onScore }: Props) {
  const ticket = store.ticket.value;
  if (store.state.value === 'degraded') {
    return (
      <div class="dl-bar dl-degraded" role="status">
        {t('degraded', [store.missing.value.join(', ')])}
      </div>
    );
  }
  return (
    <section class="dl-bar" aria-label={t('overlayLabel')}>
      <span class="dl-ticket">{ticket ? t('ticketLabel', [ticket.ticketId]) : t('loading')}</span>
      {ticket && <FeedbackScale t={t} current={store.feedback.value} onScore={onScore} />}
      {store.error.value && (
        <span class="dl-error" role="alert">
          {store.error.value}
        </span>
      )}
    </section>
  );
}
