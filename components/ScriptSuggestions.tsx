import type { Insights } from '../lib/messaging';
import type { SuggestionReason } from '../lib/scripts/rank';
import type { Translate } from './i18n';

type Script = Insights['scripts'][number];

/** What became of the script the agent last used, and their thumbs for it. */
export interface ScriptStatus {
  scriptId: string;
  message: string;
  rated?: 'rated_up' | 'rated_down';
}

interface Props {
  scripts: Script[];
  t: Translate;
  onInsert: (script: Script) => void;
  /** Thumbs up or down for trainers, offered once a script went into the reply. */
  onRate: (script: Script, rating: 'rated_up' | 'rated_down') => void;
  status?: ScriptStatus;
}

function reasonText(reason: SuggestionReason, t: Translate): string {
  switch (reason.kind) {
    case 'words':
      return t('reasonWords', [reason.terms.join(', ')]);
    case 'tag':
      return t('reasonTag', [reason.tag]);
    case 'tier':
      return t('reasonTier', [reason.tier]);
    case 'phrase':
      return t('reasonPhrase', [reason.phrase]);
    case 'synonym':
      return t('reasonSynonym', [reason.said, reason.means]);
    case 'grade':
      return t(reason.grade === 'urgent' ? 'reasonUrgent' : 'reasonComplaint');
    case 'general':
      return t(
        reason.grade === 'normal' ? 'reasonOpening' : reason.grade === 'urgent' ? 'reasonUrgent' : 'reasonComplaint',
      );
    case 'learned':
      return t('reasonLearned', [String(reason.rate), String(Math.round(reason.n))]);
    case 'situation':
      return t('reasonSituation', [String(reason.share)]);
    case 'restricted':
      return t('reasonRestricted', [reason.tiers.join(', ')]);
  }
}

/** The script's language for the browser (fonts, screen readers): a Traditional text is not read as Simplified. */
const BCP47 = { en: 'en', zh_CN: 'zh-CN', zh_TW: 'zh-TW' } as const;

/** The top scripts for this ticket, filled in, with why each was suggested; Insert puts one in the reply. */
export function ScriptSuggestions({ scripts, t, onInsert, onRate, status }: Props) {
  if (scripts.length === 0) return <p class="dl-scripts-none">{t('scriptsNone')}</p>;
  return (
    <ol class="dl-scripts" aria-label={t('scriptsLabel')}>
      {/* Keyed by place, not by script: a switch rewrites the texts of the same items (items hold no state of their
          own) instead of removing and creating every element of the list on the helpdesk's main thread. */}
      {scripts.map((script, place) => (
        <li key={place} class="dl-script" data-script={script.id}>
          <div class="dl-script-head">
            <span class="dl-script-title">{script.title}</span>
            <button type="button" class="dl-insert" data-script-id={script.id} onClick={() => onInsert(script)}>
              {t('insertScript')}
            </button>
          </div>
          {script.convertedFrom && (
            <p class="dl-script-converted" data-converted-from={script.convertedFrom}>
              {t('scriptConverted')}
            </p>
          )}
          <p class="dl-script-preview" lang={BCP47[script.locale]}>
            {script.text}
          </p>
          {script.missing.length > 0 && (
            <p class="dl-script-missing">{t('scriptMissing', [script.missing.join(', ')])}</p>
          )}
          <p class="dl-script-why">{script.reasons.map((reason) => reasonText(reason, t)).join(' · ')}</p>
          {status?.scriptId === script.id && (
            <div class="dl-script-after">
              <p class="dl-script-status" role="status">
                {status.message}
              </p>
              <fieldset class="dl-rate">
                <legend class="dl-rate-legend">{t('rateScript')}</legend>
                {(['rated_up', 'rated_down'] as const).map((rating) => (
                  <button
                    key={rating}
                    type="button"
                    class="dl-rate-button"
                    data-rating={rating}
                    aria-pressed={status.rated === rating}
                    aria-label={t(rating === 'rated_up' ? 'rateUp' : 'rateDown')}
                    onClick={() => onRate(script, rating)}
                  >
                    {rating === 'rated_up' ? '👍' : '👎'}
                  </button>
                ))}
              </fieldset>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
