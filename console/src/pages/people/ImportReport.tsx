import { t } from '../../i18n';
import type { ImportReport } from './upload';

/** What a check or an import found: counts, then every bad line with its field, as the server reported them. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const counts = {
    rows: report.rows,
    inserted: report.inserted,
    updated: report.updated,
    errors: report.errorCount,
  };
  return (
    <section
      class="import-report"
      aria-labelledby={`report-${report.importId}`}
      data-report={report.dryRun ? 'dry' : 'real'}
    >
      <h3 id={`report-${report.importId}`}>
        {report.dryRun ? t('people.import.dryReport') : t('people.import.report')}
      </h3>
      <p data-counts>
        {report.dryRun ? t('people.import.wouldCounts', counts) : t('people.import.counts', counts)}
        {report.skipped > 0 && ` ${t('people.import.skipped', { skipped: report.skipped })}`}
      </p>
      {report.warnings.length > 0 && (
        <ul class="warnings">
          {report.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {report.errors.length > 0 && (
        <table class="list" data-list="import-errors">
          <caption>
            {report.errorCount > report.errors.length
              ? t('people.import.firstErrors', { shown: report.errors.length, total: report.errorCount })
              : t('people.import.errors')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('people.import.line')}</th>
              <th scope="col">{t('people.import.field')}</th>
              <th scope="col">{t('people.import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((problem) => (
              <tr key={`${problem.line}:${problem.field}`} data-line={problem.line}>
                <th scope="row">{problem.line}</th>
                <td>
                  <code>{problem.field}</code>
                </td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
