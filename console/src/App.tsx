import { useSignalEffect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router } from 'preact-iso';
import { locale, t } from './i18n';
import { NotFound } from './pages/NotFound';
import { Shell } from './shell/Shell';
import { SignIn } from './shell/SignIn';
import { loadSession, me } from './state/session';
import './state/theme';

// Each page is its own chunk: the charts load with the dashboard, not with sign-in.
const Dashboard = lazy(() => import('./pages/Dashboard'));
const Tickets = lazy(() => import('./pages/Tickets'));
const Ticket = lazy(() => import('./pages/Ticket'));
const Alerts = lazy(() => import('./pages/Alerts'));
const Actions = lazy(() => import('./pages/Actions'));
const Studio = lazy(() => import('./pages/Studio'));
const People = lazy(() => import('./pages/People'));
const Rules = lazy(() => import('./pages/Rules'));
const Rollout = lazy(() => import('./pages/Rollout'));

export function App() {
  useEffect(() => {
    void loadSession();
    // The dashboard is where a lead lands: fetch its chunk (and the charts) while the session is being checked.
    if (location.pathname === '/') void Dashboard.preload();
  }, []);
  useSignalEffect(() => {
    document.documentElement.lang = locale.value;
    document.title = t('app.name');
  });
  const user = me.value;
  if (user === undefined)
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  return (
    <LocationProvider>
      {user === null ? (
        <SignIn />
      ) : (
        <Shell>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={Dashboard} />
              <Route path="/tickets" component={Tickets} />
              <Route path="/tickets/:helpdesk/:ticketId" component={Ticket} />
              <Route path="/alerts" component={Alerts} />
              <Route path="/actions" component={Actions} />
              <Route path="/studio/*" component={Studio} />
              <Route path="/studio" component={Studio} />
              <Route path="/admin/people/*" component={People} />
              <Route path="/admin/people" component={People} />
              <Route path="/admin/rules/*" component={Rules} />
              <Route path="/admin/rules" component={Rules} />
              <Route path="/admin/rollout/*" component={Rollout} />
              <Route path="/admin/rollout" component={Rollout} />
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        </Shell>
      )}
    </LocationProvider>
  );
}
