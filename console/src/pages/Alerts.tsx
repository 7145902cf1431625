import { t } from '../i18n';

/** Alerts: built on the console-api contract (alerts and improvement actions) once it lands. */
export default function Alerts() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('alerts.title')}</h1>
      <p>{t('alerts.unavailable')}</p>
    </section>
  );
}
