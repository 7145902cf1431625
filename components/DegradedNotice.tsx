import type { Translate } from './i18n';

interface Props {
  t: Translate;
  /** Named in the message, so an admin reading a screenshot knows which adapter broke. */
  helpdesk: string;
  missing: string[];
}

/** The helpdesk page is not understood: which parts are missing, instead of another ticket's figures. */
export function DegradedNotice({ t, helpdesk, missing }: Props) {
  return (
    // Never a tab stop, in front or kept out of front (see OverlayPanel).
    <div class="dl-panel dl-degraded" role="status" tabIndex={-1}>
      {t('degraded', [`${helpdesk}: ${missing.join(', ')}`])}
    </div>
  );
}

/** Parts of the page read only in part, by field: the overlay still works, and says what its admin should fix. */
export function AdapterProblems({ t, helpdesk, problems }: { t: Translate; helpdesk: string; problems: string[] }) {
  return (
    <p class="dl-problems" role="status" data-problems={problems.length}>
      {t('adapterProblems', [`${helpdesk}: ${problems.join('; ')}`])}
    </p>
  );
}
