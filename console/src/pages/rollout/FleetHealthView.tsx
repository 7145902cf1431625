import { api, data } from '../../api/client';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { useLoad } from '../../state/useLoad';

const count = (value: number | null) => (value === null ? t('rollout.fleet.unknown') : String(value));

/**
 * Which browsers checked in (one per agent token), with their DeskLens version, last sync and outbox, and the
 * selectors that stopped matching by helpdesk and version: the first sign that a helpdesk release broke something.
 */
export function FleetHealthView() {
  const fleet = useLoad('fleet', () => data(api.GET('/api/v1/fleet', { params: { query: { days: 14 } } })));
  const health = fleet.data;
  return (
    <div class="rollout-fleet" data-loaded={fleet.state}>
      <div class="rollout-inline">
        <p class="hint">{t('rollout.fleet.intro')}</p>
        <button type="button" onClick={fleet.retry}>
          {t('rollout.fleet.refresh')}
        </button>
      </div>
      {(!health || fleet.state === 'failed') && (
        <LoadState state={fleet.state} message={'message' in fleet ? fleet.message : undefined} retry={fleet.retry} />
      )}
      {health && (
        <>
          <dl class="panel rollout-totals">
            <div>
              <dt>{t('rollout.fleet.browsers')}</dt>
              <dd data-total="browsers">{health.totals.browsers}</dd>
            </div>
            <div>
              <dt>{t('rollout.fleet.syncedLastDay')}</dt>
              <dd data-total="syncedLastDay">{health.totals.syncedLastDay}</dd>
            </div>
            <div>
              <dt>{t('rollout.fleet.queued')}</dt>
              <dd data-total="queued">{health.totals.queued}</dd>
            </div>
            <div>
              <dt>{t('rollout.fleet.rejected')}</dt>
              <dd data-total="rejected">{health.totals.rejected}</dd>
            </div>
          </dl>

          <section class="panel" aria-labelledby="fleet-breakages-title">
            <h2 id="fleet-breakages-title">{t('rollout.fleet.breakages', { days: health.windowDays })}</h2>
            {health.adapterBreakages.length === 0 ? (
              <p data-empty="breakages">{t('rollout.fleet.breakages.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('rollout.fleet.helpdesk')}</th>
                    <th scope="col">{t('rollout.fleet.version')}</th>
                    <th scope="col">{t('rollout.fleet.selector')}</th>
                    <th scope="col">{t('rollout.fleet.reports')}</th>
                    <th scope="col">{t('rollout.fleet.agents')}</th>
                    <th scope="col">{t('rollout.fleet.lastReport')}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.adapterBreakages.map((breakage) => (
                    <tr
                      key={`${breakage.helpdesk} ${breakage.extensionVersion} ${breakage.selector}`}
                      data-breakage={`${breakage.helpdesk}:${breakage.selector}`}
                    >
                      <td>{breakage.helpdesk}</td>
                      <td>{breakage.extensionVersion ?? t('rollout.fleet.unknown')}</td>
                      <td>
                        <code>{breakage.selector}</code>
                      </td>
                      <td>{breakage.reports}</td>
                      <td>{breakage.agents}</td>
                      <td>{dateTime(breakage.lastAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section class="panel" aria-labelledby="fleet-browsers-title">
            <h2 id="fleet-browsers-title">{t('rollout.fleet.browsers.title')}</h2>
            {health.versions.length > 0 && (
              <p data-versions>
                {t('rollout.fleet.versions')}{' '}
                {health.versions
                  .map((v) => `${v.extensionVersion ?? t('rollout.fleet.unknown')} (${v.browsers})`)
                  .join(', ')}
              </p>
            )}
            {health.browsers.length === 0 ? (
              <p data-empty="browsers">{t('rollout.fleet.browsers.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('rollout.fleet.agent')}</th>
                    <th scope="col">{t('rollout.fleet.team')}</th>
                    <th scope="col">{t('rollout.fleet.browser')}</th>
                    <th scope="col">{t('rollout.fleet.version')}</th>
                    <th scope="col">{t('rollout.fleet.lastSync')}</th>
                    <th scope="col">{t('rollout.fleet.queued')}</th>
                    <th scope="col">{t('rollout.fleet.rejected')}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.browsers.map((browser) => (
                    <tr key={browser.tokenId} data-browser={browser.agent.email}>
                      <td>{browser.agent.name ?? browser.agent.email}</td>
                      <td>{browser.team?.name ?? '—'}</td>
                      <td>{browser.browser ?? t('rollout.fleet.unknown')}</td>
                      <td data-cell="version">{browser.extensionVersion ?? t('rollout.fleet.unknown')}</td>
                      <td>{dateTime(browser.lastSyncAt)}</td>
                      <td data-cell="queued">{count(browser.queued)}</td>
                      <td data-cell="rejected">{count(browser.rejected)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
