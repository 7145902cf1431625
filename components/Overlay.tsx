import type { Insights } from '../lib/messaging';
import { describeShortcut, type KeyCombo } from '../lib/overlay/shortcuts';
import type { OverlayStore } from '../lib/overlay/state';
import { FeedbackDetails, type FeedbackExtras } from './FeedbackDetails';
import { FeedbackScale } from './FeedbackScale';
import type { Lang } from './format';
import type { Translate } from './i18n';
import { ScriptSearch } from './ScriptSearch';
import { ScriptSuggestions } from './ScriptSuggestions';
import { SlaClocks } from './SlaClocks';
import { TierBadge } from './TierBadge';

interface Props {
  store: OverlayStore;
  /** Named in the degraded message, so an admin reading a screenshot knows which adapter broke. */
  helpdesk: string;
  t: Translate;
  lang: Lang;
  urgentMs: number;
  onScore: (csat: number) => void;
  onUndo: () => void;
  onInsert: (script: Insights['scripts'][number]) => void;
  onRate: (script: Insights['scripts'][number], rating: 'rated_up' | 'rated_down') => void;
  onSearch: (query: string) => void;
  onSaveDetails: (extras: FeedbackExtras) => void;
  onFollowUp: (csat: number) => void;
}

export function Overlay({
  store,
  helpdesk,
  t,
  lang,
  urgentMs,
  onScore,
  onUndo,
  onInsert,
  onRate,
  onSearch,
  onSaveDetails,
  onFollowUp,
}: Props) {
  const ticket = store.ticket.value;
  if (store.state.value === 'degraded') {
    return (
      <div class="dl-panel dl-degraded" role="status">
        {t('degraded', [`${helpdesk}: ${store.missing.value.join(', ')}`])}
      </div>
    );
  }
  const insights = store.insights.value;
  const expanded = store.expanded.value;
  // What the organisation switched off (policy, team configuration or the agent's options) is not shown at all.
  const on = store.features.value;
  return (
    <section class="dl-panel" aria-label={t('overlayLabel')}>
      <div class="dl-bar">
        <span class="dl-ticket">{ticket ? t('ticketLabel', [ticket.ticketId]) : t('loading')}</span>
        {on.tierBadge && insights?.tier && <TierBadge tier={insights.tier} lang={lang} t={t} />}
        {on.feedback && ticket && (
          <FeedbackScale
            t={t}
            current={store.feedback.value}
            onScore={onScore}
            onUndo={store.undoable.value ? onUndo : undefined}
            keyModifiers={describeShortcut(store.shortcuts.value.score)}
          />
        )}
        <button
          type="button"
          class="dl-toggle"
          aria-expanded={expanded}
          aria-controls="dl-details"
          onClick={() => {
            store.expanded.value = !expanded;
          }}
        >
          {t(expanded ? 'hideDetails' : 'showDetails')}
        </button>
      </div>
      {ticket && (
        <p class="dl-summary">
          <span class="dl-subject">{ticket.subject ?? ''}</span>
          {ticket.requester?.name && <span class="dl-requester">{t('requesterLabel', [ticket.requester.name])}</span>}
        </p>
      )}
      {on.slaClocks && insights && (
        <SlaClocks
          clocks={insights.sla}
          computedAt={insights.computedAt}
          now={store.now}
          lang={lang}
          t={t}
          urgentMs={urgentMs}
        />
      )}
      {expanded && insights && (
        <div id="dl-details" class="dl-details">
          {on.feedback && store.feedback.value && (
            <FeedbackDetails
              t={t}
              current={store.feedback.value}
              followUp={store.followUp.value}
              saved={store.detailsSaved.value}
              onSave={onSaveDetails}
              onFollowUp={onFollowUp}
            />
          )}
          {on.scripts && <h2 class="dl-heading">{t('scriptsLabel')}</h2>}
          {on.scripts && (
            <ScriptSearch
              t={t}
              query={store.searchQuery.value}
              results={store.searchResults.value}
              onQuery={onSearch}
              onInsert={onInsert}
              onRate={onRate}
              status={store.scriptStatus.value}
              keyShortcut={searchKeys(store.shortcuts.value.search)}
            />
          )}
          {on.scripts && !store.searchQuery.value.trim() && (
            <ScriptSuggestions
              scripts={insights.scripts}
              t={t}
              onInsert={onInsert}
              onRate={onRate}
              status={store.scriptStatus.value}
            />
          )}
        </div>
      )}
      {store.problems.value.length > 0 && (
        <p class="dl-problems" role="status" data-problems={store.problems.value.length}>
          {t('adapterProblems', [store.problems.value.join('; ')])}
        </p>
      )}
      {store.error.value && (
        <p class="dl-error" role="alert">
          {store.error.value}
        </p>
      )}
    </section>
  );
}

/** `Alt+Shift+S` for a combination (aria-keyshortcuts names keys as the key's own character). */
function searchKeys(combo: KeyCombo | null): string | undefined {
  return combo ? describeShortcut(combo, combo.code.replace(/^(Key|Digit)/, '')) : undefined;
}
