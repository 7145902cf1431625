import type { PolicyFile } from '../../../../lib/policy';
import { type MessageKey, t } from '../../i18n';
import { downloadText } from './download';

/** The generated files: where each goes, what it leaves out, a preview and its download. */
export function PolicyFiles({ files }: { files: PolicyFile[] }) {
  return (
    <section class="panel rollout-files" aria-labelledby="rollout-files-title">
      <h2 id="rollout-files-title">{t('rollout.files.title', { n: files.length })}</h2>
      <ul>
        {files.map((file) => (
          <li key={file.name} data-file={file.name}>
            <h3>{file.name}</h3>
            <p class="hint">
              {t(`rollout.browser.${file.browser}` as MessageKey)} ·{' '}
              {t(`rollout.platform.${file.platform}` as MessageKey)} ·{' '}
              {t(`rollout.install.${file.format}` as MessageKey)}
            </p>
            {file.installPaths.length > 0 && (
              <ul class="rollout-paths" aria-label={t('rollout.install.paths')}>
                {file.installPaths.map((path) => (
                  <li key={path}>
                    <code>{path}</code>
                  </li>
                ))}
              </ul>
            )}
            {file.omitted.length > 0 && (
              <p class="rollout-notice">{t('rollout.files.omitted', { keys: file.omitted.join(', ') })}</p>
            )}
            <button
              type="button"
              class="primary"
              onClick={() => downloadText(file.name, file.content, file.mediaType)}
              aria-label={t('rollout.files.download', { name: file.name })}
            >
              {t('rollout.files.downloadShort')}
            </button>
            <details>
              <summary>{t('rollout.files.preview')}</summary>
              <textarea
                class="rollout-preview"
                readOnly
                rows={16}
                spellcheck={false}
                aria-label={t('rollout.files.previewOf', { name: file.name })}
                value={file.content}
              />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
