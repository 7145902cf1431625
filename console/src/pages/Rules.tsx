import { lazy, Route, Router, useLocation } from 'preact-iso';
import { t } from '../i18n';
import './rules/rules.css';

// Each section is its own chunk: the SLA engine, the adapter tester and their schemas load when they are opened.
const TierRules = lazy(() => import('./rules/TierRules'));
const SlaRules = lazy(() => import('./rules/SlaRules'));
const Settings = lazy(() => import('./rules/Settings'));
const Adapters = lazy(() => import('./rules/Adapters'));
const AlertRules = lazy(() => import('./rules/AlertRules'));
const Synonyms = lazy(() => import('./rules/Synonyms'));

const SECTIONS = [
  { path: '/admin/rules', key: 'rules.tab.tiers' },
  { path: '/admin/rules/sla', key: 'rules.tab.sla' },
  { path: '/admin/rules/settings', key: 'rules.tab.settings' },
  { path: '/admin/rules/adapters', key: 'rules.tab.adapters' },
  { path: '/admin/rules/alerts', key: 'rules.tab.alerts' },
  { path: '/admin/rules/synonyms', key: 'rules.tab.synonyms' },
] as const;

/** The rules area (admin): tier rules, SLA policies and calendars, team settings, generic helpdesk descriptions,
 * alert rules and the organisation's script synonyms. */
export default function Rules() {
  const { path } = useLocation();
  const current = path.replace(/\/$/, '');
  return (
    <section aria-labelledby="page-title" class="rules-page">
      <h1 id="page-title">{t('nav.rules')}</h1>
      <nav aria-label={t('rules.sections')}>
        <ul class="rules-tabs">
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <a href={section.path} aria-current={current === section.path ? 'page' : undefined}>
                {t(section.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Router>
        <Route path="/sla" component={SlaRules} />
        <Route path="/settings" component={Settings} />
        <Route path="/adapters" component={Adapters} />
        <Route path="/alerts" component={AlertRules} />
        <Route path="/synonyms" component={Synonyms} />
        <Route default component={TierRules} />
      </Router>
    </section>
  );
}
