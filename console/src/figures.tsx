import { locale, t } from './i18n';
import { quality } from './state/quality';

/** Below this many answers (the admin's small-sample setting) a figure is tentative, never a confident number. */
export const isSmallN = (n: number) => n > 0 && n < quality.value.smallSampleBelow;

export interface Figure {
  value: number | null;
  n: number;
}

export function number(value: number, digits = 1): string {
  return new Intl.NumberFormat(locale.value, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function percent(value: number | null): string {
  return value === null ? '—' : `${number(value)}%`;
}

export function signed(value: number | null): string {
  return value === null
    ? '—'
    : new Intl.NumberFormat(locale.value, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
}

/** Milliseconds as minutes or hours, in the viewer's language. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = ms / 60_000;
  const unit = minutes >= 120 ? 'hour' : 'minute';
  return new Intl.NumberFormat(locale.value, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(unit === 'hour' ? minutes / 60 : minutes);
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso: string): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(new Date(iso));
}

/** The n under every figure, flagged when it is too small to rely on. */
export function NLabel({ n }: { n: number }) {
  if (isSmallN(n))
    return (
      <span class="n small-n" data-n={n} data-small-n="true">
        {t('common.smallN', { n })}
      </span>
    );
  return (
    <span class="n" data-n={n}>
      {t('common.n', { n })}
    </span>
  );
}

/** A headline figure: label, value (tentative when n is small), n. */
export function Stat({
  id,
  label,
  help,
  figure,
  show,
}: {
  id: string;
  label: string;
  help?: string;
  figure: Figure;
  show: (value: number | null) => string;
}) {
  const tentative = isSmallN(figure.n);
  return (
    <div class="stat" data-stat={id} data-value={figure.value ?? ''} data-n={figure.n}>
      <h3 class="stat-label" title={help}>
        {label}
      </h3>
      <p class={tentative ? 'stat-value tentative' : 'stat-value'}>
        {figure.n === 0 ? t('common.noData') : `${tentative ? '≈ ' : ''}${show(figure.value)}`}
      </p>
      <NLabel n={figure.n} />
      {help && <p class="stat-help">{help}</p>}
    </div>
  );
}
