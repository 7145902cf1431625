import { performance } from 'node:perf_hooks';
import type { CustomerImportProgress } from '../../lib/schema/api';

export interface ImportRun {
  rows: number;
  attempts: number;
  /** Seconds from the first byte sent to the 202 (the file spooled by the server). */
  receivedSeconds?: number;
  /** Seconds from the first byte sent to the end of the import. */
  doneSeconds?: number;
  status: CustomerImportProgress['status'] | 'not started';
  progressEvents: number;
  report?: CustomerImportProgress['report'];
}

/** A CRM export of `rows` customers, the shape the import bench uses. */
export function exportOf(rows: number): string {
  const lines = ['id,email,name,lifetime_value,orders_last_90_days,tags,org.plan'];
  for (let i = 0; i < rows; i++)
    lines.push(`load-${i},customer${i}@example.com,"Customer ${i}, Ltd",${(i * 37) % 50_000},${i % 9},vip;b2b,gold`);
  return `${lines.join('\n')}\n`;
}

/** Follows the import's event stream to its end, reconnecting (to whichever instance) when the stream breaks. */
async function follow(url: string, token: string, location: string, deadline: number) {
  let progressEvents = 0;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}${location}/events`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200 || !response.body) throw new Error(`events answered ${response.status}`);
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data) continue;
          progressEvents += 1;
          if (/^event: end$/m.test(block)) return { final: JSON.parse(data) as CustomerImportProgress, progressEvents };
        }
      }
    } catch {
      // The instance holding the stream went away; any other can tell how the import stands.
    }
    await new Promise((done) => setTimeout(done, 1_000));
  }
  throw new Error('the import did not end in time');
}

/**
 * An admin's customer import during the load, the way the console would run it: upload with
 * `Prefer: respond-async`, follow the progress stream, and upload again if the import was interrupted (its
 * instance died): customers are upserted by id, so a second upload completes it without doubles.
 */
export async function runImport(
  url: string,
  token: string,
  rows: number,
  mark: (what: string) => void,
): Promise<ImportRun> {
  const file = exportOf(rows);
  const run: ImportRun = { rows, attempts: 0, status: 'not started', progressEvents: 0 };
  const started = performance.now();
  const seconds = () => Math.round(performance.now() - started) / 1000;
  while (run.attempts < 3) {
    run.attempts += 1;
    const response = await fetch(`${url}/api/v1/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', prefer: 'respond-async' },
      body: file,
    }).catch((error: unknown) => error as Error);
    if (response instanceof Error || response.status !== 202) {
      mark(`import upload ${run.attempts}: ${response instanceof Error ? response.message : response.status}`);
      await new Promise((done) => setTimeout(done, 2_000));
      continue;
    }
    run.receivedSeconds ??= seconds();
    mark(`import received in ${seconds()} s`);
    const location = response.headers.get('location') ?? '';
    await response.arrayBuffer();
    const { final, progressEvents } = await follow(url, token, location, Date.now() + 15 * 60_000);
    run.progressEvents += progressEvents;
    run.status = final.status;
    run.report = final.report;
    if (final.status === 'done') {
      run.doneSeconds = seconds();
      mark(`import done in ${run.doneSeconds} s (${progressEvents} progress events)`);
      return run;
    }
    mark(`import ${final.status}: ${final.error ?? ''}; uploading again`);
  }
  return run;
}
