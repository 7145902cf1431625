import { type Answer, api, errorMessage } from '../../api/client';

export type ImportReport = NonNullable<Answer<'getCustomerImport'>['report']>;
export type ImportProgress = Answer<'getCustomerImport'>;

/** The server's word on an upload: a report (checked, maybe refused with bad lines) or why the file was refused. */
export type Checked = { report: ImportReport } | { problem: string };

const csv = { 'content-type': 'text/csv; charset=utf-8' };
// The body is the CSV text itself, not JSON.
const asIs = (body: string) => body;

/** A dry run: every line checked, nothing written; waits for the report. */
export async function dryRun(text: string): Promise<Checked> {
  const { data, error, response } = await api.POST('/api/v1/customers/import', {
    params: { query: { dryRun: 'true' }, header: {} },
    headers: csv,
    body: text,
    bodySerializer: asIs,
  });
  // 422 is a checked file with bad lines: its body is the report, which openapi-fetch hands over as `error`.
  const report = (response.status === 422 ? error : data) as ImportReport | undefined;
  if ((response.ok || response.status === 422) && report && 'errors' in report) return { report };
  return { problem: errorMessage(error, response.status) };
}

/** The real import, answered as soon as the file is received; its progress follows on the events stream. */
export async function startImport(text: string): Promise<ImportProgress | { problem: string }> {
  const { data, error, response } = await api.POST('/api/v1/customers/import', {
    params: { query: {}, header: { prefer: 'respond-async' } },
    headers: csv,
    body: text,
    bodySerializer: asIs,
  });
  if (response.status === 202 && data && 'percent' in data) return data;
  return { problem: errorMessage(error, response.status) };
}

/**
 * Follows an import's server-sent progress until its end. EventSource reconnects by itself after a dropped
 * connection, and the stream's first event is always the current state, so nothing is missed.
 */
export function followImport(id: string, onProgress: (progress: ImportProgress) => void): () => void {
  const source = new EventSource(`/api/v1/customers/imports/${encodeURIComponent(id)}/events`);
  const read = (event: MessageEvent<string>) => onProgress(JSON.parse(event.data) as ImportProgress);
  source.addEventListener('progress', read);
  source.addEventListener('end', (event) => {
    read(event);
    source.close();
  });
  return () => source.close();
}
