import type { CapturedFeedback } from '../lib/messaging';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  current: CapturedFeedback | undefined;
  onScore: (csat: number) => void;
  /** Set while the last score can still be taken back. */
  onUndo?: () => void;
  /** The modifiers that, with 1–5, score from the keyboard (`Alt+Shift`), when on. */
  keyModifiers?: string;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/** One click records the customer's satisfaction (1 = very dissatisfied, 5 = very satisfied). */
export function FeedbackScale({ t, current, onScore, onUndo, keyModifiers }: Props) {
  return (
    <fieldset class="dl-feedback" aria-label={t('feedbackLabel')}>
      {SCORES.map((score) => (
        <button
          type="button"
          key={score}
          class="dl-score"
          data-score={String(score)}
          aria-pressed={current?.csat === score}
          aria-keyshortcuts={keyModifiers ? `${keyModifiers}+${score}` : undefined}
          aria-label={t('feedbackScoreLabel', [String(score)])}
          onClick={() => onScore(score)}
        >
          {score}
        </button>
      ))}
      {current && (
        <span class="dl-sync" data-sync-state={current.syncState} role="status">
          {t(`syncState_${current.syncState}`)}
        </span>
      )}
      {onUndo && (
        <button type="button" class="dl-undo" onClick={onUndo}>
          {t('undoScore')}
        </button>
      )}
    </fieldset>
  );
}
