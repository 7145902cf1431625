import { t } from '../i18n';

export function LoadState({ state, message, retry }: { state: string; message?: string; retry: () => void }) {
  if (state === 'loading')
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  if (state === 'failed')
    return (
      <div class="problem" role="alert">
        <p>{t('common.error', { message: message ?? '' })}</p>
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  return null;
}
