import { useEffect, useState } from 'preact/hooks';
import { dateTime } from '../figures';
import { t } from '../i18n';
import { LoadState } from '../shell/LoadState';
import { statsScope, useFilters } from '../state/filters';
import { liveTick } from '../state/live';
import { viewerTimeZone } from '../state/period';
import { useLoad } from '../state/useLoad';
import { loadTickets, type ScoredTicket } from './tickets.data';

/** Drill-down: the scored tickets behind the figures (an agent's, when the agent filter is set). */
export default function Tickets() {
  const filters = useFilters();
  const scope = statsScope(filters, viewerTimeZone());
  const loaded = useLoad(JSON.stringify([scope, liveTick.value]), () =>
    scope ? loadTickets(scope) : Promise.reject(new Error(t('filters.badRange'))),
  );
  const [more, setMore] = useState<ScoredTicket[]>([]);
  const [next, setNext] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setNext(loaded.data?.next ?? null);
  }, [loaded.data]);
  const rows = [...(loaded.data?.scores ?? []), ...more];

  async function showMore() {
    if (!scope || !next) return;
    const page = await loadTickets(scope, { cursor: next });
    setMore((before) => [...before, ...page.scores]);
    setNext(page.next);
  }

  return (
    <section aria-labelledby="page-title" data-loaded={loaded.state}>
      <h1 id="page-title">{t('tickets.title')}</h1>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && rows.length === 0 && <p>{t('tickets.empty')}</p>}
      {rows.length > 0 && (
        <table class="list" data-list="tickets">
          <thead>
            <tr>
              <th scope="col">{t('tickets.ticket')}</th>
              <th scope="col">{t('tickets.agent')}</th>
              <th scope="col">{t('tickets.when')}</th>
              <th scope="col">{t('tickets.round')}</th>
              <th scope="col">{t('tickets.csat')}</th>
              <th scope="col">{t('tickets.nps')}</th>
              <th scope="col">{t('tickets.grade')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.eventId} data-row={row.ticketId}>
                <th scope="row">
                  <a
                    href={filters.href(
                      `/tickets/${encodeURIComponent(row.helpdesk)}/${encodeURIComponent(row.ticketId)}`,
                    )}
                  >
                    {row.helpdesk} #{row.ticketId}
                  </a>
                </th>
                <td>{row.agent.name}</td>
                <td>{dateTime(row.occurredAt)}</td>
                <td>{t(`tickets.round.${row.round}`)}</td>
                <td>{row.csat}</td>
                <td>{row.nps ?? '—'}</td>
                <td>{row.complaintGrade ? t(`dashboard.grade.${row.complaintGrade}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void showMore()}>
          {t('tickets.more')}
        </button>
      )}
    </section>
  );
}
