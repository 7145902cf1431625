import { t } from '../i18n';

/** The people area (admin). Its own pages route under this one. */
export default function People() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.people')}</h1>
    </section>
  );
}
