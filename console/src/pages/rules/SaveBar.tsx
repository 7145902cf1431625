import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { RuleSetEditor } from './useRuleSet';

/**
 * Save, and what came of it: the field errors' summary, the server's refusal, or a stale version with what the
 * other admin changed and the three ways out. The draft is never dropped unless the admin picks their version.
 */
export function SaveBar<T>({ editor, name }: { editor: RuleSetEditor<T>; name: string }) {
  const { save } = editor;
  const [clashes, setClashes] = useState<string[]>();
  const count = save.state === 'invalid' ? Object.keys(save.issues).length : 0;
  return (
    <div class="rules-save" data-save={save.state}>
      <button
        type="button"
        class="button"
        disabled={save.state === 'saving'}
        onClick={() => {
          setClashes(undefined);
          void editor.submit();
        }}
      >
        {save.state === 'saving' ? t('rules.saving') : t('rules.save', { name })}
      </button>
      <div role="status" aria-live="polite" class="rules-save-status">
        {save.state === 'saved' && t('rules.saved')}
        {editor.dirty && save.state === 'idle' && t('rules.unsaved')}
      </div>
      {save.state === 'invalid' && (
        <p class="rules-error" role="alert">
          {t('rules.invalid', { count })} {save.message}
          {save.issues[''] && ` ${save.issues['']}`}
        </p>
      )}
      {save.state === 'failed' && (
        <p class="rules-error" role="alert">
          {t('rules.failed', { message: save.message })}
        </p>
      )}
      {clashes && clashes.length > 0 && (
        <p class="rules-warning" role="status">
          {t('rules.conflict.clashes', { fields: clashes.join(', ') })}
        </p>
      )}
      {clashes && clashes.length === 0 && <p role="status">{t('rules.conflict.merged')}</p>}
      {save.state === 'conflict' && (
        <div class="rules-conflict" role="alert">
          <p>{t('rules.conflict.title')}</p>
          <p>{t('rules.conflict.changed')}</p>
          <ul>
            {save.conflict.changed.map((path) => (
              <li key={path}>
                <code>{path}</code>
              </li>
            ))}
          </ul>
          <div class="rules-row">
            <button type="button" class="button" onClick={() => setClashes(editor.resolve('merge'))}>
              {t('rules.conflict.merge')}
            </button>
            <button type="button" onClick={() => editor.resolve('mine')}>
              {t('rules.conflict.mine')}
            </button>
            <button type="button" onClick={() => editor.resolve('theirs')}>
              {t('rules.conflict.theirs')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
