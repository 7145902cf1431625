import { lazy, Route, Router, useRoute } from 'preact-iso';
import { t } from '../i18n';
import { ScriptList } from './studio/ScriptList';
import './studio/studio.css';

// The editor carries the shared zod schemas (with the Chinese variant tables the phrase checks use): it loads when a
// script is opened, so the list stays small.
const ScriptPage = lazy(() => import('./studio/ScriptPage').then((module) => module.ScriptPage));

function ExistingScript() {
  const { params } = useRoute();
  return <ScriptPage id={decodeURIComponent(params.id ?? '')} />;
}

/** The script studio (trainers, admins): the list, a new script, and one script's editor, versions and usage. */
export default function Studio() {
  return (
    <section aria-labelledby="page-title" class="studio">
      <h1 id="page-title">{t('nav.studio')}</h1>
      <Router>
        <Route path="/" component={ScriptList} />
        <Route path="/new" component={() => <ScriptPage />} />
        <Route path="/:id" component={ExistingScript} />
      </Router>
    </section>
  );
}
