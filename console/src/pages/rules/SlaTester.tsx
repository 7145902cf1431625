import { useState } from 'preact/hooks';
import { z } from 'zod';
import { BusinessCalendar, SlaPolicy } from '../../../../lib/schema/sla';
import { TicketPriority, TicketStatus } from '../../../../lib/schema/ticket';
import { evaluateSla, METRIC_LABELS } from '../../../../lib/sla';
import { instantOf } from '../../../../lib/sla/zoned-time';
import { t } from '../../i18n';
import { inLocale } from './bilingual';
import { Field, listOf } from './Field';

type Step = { kind: 'customer' | 'agent' | 'status'; at: string; status: TicketStatus };

/** A datetime-local value read as wall time in `zone` (what the admin means when they think in the calendar's zone). */
function instant(local: string, zone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  try {
    return instantOf(y as number, mo as number, d as number, (h as number) * 60 + (mi as number), zone);
  } catch {
    return undefined;
  }
}

function wallClock(iso: string, zone: string, localeTag: string) {
  try {
    return new Intl.DateTimeFormat(localeTag, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zone,
      weekday: 'short',
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

const minutes = (ms: number) => `${ms < 0 ? '−' : ''}${Math.round(Math.abs(ms) / 60_000)}`;

/**
 * Deadlines for a sample ticket under the draft policies and calendars, by lib/sla's evaluateSla — the overlay's
 * own clocks — so the admin sees the deadlines agents will see before saving.
 */
export function SlaTester(props: { policies: SlaPolicy[]; calendars: BusinessCalendar[]; localeTag: string }) {
  const zoneDefault = props.calendars[0]?.timeZone ?? 'UTC';
  const [zone, setZone] = useState(zoneDefault);
  const [ticket, setTicket] = useState({
    tier: 'general',
    priority: 'normal' as TicketPriority,
    channel: 'email',
    tags: '',
    subject: '',
    created: '',
    now: '',
  });
  const [steps, setSteps] = useState<Step[]>([]);

  const policies = z.array(SlaPolicy).safeParse(props.policies);
  const calendars = z.array(BusinessCalendar).safeParse(props.calendars);
  const created = instant(ticket.created, zone);
  const now = ticket.now ? instant(ticket.now, zone) : Date.now();
  const problems: Record<string, string> = {};
  if (created === undefined) problems.created = t('rules.sla.needCreated');
  if (now === undefined) problems.now = t('rules.sla.badTime');
  const timed = steps.map((step) => ({ ...step, instant: instant(step.at, zone) }));
  timed.forEach((step, index) => {
    if (step.instant === undefined) problems[`step.${index}`] = t('rules.sla.badTime');
  });

  let outcome: ReturnType<typeof evaluateSla> | undefined;
  if (
    policies.success &&
    calendars.success &&
    created !== undefined &&
    now !== undefined &&
    Object.keys(problems).length === 0
  ) {
    const iso = (at: number) => new Date(at).toISOString();
    const statusHistory = timed
      .filter((s) => s.kind === 'status')
      .map((s) => ({ status: s.status, at: iso(s.instant as number) }));
    outcome = evaluateSla({
      ticket: {
        createdAt: iso(created),
        status: statusHistory.at(-1)?.status ?? 'new',
        statusHistory: statusHistory.length ? [{ status: 'new', at: iso(created) }, ...statusHistory] : [],
        comments: [
          { authorRole: 'customer', at: iso(created) },
          ...timed
            .filter((s) => s.kind !== 'status')
            .map((s) => ({ authorRole: s.kind as 'customer' | 'agent', at: iso(s.instant as number) })),
        ],
        priority: ticket.priority,
        channel: ticket.channel || undefined,
        tags: listOf(ticket.tags),
        subject: ticket.subject || undefined,
        latestCustomerMessage: undefined,
        group: undefined,
      },
      tier: ticket.tier || undefined,
      policies: policies.data,
      calendars: calendars.data.length ? calendars.data : undefined,
      now,
    });
  }
  const set = (key: keyof typeof ticket) => (e: Event) =>
    setTicket({ ...ticket, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section class="rules-tester panel" aria-labelledby="sla-tester-title">
      <h2 id="sla-tester-title">{t('rules.tester.sla.title')}</h2>
      <div class="rules-grid">
        <Field path="zone" label={t('rules.sla.zone')} issues={{}}>
          {(attrs) => (
            <input {...attrs} list="rules-zones" value={zone} onChange={(e) => setZone(e.currentTarget.value.trim())} />
          )}
        </Field>
        <Field path="tier" label={t('rules.sla.tier')} issues={{}}>
          {(attrs) => <input {...attrs} value={ticket.tier} onInput={set('tier')} />}
        </Field>
        <Field path="priority" label={t('rules.sla.priority')} issues={{}}>
          {(attrs) => (
            <select {...attrs} value={ticket.priority} onChange={set('priority')}>
              {TicketPriority.options.map((p) => (
                <option key={p} value={p}>
                  {t(`rules.priority.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="channel" label={t('rules.sla.channel')} issues={{}}>
          {(attrs) => <input {...attrs} value={ticket.channel} onInput={set('channel')} />}
        </Field>
        <Field path="tags" label={t('rules.sla.tags')} issues={{}}>
          {(attrs) => <input {...attrs} value={ticket.tags} onInput={set('tags')} />}
        </Field>
        <Field path="subject" label={t('rules.sla.subject')} issues={{}}>
          {(attrs) => <input {...attrs} value={ticket.subject} onInput={set('subject')} />}
        </Field>
        <Field path="created" label={t('rules.sla.created')} issues={problems}>
          {(attrs) => <input {...attrs} type="datetime-local" value={ticket.created} onInput={set('created')} />}
        </Field>
        <Field path="now" label={t('rules.sla.now')} issues={problems}>
          {(attrs) => <input {...attrs} type="datetime-local" value={ticket.now} onInput={set('now')} />}
        </Field>
      </div>
      <fieldset>
        <legend>{t('rules.sla.timeline')}</legend>
        {steps.map((step, index) => {
          const n = index + 1;
          const change = (next: Partial<Step>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...next } : s)));
          return (
            <div class="rules-row" key={index}>
              <Field path={`kind.${index}`} label={t('rules.sla.step', { n })} issues={{}}>
                {(attrs) => (
                  <select
                    {...attrs}
                    value={step.kind}
                    onChange={(e) => change({ kind: e.currentTarget.value as Step['kind'] })}
                  >
                    <option value="customer">{t('rules.sla.step.customer')}</option>
                    <option value="agent">{t('rules.sla.step.agent')}</option>
                    <option value="status">{t('rules.sla.step.status')}</option>
                  </select>
                )}
              </Field>
              <Field path={`step.${index}`} label={t('rules.sla.stepAt', { n })} issues={problems}>
                {(attrs) => (
                  <input
                    {...attrs}
                    type="datetime-local"
                    value={step.at}
                    onInput={(e) => change({ at: e.currentTarget.value })}
                  />
                )}
              </Field>
              {step.kind === 'status' && (
                <Field path={`status.${index}`} label={t('rules.sla.stepStatus', { n })} issues={{}}>
                  {(attrs) => (
                    <select
                      {...attrs}
                      value={step.status}
                      onChange={(e) => change({ status: e.currentTarget.value as TicketStatus })}
                    >
                      {TicketStatus.options.map((s) => (
                        <option key={s} value={s}>
                          {t(`rules.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <button
                type="button"
                aria-label={t('rules.sla.removeStep', { n })}
                onClick={() => setSteps(steps.filter((_, i) => i !== index))}
              >
                {t('rules.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() =>
            setSteps([...steps, { kind: 'agent', at: steps.at(-1)?.at ?? ticket.created, status: 'pending' }])
          }
        >
          {t('rules.sla.addStep')}
        </button>
      </fieldset>
      <div aria-live="polite" class="rules-result">
        {(!policies.success || !calendars.success) && <p class="rules-error">{t('rules.sla.rulesInvalid')}</p>}
        {outcome && (
          <>
            <p data-policy-id={outcome.policyId ?? ''}>
              {outcome.policyId ? t('rules.sla.policy', { id: outcome.policyId }) : t('rules.sla.noPolicy')}{' '}
              {t('rules.sla.grade', { grade: outcome.grade.grade })}
            </p>
            <table class="rules-deadlines">
              <caption>{t('rules.sla.deadlines', { zone })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rules.sla.col.metric')}</th>
                  <th scope="col">{t('rules.sla.col.state')}</th>
                  <th scope="col">{t('rules.sla.col.deadline')}</th>
                  <th scope="col">{t('rules.sla.col.left')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.metrics.map((metric) => (
                  <tr
                    key={metric.metric}
                    data-metric={metric.metric}
                    data-deadline={metric.deadline ?? ''}
                    data-level={metric.level}
                  >
                    <th scope="row">{inLocale(METRIC_LABELS[metric.metric])}</th>
                    <td>
                      {t(`rules.sla.state.${metric.state}`)}
                      {metric.breached ? ` · ${t('rules.sla.breached')}` : ''}
                      {metric.businessHours ? ` · ${t('rules.sla.businessHours')}` : ''}
                    </td>
                    <td>{metric.deadline ? wallClock(metric.deadline, zone, props.localeTag) : '—'}</td>
                    <td>{t('rules.sla.minutes', { minutes: minutes(metric.msLeft) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
