import { useState } from 'preact/hooks';
import { AuditQuery } from '../../../../lib/schema/access';
import { api, data } from '../../api/client';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { useLoad } from '../../state/useLoad';
import { Field } from './Field';
import { type FieldIssues, zodIssues } from './issues';
import { type AuditEntry, allUsers } from './lists';

/** Actions the server records (server/admin, server/devices, server/customers…); the filter also takes any other. */
const KNOWN_ACTIONS = [
  'team.create',
  'team.rename',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.lead_teams',
  'token.issue',
  'token.revoke',
  'device.approve',
  'device.reject',
  'device.revoke',
  'customers.import',
  'enroll.request',
  'enroll.claim',
  'enroll.refuse',
  'identity_settings.update',
  'user.password_change',
  'user.provision',
];

type Filters = { actorId: string; action: string; from: string; to: string };
const NO_FILTERS: Filters = { actorId: '', action: '', from: '', to: '' };

/** A day typed in the admin's own calendar, as the instant it starts (or, for "to", the next day starts). */
const dayStart = (day: string, plus = 0) => {
  const at = new Date(`${day}T00:00:00`);
  at.setDate(at.getDate() + plus);
  return at.toISOString();
};

/** Who changed what and when, newest first; filtered by person, action and days, a page at a time. */
export function Audit() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const users = useLoad('users', allUsers);
  const loaded = useLoad(JSON.stringify([filters, cursor]), async () => {
    const parsed = AuditQuery.safeParse({
      limit: 50,
      ...(filters.actorId ? { actorId: filters.actorId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.from ? { from: dayStart(filters.from) } : {}),
      ...(filters.to ? { to: dayStart(filters.to, 1) } : {}),
      ...(cursor ? { cursor } : {}),
    });
    if (!parsed.success) throw new Error(Object.values(zodIssues(parsed.error)).join(' '));
    return data(api.GET('/api/v1/audit', { params: { query: parsed.data } }));
  });
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.name ?? id;

  function apply(event: SubmitEvent) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const next = Object.fromEntries(
      Object.keys(NO_FILTERS).map((key) => [key, String(fields.get(key) ?? '').trim()]),
    ) as Filters;
    if (next.from && next.to && next.from > next.to) return setIssues({ to: t('people.audit.toBeforeFrom') });
    setIssues({});
    setCursors([]);
    setFilters(next);
  }

  return (
    <div class="people-panel">
      <h2 id="audit-title">{t('people.audit.title')}</h2>
      <form class="people-form audit-filters" onSubmit={apply} aria-label={t('people.audit.filters')}>
        <Field label={t('people.audit.who')} id="audit-who">
          {(aria) => (
            <select {...aria} name="actorId" defaultValue={filters.actorId}>
              <option value="">{t('people.audit.anyone')}</option>
              {(users.data ?? []).map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('people.audit.action')} id="audit-action">
          {(aria) => <input {...aria} name="action" list="audit-actions" defaultValue={filters.action} />}
        </Field>
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <Field label={t('people.audit.from')} id="audit-from">
          {(aria) => <input {...aria} name="from" type="date" defaultValue={filters.from} />}
        </Field>
        <Field label={t('people.audit.to')} id="audit-to" problem={issues.to}>
          {(aria) => <input {...aria} name="to" type="date" defaultValue={filters.to} />}
        </Field>
        <button type="submit">{t('people.audit.apply')}</button>
      </form>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && loaded.data.entries.length === 0 && <p>{t('people.audit.none')}</p>}
      {loaded.data && loaded.data.entries.length > 0 && (
        <table class="list" data-list="audit" aria-labelledby="audit-title">
          <thead>
            <tr>
              <th scope="col">{t('people.audit.at')}</th>
              <th scope="col">{t('people.audit.who')}</th>
              <th scope="col">{t('people.audit.action')}</th>
              <th scope="col">{t('people.audit.target')}</th>
              <th scope="col">{t('people.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.entries.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td>{dateTime(entry.at)}</td>
                <td>
                  {nameOf(entry.actorId)} <small>({t(`people.audit.role.${entry.actorRole}`)})</small>
                </td>
                <th scope="row">
                  <code>{entry.action}</code>
                </th>
                <td>
                  {entry.targetType} <code>{entry.targetId}</code>
                </td>
                <td>
                  <Details entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t('people.audit.pages')}>
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors([])}>
          {t('people.audit.first')}
        </button>
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors((list) => list.slice(0, -1))}>
          {t('people.audit.previous')}
        </button>
        <button
          type="button"
          disabled={!loaded.data?.next}
          onClick={() => {
            const next = loaded.data?.next;
            if (next) setCursors((list) => [...list, next]);
          }}
        >
          {t('people.audit.next')}
        </button>
      </nav>
    </div>
  );
}

function Details({ entry }: { entry: AuditEntry }) {
  const pairs = Object.entries(entry.details);
  if (pairs.length === 0) return null;
  return (
    <dl class="audit-details">
      {pairs.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
