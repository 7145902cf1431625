import { t } from '../i18n';

/** The rules area (admin). Its own pages route under this one. */
export default function Rules() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.rules')}</h1>
    </section>
  );
}
