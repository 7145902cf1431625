import '../../lib/schema/zod-setup';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsForm } from '../../components/OptionsForm';
import { SETTINGS_KEY } from '../../lib/background/settings-store';
import { askBackground } from '../../lib/messaging';
import { translate } from '../../lib/overlay/i18n';
import type { AgentSettings } from '../../lib/schema/config';
import '../../components/pages.css';

const app = document.getElementById('app');
if (app) {
  render(
    <OptionsForm
      t={translate}
      loadConfig={() => askBackground({ kind: 'getConfig' })}
      loadSettings={async () => ((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {}) as AgentSettings}
      saveSettings={(settings) => browser.storage.local.set({ [SETTINGS_KEY]: settings })}
    />,
    app,
  );
}
