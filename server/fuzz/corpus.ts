import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** Where an independent engineer keeps attack inputs (not written by the authors of the code they attack). */
export const ATTACK_CORPUS_DIR = join(import.meta.dirname, '../../test/fixtures/attacks');

export interface Attack {
  /** Where it came from: file, and entry when a file holds many. */
  source: string;
  /** Text to put in every string field of a valid body. */
  payload?: string;
  /** A whole request body, sent as it is. */
  raw?: Buffer;
  contentType?: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const PAYLOAD_KEYS = [
  'payload',
  'payloads',
  'value',
  'values',
  'input',
  'inputs',
  'string',
  'strings',
  'text',
  'attack',
];
const BODY_KEYS = ['body', 'raw', 'request'];

/** An entry of a JSON corpus file: a string, or an object naming its payload or body in one of the usual keys. */
function fromEntry(entry: unknown, source: string): Attack[] {
  if (typeof entry === 'string') return [{ source, payload: entry }];
  if (!entry || typeof entry !== 'object') return [{ source, raw: Buffer.from(JSON.stringify(entry)) }];
  const record = entry as Record<string, unknown>;
  const contentType = [record.contentType, record.content_type].find((v) => typeof v === 'string') as
    | string
    | undefined;
  const name = [record.name, record.id, record.description].find((v) => typeof v === 'string');
  const at = name ? `${source} (${name})` : source;
  for (const key of BODY_KEYS) {
    const body = record[key];
    if (body === undefined) continue;
    return [{ source: at, raw: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), contentType }];
  }
  for (const key of PAYLOAD_KEYS) {
    const payload = record[key];
    if (typeof payload === 'string') return [{ source: at, payload, contentType }];
    if (Array.isArray(payload)) return payload.flatMap((p, i) => fromEntry(p, `${at}[${i}]`));
  }
  return [{ source: at, raw: Buffer.from(JSON.stringify(entry)), contentType }];
}

/**
 * Every attack in the corpus, whatever shape its files take: JSON files (a list, or an object holding lists, of
 * strings or of objects with a payload or body), word lists (.txt: one payload a line), and any other file as one
 * raw body. Empty when the corpus is not there.
 */
export function loadAttacks(dir = ATTACK_CORPUS_DIR): Attack[] {
  if (!existsSync(dir)) return [];
  return files(dir)
    .sort()
    .flatMap((path): Attack[] => {
      const source = relative(dir, path);
      const bytes = readFileSync(path);
      const extension = extname(path).toLowerCase();
      if (['.md', '.license'].includes(extension) || /^readme/i.test(source)) return [];
      if (extension === '.json') {
        try {
          const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
          if (Array.isArray(parsed)) return parsed.flatMap((entry, i) => fromEntry(entry, `${source}#${i}`));
          if (parsed && typeof parsed === 'object') {
            const lists = Object.entries(parsed).filter(([, value]) => Array.isArray(value));
            if (lists.length)
              return lists.flatMap(([key, list]) =>
                (list as unknown[]).flatMap((entry, i) => fromEntry(entry, `${source}:${key}#${i}`)),
              );
            return fromEntry(parsed, source);
          }
        } catch {
          // Not valid JSON: that is the attack; send it as it is.
        }
        return [{ source, raw: bytes, contentType: 'application/json' }];
      }
      if (extension === '.txt' || extension === '.lst')
        return bytes
          .toString('utf8')
          .split(/\r?\n/)
          .filter((line) => line.length > 0 && !line.startsWith('#'))
          .map((payload, i) => ({ source: `${source}:${i + 1}`, payload }));
      return [{ source, raw: bytes, contentType: extension === '.csv' ? 'text/csv' : undefined }];
    });
}
