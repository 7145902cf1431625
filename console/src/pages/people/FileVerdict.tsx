import { t } from '../../i18n';
import { type CsvInspection, hasIdColumn, looksSemicolonOrTab } from './csv-file';

/** The text to upload once the file is fit for it, or undefined while something about it must be put right. */
export function uploadable(inspection: CsvInspection, converted: boolean): string | undefined {
  if (inspection.kind === 'utf8' && hasIdColumn(inspection.header)) return inspection.text;
  if (inspection.kind === 'gbk' && converted && hasIdColumn(inspection.header)) return inspection.text;
  return undefined;
}

/** Says what the chosen file is and, when it cannot go as it is, exactly what to do about it. */
export function FileVerdict({
  name,
  inspection,
  converted,
  onConvert,
}: {
  name: string;
  inspection: CsvInspection;
  converted: boolean;
  onConvert: () => void;
}) {
  switch (inspection.kind) {
    case 'empty':
      return <Problem text={t('people.import.file.empty', { name })} />;
    case 'workbook':
      return <Problem text={t('people.import.file.workbook', { name })} />;
    case 'binary':
      return <Problem text={t('people.import.file.binary', { name })} />;
    case 'unknown-encoding':
      return <Problem text={t('people.import.file.encoding', { name })} />;
    case 'gbk':
      return (
        <div class="file-verdict" data-verdict="gbk">
          <p role="alert">{t('people.import.file.gbk', { name })}</p>
          <p class="hint">{t('people.import.file.gbkHow')}</p>
          {converted ? (
            <p role="status">{t('people.import.file.converted')}</p>
          ) : (
            <button type="button" onClick={onConvert}>
              {t('people.import.file.convert')}
            </button>
          )}
          {converted && <Columns header={inspection.header} />}
        </div>
      );
    case 'utf8':
      return (
        <div class="file-verdict" data-verdict={inspection.bom ? 'bom' : 'utf8'}>
          <p role="status">
            {inspection.bom ? t('people.import.file.bom', { name }) : t('people.import.file.ok', { name })}
          </p>
          <Columns header={inspection.header} />
        </div>
      );
  }
}

function Columns({ header }: { header: string[] }) {
  if (hasIdColumn(header)) return <p class="hint">{t('people.import.file.columns', { columns: header.join(', ') })}</p>;
  return (
    <Problem
      text={
        looksSemicolonOrTab(header)
          ? t('people.import.file.separator')
          : t('people.import.file.noId', { columns: header.join(', ') })
      }
    />
  );
}

function Problem({ text }: { text: string }) {
  return (
    <p class="problem" role="alert" data-verdict="refused">
      {text}
    </p>
  );
}
