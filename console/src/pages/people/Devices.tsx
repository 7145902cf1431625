import { useState } from 'preact/hooks';
import { DeviceDecision } from '../../../../lib/schema/identity';
import { api, data } from '../../api/client';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { teams } from '../../state/session';
import { useLoad } from '../../state/useLoad';
import { FormProblem } from './Field';
import { serverIssues } from './issues';
import { allUsers, type Device } from './lists';

const STATUSES = ['pending', 'approved', 'rejected', 'revoked', 'expired'] as const;
type Status = (typeof STATUSES)[number];

async function loadDevices(status: Status) {
  const [page, users] = await Promise.all([
    data(api.GET('/api/v1/devices', { params: { query: { status, limit: 500 } } })),
    allUsers(),
  ]);
  return { devices: page.devices, users };
}

/** Browsers asking to be bound to a person (approval identity mode): who asked, from where and when; decide. */
export function Devices() {
  const [status, setStatus] = useState<Status>('pending');
  const [tick, setTick] = useState(0);
  const loaded = useLoad(`${status}:${tick}`, () => loadDevices(status));
  const decided = () => setTick((n) => n + 1);
  const nameOf = (id: string | null) => (id ? (loaded.data?.users.find((u) => u.id === id)?.name ?? id) : '');
  const devices = loaded.data?.devices ?? [];

  return (
    <div class="people-panel">
      <h2 id="devices-title">{t('people.devices.title')}</h2>
      <p class="hint">{t('people.devices.help')}</p>
      <label>
        {t('people.devices.status')}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as Status)}>
          {STATUSES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`people.devices.status.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && devices.length === 0 && <p>{t('people.devices.none')}</p>}
      {devices.length > 0 && (
        <table class="list" data-list="devices" aria-labelledby="devices-title">
          <thead>
            <tr>
              <th scope="col">{t('people.devices.who')}</th>
              <th scope="col">{t('people.devices.team')}</th>
              <th scope="col">{t('people.devices.asked')}</th>
              <th scope="col">{t('people.devices.decided')}</th>
              <th scope="col">{t('people.devices.decide')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id} data-row={device.email}>
                <th scope="row">
                  {device.name ? `${device.name} <${device.email}>` : device.email}
                  <br />
                  <small>{device.knownUser ? t('people.devices.knownUser') : t('people.devices.newUser')}</small>
                </th>
                <td>{teams.value.find((team) => team.id === device.teamId)?.name ?? device.teamId}</td>
                <td>
                  {dateTime(device.requestedAt)}
                  {device.requestedFrom && (
                    <>
                      <br />
                      <small>{t('people.devices.from', { from: device.requestedFrom })}</small>
                    </>
                  )}
                </td>
                <td>
                  {device.decidedAt
                    ? t('people.devices.decidedBy', { who: nameOf(device.decidedBy), at: dateTime(device.decidedAt) })
                    : ''}
                  {device.reason && (
                    <>
                      <br />
                      <small>{device.reason}</small>
                    </>
                  )}
                </td>
                <td>
                  <Decide device={device} onDecided={decided} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Decide({ device, onDecided }: { device: Device; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const who = device.name ?? device.email;

  async function decide(action: 'approve' | 'reject' | 'revoke') {
    const parsed = DeviceDecision.safeParse(reason.trim() ? { reason } : {});
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    const path = { path: { id: device.id } };
    const answer =
      action === 'approve'
        ? await api.POST('/api/v1/devices/{id}/approve', { params: path, body: parsed.data })
        : action === 'reject'
          ? await api.POST('/api/v1/devices/{id}/reject', { params: path, body: parsed.data })
          : await api.POST('/api/v1/devices/{id}/revoke', { params: path, body: parsed.data });
    if (!answer.response.ok) return setProblem(serverIssues(answer.error, answer.response.status)['']);
    setProblem(undefined);
    onDecided();
  }

  if (device.status !== 'pending' && device.status !== 'approved') return null;
  return (
    <div class="decide">
      <label>
        {t('people.devices.reason')}
        <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {device.status === 'pending' ? (
        <>
          <button
            type="button"
            aria-label={t('people.devices.approveWho', { who })}
            onClick={() => void decide('approve')}
          >
            {t('people.devices.approve')}
          </button>
          <button
            type="button"
            aria-label={t('people.devices.rejectWho', { who })}
            onClick={() => void decide('reject')}
          >
            {t('people.devices.reject')}
          </button>
        </>
      ) : (
        <button type="button" aria-label={t('people.devices.revokeWho', { who })} onClick={() => void decide('revoke')}>
          {t('people.devices.revoke')}
        </button>
      )}
      <FormProblem problem={problem} />
    </div>
  );
}
