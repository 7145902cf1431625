import { Route, Router, useLocation } from 'preact-iso';
import { t } from '../i18n';
import { Audit } from './people/Audit';
import { Devices } from './people/Devices';
import { Import } from './people/Import';
import { Teams } from './people/Teams';
import { Tokens } from './people/Tokens';
import { Users } from './people/Users';
import './people/people.css';

const BASE = '/admin/people';
/** The control room's sections, each its own address so a link or a reload lands on it. */
const SECTIONS = [
  { path: '', key: 'people.tab.users', component: Users },
  { path: '/teams', key: 'people.tab.teams', component: Teams },
  { path: '/tokens', key: 'people.tab.tokens', component: Tokens },
  { path: '/devices', key: 'people.tab.devices', component: Devices },
  { path: '/import', key: 'people.tab.import', component: Import },
  { path: '/audit', key: 'people.tab.audit', component: Audit },
] as const;

/** The people area (admin): users, teams, tokens, browsers awaiting approval, customer import and the audit log. */
export default function People() {
  const { path } = useLocation();
  const here = path.replace(/\/+$/, '');
  return (
    <section aria-labelledby="page-title" class="people">
      <h1 id="page-title">{t('nav.people')}</h1>
      <nav class="people-tabs" aria-label={t('people.sections')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <a href={`${BASE}${section.path}`} aria-current={here === `${BASE}${section.path}` ? 'page' : undefined}>
                {t(section.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Router>
        {SECTIONS.filter((section) => section.path).map((section) => (
          <Route key={section.path} path={section.path} component={section.component} />
        ))}
        <Route default component={Users} />
      </Router>
    </section>
  );
}
