import { useState } from 'preact/hooks';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { useFilters } from '../../state/filters';
import { useLoad } from '../../state/useLoad';
import { loadScripts, loadTierRules, type ScriptLocale, type ScriptStatus, STATUSES } from '../studio.data';
import { LOCALES, localeName, statusName, tierName } from './labels';

/** The organisation's scripts: search in English or Chinese, by status, locale and tier; team from the filter bar. */
export function ScriptList() {
  const filters = useFilters();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ScriptStatus | ''>('');
  const [locale, setLocale] = useState<ScriptLocale | ''>('');
  const [tier, setTier] = useState('');
  const query = {
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(locale ? { locale } : {}),
    ...(filters.teamId ? { teamId: filters.teamId } : {}),
  };
  const loaded = useLoad(JSON.stringify(query), () => loadScripts(query));
  // The organisation's tiers to filter by and name (the defaults while it has none or they are on their way).
  const tierRules = useLoad('tier-rules', loadTierRules).data;
  const tierIds = [...(tierRules?.tiers ?? [])].sort((a, b) => a.rank - b.rank).map((each) => each.id);
  const scripts = (loaded.data?.scripts ?? []).filter(
    (version) => !tier || version.script.tiers.length === 0 || version.script.tiers.includes(tier),
  );

  return (
    <div class="studio-list" data-loaded={loaded.state}>
      <p>
        <a class="button" href={filters.href('/studio/new')}>
          {t('studio.list.new')}
        </a>
      </p>
      <form
        class="studio-filters"
        aria-label={t('studio.list.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setQ(text.trim());
        }}
      >
        <label>
          {t('studio.list.search')}
          <input type="search" name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('studio.list.find')}</button>
        <label>
          {t('studio.versions.status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ScriptStatus | '')}>
            <option value="">{t('studio.list.any')}</option>
            {STATUSES.map((each) => (
              <option key={each} value={each}>
                {statusName(each)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('studio.field.locale')}
          <select name="locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value as ScriptLocale | '')}>
            <option value="">{t('studio.list.any')}</option>
            {LOCALES.map((each) => (
              <option key={each} value={each}>
                {localeName(each)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('studio.list.tier')}
          <select name="tier" value={tier} onChange={(e) => setTier(e.currentTarget.value)}>
            <option value="">{t('studio.list.any')}</option>
            {tierIds.map((each) => (
              <option key={each} value={each}>
                {tierName(each, tierRules)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p class="hint">{t('studio.list.teamHint')}</p>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && scripts.length === 0 && <p>{t('studio.list.empty')}</p>}
      {scripts.length > 0 && (
        <table class="studio-table">
          <caption class="studio-sr">{t('studio.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studio.field.title')}</th>
              <th scope="col">{t('studio.versions.status')}</th>
              <th scope="col">{t('studio.field.locale')}</th>
              <th scope="col">{t('studio.field.tiers')}</th>
              <th scope="col">{t('studio.versions.version')}</th>
              <th scope="col">{t('studio.versions.saved')}</th>
            </tr>
          </thead>
          <tbody>
            {scripts.map((version) => (
              <tr key={version.id} data-script={version.id} data-status={version.status}>
                <th scope="row">
                  <a href={filters.href(`/studio/${encodeURIComponent(version.id)}`)}>{version.script.title}</a>
                </th>
                <td>
                  <span class={`status status-${version.status}`}>{statusName(version.status)}</span>
                </td>
                <td>{localeName(version.locale)}</td>
                <td>
                  {version.script.tiers.length
                    ? version.script.tiers.map((each) => tierName(each, tierRules)).join(', ')
                    : t('studio.tiers.all')}
                </td>
                <td>{version.version}</td>
                <td>{dateTime(version.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loaded.data?.next && <p class="hint">{t('studio.list.more')}</p>}
    </div>
  );
}
