import type { Insights } from '../lib/messaging';
import { type Lang, labelIn } from './format';
import type { Translate } from './i18n';

interface Props {
  tier: NonNullable<Insights['tier']>;
  lang: Lang;
  t: Translate;
}

/** The customer's tier; focus or hover shows which rules put them there, their last scores and open complaints. */
export function TierBadge({ tier, lang, t }: Props) {
  const reasonsId = `dl-tier-reasons-${tier.id}`;
  const history = tier.history ?? {};
  return (
    <span class="dl-tier">
      <button
        type="button"
        class="dl-tier-badge"
        style={{ background: tier.colour }}
        aria-describedby={reasonsId}
        data-tier-id={tier.id}
      >
        {labelIn(tier.label, lang)}
      </button>
      <span class="dl-lifecycle">{t(`lifecycle_${tier.lifecycle}`)}</span>
      <span class="dl-tier-reasons" id={reasonsId} role="tooltip">
        <strong>{t('tierReasonsTitle')}</strong>
        <ul>
          {tier.reasons.map((reason, place) => (
            <li key={place}>{labelIn(reason, lang)}</li>
          ))}
        </ul>
        {(history.lastCsat !== undefined || history.lastNps !== undefined || history.openComplaints !== undefined) && (
          <ul class="dl-tier-history">
            {history.lastCsat !== undefined && (
              <li data-history="lastCsat">{t('tierLastCsat', [String(history.lastCsat)])}</li>
            )}
            {history.lastNps !== undefined && (
              <li data-history="lastNps">{t('tierLastNps', [String(history.lastNps)])}</li>
            )}
            {history.openComplaints !== undefined && (
              <li data-history="openComplaints">{t('tierOpenComplaints', [String(history.openComplaints)])}</li>
            )}
          </ul>
        )}
      </span>
    </span>
  );
}
