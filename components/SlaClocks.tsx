import type { ReadonlySignal } from '@preact/signals';
import type { Insights } from '../lib/messaging';
import { formatDeadline, formatDuration, type Lang, labelIn } from './format';
import type { Translate } from './i18n';

interface Props {
  clocks: Insights['sla'];
  computedAt: number;
  /** The page's one shared ticker. */
  now: ReadonlySignal<number>;
  lang: Lang;
  t: Translate;
  urgentMs: number;
}

/**
 * Countdowns computed from the background's figures at `computedAt` and the shared ticker, never from a
 * per-clock timer, so every clock is right the moment a sleeping tab wakes.
 */
export function SlaClocks({ clocks, computedAt, now, lang, t, urgentMs }: Props) {
  if (clocks.length === 0) return <span class="dl-sla-none">{t('slaNone')}</span>;
  return (
    <ul class="dl-sla" aria-label={t('slaLabel')}>
      {clocks.map((clock, place) => {
        const left = clock.ticking ? clock.msLeft - (now.value - computedAt) : clock.msLeft;
        const level =
          clock.state === 'fulfilled'
            ? clock.level
            : left <= 0
              ? 'breached'
              : left <= urgentMs
                ? 'urgent'
                : clock.level === 'breached'
                  ? 'urgent'
                  : clock.level;
        const value =
          clock.state === 'fulfilled'
            ? t(clock.breached ? 'slaFulfilledLate' : 'slaFulfilled')
            : clock.state === 'paused'
              ? `${t('slaPaused')} · ${formatDuration(left)}`
              : formatDuration(left);
        return (
          <li
            // By place: a ticket switch rewrites the same items' texts rather than removing and making clocks.
            key={place}
            class="dl-clock"
            data-metric={clock.metric}
            data-level={level}
            data-state={clock.state}
          >
            <span class="dl-clock-label">{labelIn(clock.label, lang)}</span>
            <span class="dl-clock-value" title={clock.deadline ? formatDeadline(clock.deadline, lang) : undefined}>
              {value}
            </span>
            {clock.businessHours && (
              <span class="dl-clock-bh" title={t('slaBusinessHours')}>
                {t('slaBusinessHoursShort')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
