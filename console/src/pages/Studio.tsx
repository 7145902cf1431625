import { t } from '../i18n';

/** The studio area (trainer, admin). Its own pages route under this one. */
export default function Studio() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.studio')}</h1>
    </section>
  );
}
