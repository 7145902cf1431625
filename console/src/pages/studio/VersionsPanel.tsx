import { useState } from 'preact/hooks';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { teams } from '../../state/session';
import { useLoad } from '../../state/useLoad';
import { loadDiff, loadVersions, publishScript, retireScript, type ScriptVersion } from '../studio.data';
import { DiffView } from './DiffView';
import { localeName, statusName } from './labels';

const teamNames = (ids: string[]) =>
  ids.length === 0
    ? t('studio.teams.all')
    : ids.map((id) => teams.value.find((team) => team.id === id)?.name ?? id).join(', ');

/** Every version with its status, two of them side by side, and publishing to teams or retiring the script. */
export function VersionsPanel({ newest, onChanged }: { newest: ScriptVersion; onChanged: () => void }) {
  const id = newest.id;
  const versions = useLoad(`${id}:${newest.version}:${newest.status}`, () => loadVersions(id));
  const [from, setFrom] = useState(Math.max(1, newest.version - 1));
  const [to, setTo] = useState(newest.version);
  const diff = useLoad(`${id}:${from}:${to}:${newest.version}`, () => loadDiff(id, from, to));
  const [publishVersion, setPublishVersion] = useState(newest.version);
  const [publishTeams, setPublishTeams] = useState<string[]>(newest.teamIds);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const list = versions.data?.versions ?? [];
  // Only a published version can be retired (drafts never reach agents); the API leaves drafts as they are.
  const live = list.some((version) => version.status === 'published');

  const act = async (work: () => Promise<ScriptVersion>, done: (v: ScriptVersion) => string) => {
    try {
      const result = await work();
      setOutcome({ ok: true, text: done(result) });
      onChanged();
    } catch (failure) {
      setOutcome({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  return (
    <section class="panel studio-versions" aria-labelledby="studio-versions-title">
      <h2 id="studio-versions-title">{t('studio.versions.title')}</h2>
      {(!versions.data || versions.state === 'failed') && (
        <LoadState
          state={versions.state}
          message={versions.state === 'failed' ? versions.message : undefined}
          retry={versions.retry}
        />
      )}
      <table>
        <caption class="studio-sr">{t('studio.versions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('studio.versions.version')}</th>
            <th scope="col">{t('studio.versions.status')}</th>
            <th scope="col">{t('studio.field.locale')}</th>
            <th scope="col">{t('studio.field.teams')}</th>
            <th scope="col">{t('studio.versions.saved')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((version) => (
            <tr key={version.version} data-version={version.version} data-status={version.status}>
              <th scope="row">{version.version}</th>
              <td>{statusName(version.status)}</td>
              <td>{localeName(version.locale)}</td>
              <td>{teamNames(version.teamIds)}</td>
              <td>{dateTime(version.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {newest.version > 1 && (
        <fieldset class="studio-compare">
          <legend>{t('studio.diff.title')}</legend>
          <label>
            {t('studio.diff.from')}
            <select name="diffFrom" value={from} onChange={(e) => setFrom(Number(e.currentTarget.value))}>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('studio.diff.to')}
            <select name="diffTo" value={to} onChange={(e) => setTo(Number(e.currentTarget.value))}>
              {list.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                </option>
              ))}
            </select>
          </label>
          {diff.state === 'failed' && <p class="problem">{diff.message}</p>}
          {diff.data && <DiffView diff={diff.data} caption={t('studio.diff.body')} />}
        </fieldset>
      )}

      <form
        class="studio-publish"
        aria-labelledby="studio-publish-title"
        onSubmit={(event) => {
          event.preventDefault();
          void act(
            () => publishScript(id, publishVersion, publishTeams),
            (v) =>
              t('studio.publish.done', {
                version: v.version,
                teams: teamNames(v.teamIds),
                locale: localeName(v.locale),
              }),
          );
        }}
      >
        <h3 id="studio-publish-title">{t('studio.publish.title')}</h3>
        <p class="hint">{t('studio.publish.help', { locale: localeName(newest.locale) })}</p>
        <label>
          {t('studio.publish.version')}
          <select
            name="publishVersion"
            value={publishVersion}
            onChange={(e) => setPublishVersion(Number(e.currentTarget.value))}
          >
            {list.map((v) => (
              <option key={v.version} value={v.version}>
                {t('studio.publish.versionChoice', { version: v.version, status: statusName(v.status) })}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('studio.publish.teams')}</legend>
          {teams.value.map((team) => (
            <label key={team.id} class="check">
              <input
                type="checkbox"
                name="publishTeams"
                value={team.id}
                checked={publishTeams.includes(team.id)}
                onChange={(e) =>
                  setPublishTeams(
                    e.currentTarget.checked ? [...publishTeams, team.id] : publishTeams.filter((x) => x !== team.id),
                  )
                }
              />
              {team.name}
            </label>
          ))}
          <p class="hint">{t('studio.field.teams.help')}</p>
        </fieldset>
        <div class="buttons">
          <button type="submit">{t('studio.publish.submit')}</button>
          {live &&
            (confirmRetire ? (
              <>
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    setConfirmRetire(false);
                    void act(
                      () => retireScript(id),
                      () => t('studio.retire.done'),
                    );
                  }}
                >
                  {t('studio.retire.confirm')}
                </button>
                <button type="button" class="secondary" onClick={() => setConfirmRetire(false)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <button type="button" class="secondary" onClick={() => setConfirmRetire(true)}>
                {t('studio.retire.submit')}
              </button>
            ))}
        </div>
        <p
          role="status"
          class={outcome?.ok === false ? 'problem' : 'hint'}
          data-outcome={outcome ? String(outcome.ok) : undefined}
        >
          {outcome?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
