import { z } from 'zod';
import { BusinessCalendar, SlaPolicy } from '../../../../lib/schema/sla';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICIES } from '../../../../lib/sla';
import { locale, t } from '../../i18n';
import { Calendars } from './Calendars';
import { SaveBar } from './SaveBar';
import { SlaPolicies } from './SlaPolicies';
import { SlaTester } from './SlaTester';
import { useRuleSet } from './useRuleSet';

/** SLA policies and business-hours calendars (saved separately: two rule sets), and the deadlines tester. */
export default function SlaRules() {
  const policies = useRuleSet<SlaPolicy[]>('sla-policies', z.array(SlaPolicy), () =>
    structuredClone(DEFAULT_SLA_POLICIES),
  );
  const calendars = useRuleSet<BusinessCalendar[]>('calendars', z.array(BusinessCalendar), () => [
    structuredClone(DEFAULT_CALENDAR),
  ]);
  const failed = policies.loadError ?? calendars.loadError;
  if (failed) return <p role="alert">{t('rules.loadFailed', { message: failed })}</p>;
  if (!policies.draft || !calendars.draft) return <p role="status">{t('rules.loading')}</p>;
  return (
    <div class="rules-split">
      <div>
        <form class="rules-form" aria-labelledby="calendars-title" onSubmit={(e) => e.preventDefault()}>
          <h2 id="calendars-title">{t('rules.calendars.title')}</h2>
          {calendars.loaded?.base === null && <p class="hint">{t('rules.defaults')}</p>}
          <Calendars editor={calendars} />
          <SaveBar editor={calendars} name={t('rules.calendars.title')} />
        </form>
        <form class="rules-form" aria-labelledby="policies-title" onSubmit={(e) => e.preventDefault()}>
          <h2 id="policies-title">{t('rules.policies.title')}</h2>
          <p class="hint">{t('rules.policies.hint')}</p>
          {policies.loaded?.base === null && <p class="hint">{t('rules.defaults')}</p>}
          <SlaPolicies editor={policies} calendarIds={calendars.draft.map((c) => c.id)} />
          <SaveBar editor={policies} name={t('rules.policies.title')} />
        </form>
      </div>
      <SlaTester policies={policies.draft} calendars={calendars.draft} localeTag={locale.value} />
    </div>
  );
}
