import { useState } from 'preact/hooks';
import { SATISFACTION_DIMENSIONS as DIMENSIONS, type SatisfactionDimension as Dimension } from '../lib/core';
import type { CapturedFeedback } from '../lib/messaging';
import type { Translate } from './i18n';

export interface FeedbackExtras {
  nps?: number;
  dimensions: Partial<Record<Dimension, number>>;
  comment?: string;
}

interface Props {
  t: Translate;
  current: CapturedFeedback;
  followUp: CapturedFeedback | undefined;
  onSave: (extras: FeedbackExtras) => void;
  onFollowUp: (csat: number) => void;
  saved: boolean;
}

/**
 * What the customer said beyond the one-click score, all optional: NPS, the six dimensions, a comment, and after
 * an improvement a follow-up score. Saving amends the same score (it replaces it; it never counts twice).
 */
export function FeedbackDetails({ t, current, followUp, onSave, onFollowUp, saved }: Props) {
  const [open, setOpen] = useState(false);
  const [nps, setNps] = useState<string>('');
  const [dimensions, setDimensions] = useState<Partial<Record<Dimension, number>>>({});
  const [comment, setComment] = useState('');
  return (
    <div class="dl-more">
      <button
        type="button"
        class="dl-more-toggle"
        aria-expanded={open}
        aria-controls="dl-more-form"
        onClick={() => setOpen(!open)}
      >
        {t('feedbackDetails', [String(current.csat)])}
      </button>
      {open && (
        <form
          id="dl-more-form"
          class="dl-more-form"
          onSubmit={(event) => {
            event.preventDefault();
            onSave({
              ...(nps === '' ? {} : { nps: Number(nps) }),
              dimensions,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            });
          }}
        >
          <label class="dl-field">
            <span>{t('npsLabel')}</span>
            <select
              value={nps}
              data-field="nps"
              onChange={(event) => setNps((event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t('notAsked')}</option>
              {Array.from({ length: 11 }, (_, score) => (
                <option key={score} value={String(score)}>
                  {score}
                </option>
              ))}
            </select>
          </label>
          {DIMENSIONS.map((dimension) => (
            <label class="dl-field" key={dimension}>
              <span>{t(`dimension_${dimension}`)}</span>
              <select
                data-field={dimension}
                value={dimensions[dimension] === undefined ? '' : String(dimensions[dimension])}
                onChange={(event) => {
                  const value = (event.currentTarget as HTMLSelectElement).value;
                  const next = { ...dimensions };
                  if (value === '') delete next[dimension];
                  else next[dimension] = Number(value);
                  setDimensions(next);
                }}
              >
                <option value="">{t('notAsked')}</option>
                {[1, 2, 3, 4, 5].map((score) => (
                  <option key={score} value={String(score)}>
                    {score}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label class="dl-field dl-field-wide">
            <span>{t('commentLabel')}</span>
            <textarea
              data-field="comment"
              maxLength={2000}
              rows={2}
              value={comment}
              onInput={(event) => setComment((event.currentTarget as HTMLTextAreaElement).value)}
            />
          </label>
          <button type="submit" class="dl-save">
            {t('saveDetails')}
          </button>
          {saved && (
            <span class="dl-saved" role="status">
              {t('detailsSaved')}
            </span>
          )}
          <fieldset class="dl-feedback dl-follow-up">
            <legend>{t('followUpLabel')}</legend>
            {[1, 2, 3, 4, 5].map((score) => (
              <button
                type="button"
                key={score}
                class="dl-score"
                data-follow-up={String(score)}
                aria-pressed={followUp?.csat === score}
                aria-label={t('followUpScoreLabel', [String(score)])}
                onClick={() => onFollowUp(score)}
              >
                {score}
              </button>
            ))}
          </fieldset>
        </form>
      )}
    </div>
  );
}
