import { render } from 'preact';
import { SyncStatusPanel } from '../../components/SyncStatusPanel';
import { askBackground } from '../../lib/messaging';
import { translate } from '../../lib/overlay/i18n';
import { IdentityStatus } from '../options/identity-status';
import '../../components/pages.css';

const app = document.getElementById('app');
if (app) {
  render(
    <>
      <SyncStatusPanel
        t={translate}
        load={async () => askBackground({ kind: 'getStatus' })}
        syncNow={async () => askBackground({ kind: 'syncNow' })}
        loadConfig={async () => askBackground({ kind: 'getConfig' })}
      />
      <IdentityStatus passwordForm={false} />
    </>,
    app,
  );
}
