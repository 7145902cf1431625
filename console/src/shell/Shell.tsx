import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { useFilters } from '../state/filters';
import { me, signOut } from '../state/session';
import { FilterBar } from './FilterBar';
import { LiveStatus } from './LiveStatus';
import { Preferences } from './Preferences';

const SECTIONS = [
  { path: '/', key: 'nav.dashboard' },
  { path: '/tickets', key: 'nav.tickets' },
  { path: '/alerts', key: 'nav.alerts' },
  { path: '/actions', key: 'nav.actions' },
] as const;

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
            {SECTIONS.map((section) => {
              const current = section.path === '/' ? path === '/' : path.startsWith(section.path);
              return (
                <li key={section.path}>
                  <a href={filters.href(section.path)} aria-current={current ? 'page' : undefined}>
                    {t(section.key)}
                  </a>
                </li>
              );
            })}
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
