import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { useFilters } from '../state/filters';
import { me, signOut } from '../state/session';
import { FilterBar } from './FilterBar';
import { LiveStatus } from './LiveStatus';
import { Preferences } from './Preferences';

type Role = 'agent' | 'lead' | 'trainer' | 'admin';
const LEADS: readonly Role[] = ['lead', 'trainer', 'admin'];
/** Each section with the roles that see it; the server refuses the others anyway, the menu just does not offer them. */
const SECTIONS = [
  { path: '/', key: 'nav.dashboard', roles: LEADS },
  { path: '/tickets', key: 'nav.tickets', roles: LEADS },
  { path: '/alerts', key: 'nav.alerts', roles: LEADS },
  { path: '/actions', key: 'nav.actions', roles: LEADS },
  { path: '/studio', key: 'nav.studio', roles: ['trainer', 'admin'] },
  { path: '/admin/people', key: 'nav.people', roles: ['admin'] },
  { path: '/admin/rules', key: 'nav.rules', roles: ['admin'] },
  { path: '/admin/rollout', key: 'nav.rollout', roles: ['admin'] },
] as const satisfies readonly { path: string; key: string; roles: readonly Role[] }[];

/** Header (who am I, sign out, language, scheme), the sections, and the filters every page shares. */
export function Shell({ children }: { children: ComponentChildren }) {
  const user = me.value;
  const { path } = useLocation();
  const filters = useFilters();
  if (!user) return null;
  return (
    <>
      <a class="skip" href="#content">
        {t('app.skip')}
      </a>
      <header class="top">
        <p class="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')}>
          <ul>
            {SECTIONS.filter((section) => (section.roles as readonly Role[]).includes(user.user.role)).map(
              (section) => {
                const current = section.path === '/' ? path === '/' : path.startsWith(section.path);
                return (
                  <li key={section.path}>
                    <a href={filters.href(section.path)} aria-current={current ? 'page' : undefined}>
                      {t(section.key)}
                    </a>
                  </li>
                );
              },
            )}
          </ul>
        </nav>
        <div class="who">
          <LiveStatus />
          <span data-testid="who">
            {t('shell.signedInAs', { name: user.user.name, role: t(`role.${user.user.role}`) })}
          </span>
          <button type="button" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
        <Preferences />
      </header>
      <FilterBar />
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
