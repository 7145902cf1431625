import { useState } from 'preact/hooks';
import { type DescriptionTestReport, testGenericDescription } from '../../../../lib/adapters/generic/tester';
import type { GenericAdapterDescription } from '../../../../lib/schema/adapter';
import { t } from '../../i18n';
import { Field } from './Field';

/**
 * What each selector of a description finds on a page the admin saved from their helpdesk. The HTML is parsed by
 * DOMParser into an inert document (lib/adapters/generic/tester.ts): its scripts never run, its images and styles
 * are never loaded, and every value found is shown as text. No URL is fetched: the page sits behind the agents'
 * helpdesk sign-in, which the DeskLens server does not have, and a server that fetches any address it is given
 * could be pointed at the internal network.
 */
export function AdapterTester({ description }: { description: GenericAdapterDescription | undefined }) {
  const [html, setHtml] = useState('');
  const [url, setUrl] = useState('');
  const [report, setReport] = useState<DescriptionTestReport | { error: string }>();

  function run(event: Event) {
    event.preventDefault();
    if (!description) return;
    try {
      new URL(url);
    } catch {
      return setReport({ error: t('rules.adapterTester.badUrl') });
    }
    setReport(testGenericDescription(description, { html, url }));
  }

  return (
    <section class="rules-tester panel" aria-labelledby="adapter-tester-title">
      <h2 id="adapter-tester-title">{t('rules.adapterTester.title')}</h2>
      <p class="hint">{t('rules.adapterTester.hint')}</p>
      <form onSubmit={run}>
        <Field
          path="url"
          label={t('rules.adapterTester.url')}
          issues={report && 'error' in report ? { url: report.error } : {}}
        >
          {(attrs) => (
            <input
              {...attrs}
              class="rules-wide"
              type="url"
              value={url}
              onInput={(e) => setUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field path="html" label={t('rules.adapterTester.html')} issues={{}}>
          {(attrs) => (
            <textarea
              {...attrs}
              class="rules-code"
              rows={8}
              value={html}
              onInput={(e) => setHtml(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="button" disabled={!description}>
          {t('rules.adapterTester.run')}
        </button>
        {!description && <p class="hint">{t('rules.adapterTester.fixFirst')}</p>}
      </form>
      <div aria-live="polite" class="rules-result">
        {report && !('error' in report) && (
          <>
            <p>
              {report.ticketId
                ? t('rules.adapterTester.ticket', { id: report.ticketId })
                : t('rules.adapterTester.noTicket')}
              {report.conversation &&
                ` ${t('rules.adapterTester.conversation', { items: report.conversation.items, messages: report.conversation.messages })}`}
            </p>
            <table class="rules-findings">
              <caption>{t('rules.adapterTester.findings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rules.adapterTester.col.path')}</th>
                  <th scope="col">{t('rules.adapterTester.col.selector')}</th>
                  <th scope="col">{t('rules.adapterTester.col.matched')}</th>
                  <th scope="col">{t('rules.adapterTester.col.value')}</th>
                  <th scope="col">{t('rules.adapterTester.col.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {report.findings.map((finding) => (
                  <tr key={finding.path} data-finding={finding.path} data-ok={String(finding.ok)}>
                    <th scope="row">
                      <code>{finding.path}</code>
                    </th>
                    <td>
                      <code>{finding.selector}</code>
                    </td>
                    <td>{finding.matched}</td>
                    <td>{finding.value ?? finding.raw ?? '—'}</td>
                    <td class={finding.ok ? 'rules-ok' : 'rules-miss'}>
                      {finding.ok
                        ? t('rules.adapterTester.ok')
                        : t('rules.adapterTester.miss', { problem: finding.problem ?? '' })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
