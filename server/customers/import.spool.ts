import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export class UploadTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`Customer imports are limited to ${limitBytes} bytes.`);
  }
}

/**
 * Writes an upload to `path` as it arrives, stopping at `limitBytes`. Nothing touches the database while the
 * client sends: however slowly the file comes in, no transaction and no pool connection waits on it. On any failure
 * (too large, cut off, disk) the partial file is removed.
 */
export async function spoolUpload(
  body: ReadableStream<Uint8Array>,
  path: string,
  limitBytes: number,
  onBytes: (received: number) => void,
): Promise<number> {
  let received = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.byteLength;
      if (received > limitBytes) return done(new UploadTooLarge(limitBytes));
      onBytes(received);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), count, createWriteStream(path));
    return received;
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}
