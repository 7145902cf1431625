import { Transform } from 'node:stream';

/** A file that is not UTF-8 text: refused as a whole, since its names and emails cannot be read as written. */
export class NotUtf8 extends Error {}

const SAVE_AS_UTF8 =
  'Save it as UTF-8 (in Excel: Save As → "CSV UTF-8 (comma delimited)") and upload it again; nothing was imported.';
const UTF16 = `The file is UTF-16 text, but customer imports read UTF-8 only. ${SAVE_AS_UTF8}`;
const notUtf8 = (line: number) =>
  `The file is not UTF-8: line ${line} holds bytes that are not UTF-8 text (Excel's plain "CSV" saves them in ` +
  `Windows-1252, for instance). ${SAVE_AS_UTF8}`;

const NEWLINE = 0x0a;
const NOTHING = new Uint8Array(0);
/** The bytes looked at to tell UTF-16 without a byte-order mark: the header line and then some. */
const UTF16_SAMPLE = 512;

/**
 * UTF-16 by its byte-order mark, or by the NUL every other byte that its ASCII characters (the header, ids, emails)
 * carry. Without a mark such a file is valid UTF-8 full of NULs, so decoding alone would not say what it is.
 */
function looksUtf16(start: Uint8Array): boolean {
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) return true;
  const sample = start.subarray(0, UTF16_SAMPLE);
  const pairs = Math.floor(sample.length / 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i++) if (sample[i] === 0) i % 2 ? odd++ : even++;
  return pairs >= 2 && Math.max(even, odd) >= pairs / 2 && Math.min(even, odd) < pairs / 4;
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/**
 * Which line of `bytes` (0 for the first) holds the first byte that is not UTF-8. A newline is never part of a
 * multi-byte character, so the lines can be decoded one by one; each includes its newline, which is what shows a
 * character cut short at the end of a line.
 */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 0;
  for (let start = 0; start < bytes.length; line++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    try {
      decoder.decode(bytes.subarray(start, end), { stream: true });
    } catch {
      return line;
    }
    start = end;
  }
  return line;
}

/** The start of a character that `before` and `chunk` end in and the next chunk finishes (at most 3 bytes). */
function unfinished(before: Uint8Array, chunk: Uint8Array): Uint8Array {
  const tail = chunk.length >= 3 ? chunk.subarray(-3) : Buffer.concat([before, chunk]).subarray(-3);
  for (let back = 1; back <= tail.length; back++) {
    const byte = tail[tail.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return size > back ? Uint8Array.from(tail.subarray(-back)) : NOTHING;
  }
  return NOTHING;
}

/**
 * Passes a file's bytes on unchanged once they are known to be UTF-8, failing with NotUtf8 at the first chunk that
 * is not. The decoder streams, so a character split between two chunks is read whole, and it keeps nothing but that
 * character's first bytes: memory stays flat whatever the file's size. The line of a bad byte is only looked for
 * once there is one. Expects the file's first chunk to be its first kilobytes (a read stream's is 64 KiB).
 */
export function utf8Only(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let started = false;
  /** The line the next chunk starts on. */
  let line = 1;
  /** The first bytes of a character the previous chunk began, which the decoder holds for the next one. */
  let pending: Uint8Array = NOTHING;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!started && looksUtf16(chunk)) return done(new NotUtf8(UTF16));
      started = true;
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(new NotUtf8(notUtf8(line + firstBadLine(Buffer.concat([pending, chunk])))));
      }
      line += countNewlines(chunk);
      pending = unfinished(pending, chunk);
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
      } catch {
        // The file ends inside a character: on its last line, since a newline would have ended that character.
        return done(new NotUtf8(notUtf8(line)));
      }
      done();
    },
  });
}
