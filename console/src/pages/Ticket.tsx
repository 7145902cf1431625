import { dateTime } from '../figures';
import { type MessageKey, t } from '../i18n';
import { LoadState } from '../shell/LoadState';
import { statsScope, useFilters } from '../state/filters';
import { liveTick } from '../state/live';
import { viewerTimeZone } from '../state/period';
import { useLoad } from '../state/useLoad';
import { DIMENSIONS } from './dimensions';
import { loadTicket } from './tickets.data';

/** The end of the drill-down: every counted score of one ticket, with its dimensions and comment. */
export default function Ticket({ helpdesk, ticketId }: { helpdesk: string; ticketId: string }) {
  const filters = useFilters();
  const scope = statsScope(filters, viewerTimeZone());
  const loaded = useLoad(JSON.stringify([scope, helpdesk, ticketId, liveTick.value]), () =>
    scope ? loadTicket(scope, helpdesk, ticketId) : Promise.reject(new Error(t('filters.badRange'))),
  );
  return (
    <section aria-labelledby="page-title" data-loaded={loaded.state}>
      <p>
        <a href={filters.href('/tickets')}>{t('common.back')}</a>
      </p>
      <h1 id="page-title">{t('tickets.detail', { ticket: `${helpdesk} #${ticketId}` })}</h1>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data?.length === 0 && <p>{t('tickets.empty')}</p>}
      {loaded.data?.map((score) => (
        <article
          class="panel score"
          key={score.eventId}
          data-score={score.eventId}
          aria-labelledby={`score-${score.eventId}`}
        >
          <h2 id={`score-${score.eventId}`}>
            {t(`tickets.round.${score.round}`)} · {dateTime(score.occurredAt)}
          </h2>
          <dl>
            <dt>{t('tickets.agent')}</dt>
            <dd>{score.agent.name}</dd>
            <dt>{t('tickets.customer')}</dt>
            <dd>{score.customer.email ?? score.customer.id ?? '—'}</dd>
            <dt>{t('tickets.csat')}</dt>
            <dd data-field="csat">{score.csat}</dd>
            <dt>{t('tickets.nps')}</dt>
            <dd data-field="nps">{score.nps ?? '—'}</dd>
            <dt>{t('tickets.grade')}</dt>
            <dd>{score.complaintGrade ? t(`dashboard.grade.${score.complaintGrade}`) : '—'}</dd>
            <dt>{t('tickets.comment')}</dt>
            <dd data-field="comment">{score.comment ?? '—'}</dd>
          </dl>
          <h3>{t('tickets.dimensions')}</h3>
          <table>
            <tbody>
              {DIMENSIONS.map((d) => (
                <tr key={d} data-row={d}>
                  <th scope="row">{t(`dimension.${d}` as MessageKey)}</th>
                  <td>{score.dimensions[d] ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </section>
  );
}
