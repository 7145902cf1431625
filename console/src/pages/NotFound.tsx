import { t } from '../i18n';

export function NotFound() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </section>
  );
}
