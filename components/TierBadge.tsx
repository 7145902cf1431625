import type { Insights } from '../lib/messaging';
import type { Lang } from './format';
import type { Translate } from './i18n';

interface Props {
  tier: NonNullable<Insights['tier']>;
  lang: Lang;
  t: Translate;
}

/** The customer's tier; focus or hover shows which rules put them there. */
export function TierBadge({ tier, lang, t }: Props) {
  const reasonsId = `dl-tier-reasons-${tier.id}`;
  return (
    <span class="dl-tier">
      <button
        type="button"
        class="dl-tier-badge"
        style={{ background: tier.colour }}
        aria-describedby={reasonsId}
        data-tier-id={tier.id}
      >
        {tier.label[lang]}
      </button>
      <span class="dl-lifecycle">{t(`lifecycle_${tier.lifecycle}`)}</span>
      <span class="dl-tier-reasons" id={reasonsId} role="tooltip">
        <strong>{t('tierReasonsTitle')}</strong>
        <ul>
          {tier.reasons.map((reason) => (
            <li key={reason.en}>{reason[lang]}</li>
          ))}
        </ul>
      </span>
    </span>
  );
}
