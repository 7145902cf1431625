import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { checkedRows, emptyTally, ImportFileError, type RowTally } from './import.rows';

/** What the checker thread tells the import: a chunk of good rows (then it waits for `next`), its end, or why it stopped. */
export type RowsMessage =
  /** `rows`: the chunk's CheckedRow[] as one JSON text, which the database unpacks (one string crosses, not 500 objects). */
  | { type: 'chunk'; rows: string; bytesChecked: number; rowsChecked: number }
  | { type: 'end'; tally: RowTally }
  | { type: 'fileError'; message: string };

const port = parentPort;
if (!port) throw new Error('import.rows.worker runs as a worker thread');
const tally = emptyTally();
try {
  for await (const rows of checkedRows((workerData as { path: string }).path, tally)) {
    port.postMessage({
      type: 'chunk',
      rows: JSON.stringify(rows),
      bytesChecked: tally.bytesChecked,
      rowsChecked: tally.rows,
    } satisfies RowsMessage);
    // One chunk in flight: the file is read no faster than the database takes its rows.
    await once(port, 'message');
  }
  port.postMessage({ type: 'end', tally } satisfies RowsMessage);
} catch (error) {
  // Anything else ends the thread with an error event, which the import reports as a server error.
  if (!(error instanceof ImportFileError)) throw error;
  port.postMessage({ type: 'fileError', message: error.message } satisfies RowsMessage);
}
