import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { useFilters } from '../../state/filters';
import { useLoad } from '../../state/useLoad';
import { loadPublishedScripts, loadRankingSettings, loadScript, loadScripts, loadTierRules } from '../studio.data';
import { statusName } from './labels';
import { ScriptEditor } from './ScriptEditor';
import { UsagePanel } from './UsagePanel';
import { VersionsPanel } from './VersionsPanel';

/** One script: the editor with its preview, its versions and publishing, and its usage; or a new one (no id). */
export function ScriptPage({ id }: { id?: string }) {
  const filters = useFilters();
  const location = useLocation();
  const [tick, setTick] = useState(0);
  const script = useLoad(`${id ?? ''}:${tick}`, () => (id ? loadScript(id) : Promise.resolve(undefined)));
  // A preview without the other scripts, synonyms or priors still shows the text: those only refine the ranking.
  const others = useLoad('published', () => loadPublishedScripts().catch(() => []));
  const ranking = useLoad('ranking', loadRankingSettings);
  // Falls back to the default tiers itself, so it always arrives; the editor waits for it rather than flashing those.
  const tierRules = useLoad('tier-rules', loadTierRules);
  // Without them only the `variantOf` choice is shorter (a saved choice stays listed).
  const scripts = useLoad('all-scripts', () =>
    loadScripts({})
      .then((page) => page.scripts.map((version) => version.script))
      .catch(() => []),
  );
  const newest = script.data;
  return (
    <div class="studio-script" data-loaded={script.state}>
      <p>
        <a href={filters.href('/studio')}>{t('studio.back')}</a>
      </p>
      {id && (!newest || script.state === 'failed') && (
        <LoadState
          state={script.state}
          message={script.state === 'failed' ? script.message : undefined}
          retry={script.retry}
        />
      )}
      {newest && (
        <h2 class="studio-script-title">
          {newest.script.title}{' '}
          <span class={`status status-${newest.status}`} data-status={newest.status}>
            {statusName(newest.status)}
          </span>
        </h2>
      )}
      {(!id || newest) && tierRules.data && (
        <ScriptEditor
          key={newest ? `${newest.id}` : 'new'}
          {...(newest ? { current: newest } : {})}
          others={others.data ?? []}
          ranking={ranking.data ?? {}}
          tierRules={tierRules.data}
          scripts={scripts.data ?? []}
          onSaved={(saved) => {
            if (!id) location.route(filters.href(`/studio/${encodeURIComponent(saved.id)}`));
            else setTick((n) => n + 1);
          }}
        />
      )}
      {newest && (
        // A new version starts the publish form from it again (publishing or retiring keeps the form and its outcome).
        <VersionsPanel key={newest.version} newest={newest} onChanged={() => setTick((n) => n + 1)} />
      )}
      {newest && <UsagePanel id={newest.id} />}
    </div>
  );
}
