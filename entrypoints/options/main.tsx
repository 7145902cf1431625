import '../../lib/schema/zod-setup';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsForm } from '../../components/OptionsForm';
import { SETTINGS_KEY } from '../../lib/background/settings-store';
import { askBackground } from '../../lib/messaging';
import { translate } from '../../lib/overlay/i18n';
import { AgentSettings } from '../../lib/schema/config';
import '../../components/pages.css';

const app = document.getElementById('app');
if (app) {
  render(
    <OptionsForm
      t={translate}
      loadConfig={() => askBackground({ kind: 'getConfig' })}
      loadSettings={async () => ((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {}) as AgentSettings}
      saveSettings={async (settings) => {
        const parsed = AgentSettings.safeParse(settings);
        if (!parsed.success) {
          return {
            ok: false,
            errors: parsed.error.issues.map((issue) => ({
              field: String(issue.path[0] ?? ''),
              message: issue.message,
            })),
          };
        }
        await browser.storage.local.set({ [SETTINGS_KEY]: parsed.data });
        return { ok: true };
      }}
    />,
    app,
  );
}
