import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { liveMode, startLive } from '../state/live';

export function LiveStatus() {
  useEffect(() => startLive(), []);
  const mode = liveMode.value;
  return (
    <span class={`live live-${mode}`} data-live={mode} role="status">
      {mode === 'live' ? t('shell.live.on') : mode === 'polling' ? t('shell.live.polling') : t('shell.live.off')}
    </span>
  );
}
