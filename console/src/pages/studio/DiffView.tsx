import { t } from '../../i18n';
import type { ScriptDiff } from '../studio.data';
import { sideBySide } from './diff';

const shown = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') || '—' : value == null ? '—' : String(value);

/** Two versions side by side: the fields that changed, then the body line by line (changes marked in words too). */
export function DiffView({ diff, caption }: { diff: ScriptDiff; caption: string }) {
  const rows = sideBySide(diff.body);
  const mark = (change: string | undefined) =>
    change === 'added' ? t('studio.diff.added') : change === 'removed' ? t('studio.diff.removed') : '';
  return (
    <div class="studio-diff" data-diff={`${diff.from}-${diff.to}`}>
      {diff.fields.length > 0 && (
        <table>
          <caption>{t('studio.diff.fields', { from: diff.from, to: diff.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studio.diff.field')}</th>
              <th scope="col">{t('studio.diff.version', { version: diff.from })}</th>
              <th scope="col">{t('studio.diff.version', { version: diff.to })}</th>
            </tr>
          </thead>
          <tbody>
            {diff.fields.map((field) => (
              <tr key={field.field} data-field={field.field}>
                <th scope="row">{field.field}</th>
                <td>{shown(field.from)}</td>
                <td>{shown(field.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table class="studio-diff-body">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('studio.diff.version', { version: diff.from })}</th>
            <th scope="col">{t('studio.diff.version', { version: diff.to })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td class={`diff-${row.before?.change ?? 'none'}`} data-change={row.before?.change ?? 'none'}>
                {row.before && row.before.change !== 'same' && <span class="studio-sr">{mark(row.before.change)}</span>}
                {row.before?.text ?? ''}
              </td>
              <td class={`diff-${row.after?.change ?? 'none'}`} data-change={row.after?.change ?? 'none'}>
                {row.after && row.after.change !== 'same' && <span class="studio-sr">{mark(row.after.change)}</span>}
                {row.after?.text ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
