import { Route, Router, useLocation } from 'preact-iso';
import { t } from '../i18n';
import { Adapters } from './rules/Adapters';
import { Settings } from './rules/Settings';
import { SlaRules } from './rules/SlaRules';
import { TierRules } from './rules/TierRules';
import './rules/rules.css';

const SECTIONS = [
  { path: '/admin/rules', key: 'rules.tab.tiers' },
  { path: '/admin/rules/sla', key: 'rules.tab.sla' },
  { path: '/admin/rules/settings', key: 'rules.tab.settings' },
  { path: '/admin/rules/adapters', key: 'rules.tab.adapters' },
] as const;

/** The rules area (admin): tier rules, SLA policies and calendars, team settings, generic helpdesk descriptions. */
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
        <Route default component={TierRules} />
      </Router>
    </section>
  );
}
