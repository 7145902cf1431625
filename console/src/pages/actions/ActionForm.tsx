import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { type Action, STATUSES } from '../actions.data';

/** Status, dates and evidence of one action; the server checks every field and names what is wrong. */
export function ActionForm({ action, onDone }: { action: Action; onDone: (saved: boolean) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `edit-${action.id}`;

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    const { error, response } = await api.PATCH('/api/v1/actions/{id}', {
      params: { path: { id: action.id } },
      body: {
        action: text('action'),
        problemDescription: text('problemDescription'),
        status: text('status') as Action['status'],
        plannedDate: text('plannedDate') || null,
        actualDate: text('actualDate') || null,
        evidence: {
          text: text('evidence'),
          links: text('links')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        },
      },
    });
    setBusy(false);
    if (response.ok) return onDone(true);
    const body = error as { error?: { message?: string; issues?: { path: string; message: string }[] } } | undefined;
    const issues = body?.error?.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    setProblem(t('actions.saveFailed', { message: issues || body?.error?.message || `HTTP ${response.status}` }));
  }

  return (
    <form class="action-form" onSubmit={save} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{t('actions.edit.title')}</h3>
      <label class="full">
        {t('actions.action')}
        <textarea
          name="action"
          rows={2}
          required
          defaultValue={action.action}
          aria-describedby={`${prefix}-action-help`}
        />
      </label>
      <p id={`${prefix}-action-help`} class="hint full">
        {t('actions.action.help')}
      </p>
      <label class="full">
        {t('actions.problem.description')}
        <textarea name="problemDescription" rows={2} required defaultValue={action.problem.description} />
      </label>
      <label>
        {t('actions.status')}
        <select name="status" defaultValue={action.status}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`actions.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('actions.planned')}
        <input type="date" name="plannedDate" defaultValue={action.plannedDate ?? ''} />
      </label>
      <label>
        {t('actions.actual')}
        <input type="date" name="actualDate" defaultValue={action.actualDate ?? ''} />
      </label>
      <label class="full">
        {t('actions.evidence')}
        <textarea name="evidence" rows={3} defaultValue={action.evidence.text} aria-describedby={`${prefix}-help`} />
      </label>
      <p id={`${prefix}-help`} class="hint full">
        {t('actions.evidence.help')}
      </p>
      <label class="full">
        {t('actions.links')}
        <textarea name="links" rows={2} defaultValue={action.evidence.links.join('\n')} />
      </label>
      {problem && (
        <p class="problem full" role="alert">
          {problem}
        </p>
      )}
      <div class="full buttons">
        <button type="submit" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" class="secondary" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
