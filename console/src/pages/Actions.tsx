import { t } from '../i18n';

/** Improvement actions: built on the console-api contract once it lands. */
export default function Actions() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('actions.title')}</h1>
      <p>{t('actions.unavailable')}</p>
    </section>
  );
}
