import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { type CsvInspection, inspectCsv } from './csv-file';
import { FileVerdict, uploadable } from './FileVerdict';
import { ImportReportView } from './ImportReport';
import { type Checked, dryRun, followImport, type ImportProgress, startImport } from './upload';

type Chosen = { name: string; inspection: CsvInspection };

/**
 * Customer CSV import: the file is read here first (encoding, columns), then checked by the server with nothing
 * written (the per-line report), and only a clean check unlocks the real import, whose progress the server streams.
 * One bad line means the server applies nothing, so a refused import never leaves customers half-updated.
 */
export function Import() {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [converted, setConverted] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [stop, setStop] = useState<(() => void) | null>(null);
  useEffect(() => () => stop?.(), [stop]);

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    stop?.();
    setChecked(null);
    setProgress(null);
    setProblem(null);
    setConverted(false);
    if (!file) return setChosen(null);
    setChosen({ name: file.name, inspection: inspectCsv(new Uint8Array(await file.arrayBuffer())) });
  }

  const text = chosen ? uploadable(chosen.inspection, converted) : undefined;

  async function check() {
    if (text === undefined) return;
    setBusy(true);
    setProgress(null);
    setChecked(await dryRun(text));
    setBusy(false);
  }

  async function run() {
    if (text === undefined) return;
    setBusy(true);
    const started = await startImport(text);
    setBusy(false);
    if ('problem' in started) return setProblem(started.problem);
    setProblem(null);
    setProgress(started);
    setStop(() => followImport(started.id, setProgress));
  }

  const clean = checked && 'report' in checked && checked.report.errorCount === 0 && checked.report.rows > 0;
  const running = progress && !['done', 'refused', 'failed', 'interrupted'].includes(progress.status);
  return (
    <div class="people-panel">
      <h2>{t('people.import.title')}</h2>
      <p class="hint">{t('people.import.help')}</p>
      <div class="people-field">
        <label for="import-file">{t('people.import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-file-help"
          onChange={(e) => void choose(e.currentTarget)}
        />
        <p id="import-file-help" class="hint">
          {t('people.import.fileHelp')}
        </p>
      </div>
      {chosen && (
        <FileVerdict
          name={chosen.name}
          inspection={chosen.inspection}
          converted={converted}
          onConvert={() => setConverted(true)}
        />
      )}
      <div class="import-steps">
        <button type="button" disabled={text === undefined || busy || Boolean(running)} onClick={() => void check()}>
          {t('people.import.check')}
        </button>
        <button type="button" disabled={!clean || busy || Boolean(running)} onClick={() => void run()}>
          {t('people.import.run')}
        </button>
      </div>
      {checked && 'problem' in checked && (
        <p class="problem" role="alert">
          {t('people.import.refused', { message: checked.problem })}
        </p>
      )}
      {checked && 'report' in checked && !progress && (
        <>
          <ImportReportView report={checked.report} />
          <p role="status">
            {clean
              ? t('people.import.cleanCheck')
              : checked.report.rows === 0
                ? t('people.import.noRows')
                : t('people.import.fixFirst')}
          </p>
        </>
      )}
      {problem && (
        <p class="problem" role="alert">
          {t('people.import.refused', { message: problem })}
        </p>
      )}
      {progress && <ImportProgressView progress={progress} />}
    </div>
  );
}

function ImportProgressView({ progress }: { progress: ImportProgress }) {
  return (
    <section class="import-progress" aria-labelledby="import-progress-title" data-status={progress.status}>
      <h3 id="import-progress-title">{t('people.import.progress')}</h3>
      <progress id="import-bar" max={100} value={progress.percent} aria-labelledby="import-progress-title" />
      <p role="status" data-percent={progress.percent}>
        {t('people.import.percent', {
          percent: progress.percent,
          status: t(`people.import.status.${progress.status}`),
        })}
      </p>
      {progress.error && (
        <p class="problem" role="alert">
          {progress.error}
        </p>
      )}
      {progress.report && <ImportReportView report={progress.report} />}
    </section>
  );
}
