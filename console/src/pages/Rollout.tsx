import { Route, Router, useLocation } from 'preact-iso';
import { t } from '../i18n';
import { FleetHealthView } from './rollout/FleetHealthView';
import { PolicyBuilder } from './rollout/PolicyBuilder';
import './rollout/rollout.css';

const SECTIONS = [
  { path: '/admin/rollout', label: 'rollout.tab.policies' },
  { path: '/admin/rollout/fleet', label: 'rollout.tab.fleet' },
] as const;

/** The rollout area (admin): policy files to deploy DeskLens, and the health of the browsers that run it. */
export default function Rollout() {
  const { path } = useLocation();
  return (
    <section aria-labelledby="page-title" class="rollout">
      <h1 id="page-title">{t('nav.rollout')}</h1>
      <nav aria-label={t('rollout.tabs')} class="rollout-tabs">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <a href={section.path} aria-current={path === section.path ? 'page' : undefined}>
                {t(section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Router>
        <Route path="/" component={PolicyBuilder} />
        <Route path="/fleet" component={FleetHealthView} />
        <Route default component={PolicyBuilder} />
      </Router>
    </section>
  );
}
