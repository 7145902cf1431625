import { t } from '../i18n';

/** The rollout area (admin). Its own pages route under this one. */
export default function Rollout() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.rollout')}</h1>
    </section>
  );
}
