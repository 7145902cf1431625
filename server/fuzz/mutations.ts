import { Readable } from 'node:stream';

/** One hostile request body for a write route. */
export interface FuzzCase {
  name: string;
  body: () => string | Buffer | Readable;
  /** `null` sends no Content-Type at all. */
  contentType: string | null;
}

const JSON_TYPE = 'application/json';
const HUGE = 200 * 1024;
/** Above every request limit the server has, JSON or CSV. */
export const OVERSIZE = 3 * 1024 * 1024;

/** Strings that break naive code: NUL, lone surrogates, direction overrides, markup, SQL, paths, format strings. */
export const NASTY_STRINGS = [
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202egnp.exe',
  '<script>alert(1)</script>',
  "' OR '1'='1'; --",
  '../../../../etc/passwd',
  '%s%s%s%n',
  '{{constructor.constructor("return process")()}}',
  '=HYPERLINK("http://evil.example","x")',
  '𝕳𝖊𝖑𝖑𝖔 👩🏽‍💻 ﷽',
  ' '.repeat(1000),
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Paths to every value of `value` down to `depth` levels (arrays: their first element). */
function paths(value: Json, depth: number, at: Path = []): Path[] {
  if (depth === 0 || value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value)
    ? value.length > 0
      ? [paths(value[0] as Json, depth - 1, [...at, 0])]
      : []
    : Object.entries(value).map(([key, child]) => paths(child, depth - 1, [...at, key]));
  return [...(at.length ? [at] : []), ...children.flat()];
}

function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

function getAt(value: Json, path: Path): Json {
  let node: Json = value;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node;
}

/** A value of another JSON type than `value`. */
function wrongType(value: Json): Json {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { 0: value[0] ?? null };
  if (value && typeof value === 'object') return ['not', 'an', 'object'];
  return {};
}

const nested = (levels: number, open: string, close: string, inner = '1') =>
  open.repeat(levels) + inner + close.repeat(levels);

/** The same chunks as a stream, so the server sees no Content-Length and must count as it reads. */
function chunked(text: string): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < text.length; at += 64 * 1024) yield Buffer.from(text.slice(at, at + 64 * 1024));
    })(),
  );
}

/** Whole-body attacks for a JSON route, whatever its schema. */
export function jsonBodyCases(valid: Json): FuzzCase[] {
  const text = JSON.stringify(valid);
  const json = (name: string, body: () => string | Buffer | Readable): FuzzCase => ({
    name,
    body,
    contentType: JSON_TYPE,
  });
  return [
    json('malformed: cut short', () => text.slice(0, Math.max(1, Math.floor(text.length / 2)))),
    json('malformed: single quotes', () => text.replaceAll('"', "'")),
    json('malformed: trailing garbage', () => `${text}}}]]`),
    json('malformed: trailing comma', () => text.replace(/}$/, ',}')),
    json('malformed: not JSON at all', () => 'events=1&csat=5'),
    json('malformed: only a byte-order mark', () => '\ufeff'),
    json('malformed: invalid UTF-8', () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
    json('empty body', () => ''),
    json('null', () => 'null'),
    json('an array', () => '[]'),
    json('a string', () => '"hello"'),
    json('a number', () => '42'),
    json('true', () => 'true'),
    json('an empty object', () => '{}'),
    json('a number too large for a double', () => '{"n": 1e400}'),
    json('deep object nesting (100k levels)', () => nested(100_000, '{"a":', '}')),
    json('deep array nesting (200k levels)', () => nested(200_000, '[', ']')),
    json('a huge string under the body limit', () =>
      JSON.stringify({ ...asObject(valid), padding: 'A'.repeat(900_000) }),
    ),
    json('prototype pollution keys', () =>
      JSON.stringify(valid).replace(
        /^\{/,
        '{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"x":1}},',
      ),
    ),
    json('duplicate keys', () => text.replace(/^\{/, '{"id":"dup","id":"dup2",')),
    json('over the body limit, with Content-Length', () => JSON.stringify({ padding: 'B'.repeat(OVERSIZE) })),
    json('over the body limit, chunked', () => chunked(JSON.stringify({ padding: 'C'.repeat(OVERSIZE) }))),
    { name: 'sent as text/plain', body: () => text, contentType: 'text/plain' },
    { name: 'sent as a form', body: () => 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    {
      name: 'sent as multipart',
      body: () => `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${text}\r\n--x--\r\n`,
      contentType: 'multipart/form-data; boundary=x',
    },
    { name: 'sent without a content type', body: () => text, contentType: null },
    {
      name: 'JSON declared as UTF-16',
      body: () => Buffer.from(text, 'utf16le'),
      contentType: 'application/json; charset=utf-16',
    },
    { name: 'content type with junk parameters', body: () => text, contentType: 'application/json; ;;=; charset' },
  ];
}

const asObject = (value: Json): Record<string, Json> =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : { value };

/** Attacks on each field of a valid body: null, another type, huge, nasty text, extreme numbers, missing. */
export function jsonFieldCases(valid: Json, maxPaths = 14): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const path of paths(valid, 4).slice(0, maxPaths)) {
    const name = path.join('.');
    const current = getAt(valid, path);
    const variants: [string, Json | undefined][] = [
      ['null', null],
      ['another type', wrongType(current)],
      ['missing', undefined],
      ['a huge string', 'x'.repeat(HUGE)],
      ['nasty text', NASTY_STRINGS.join(' ')],
    ];
    if (typeof current === 'number')
      variants.push(['a huge number', 1e308], ['negative', -current - 1], ['a fraction', current + 0.5]);
    if (Array.isArray(current))
      variants.push(['10,000 copies', Array.from({ length: 10_000 }, () => current[0] ?? null)]);
    for (const [what, replacement] of variants)
      cases.push({
        name: `${name}: ${what}`,
        body: () => JSON.stringify(setAt(valid, path, replacement)),
        contentType: JSON_TYPE,
      });
  }
  return cases;
}

/** Attacks on a CSV upload. */
export function csvCases(validCsv: string): FuzzCase[] {
  const csv = (name: string, body: () => string | Buffer | Readable, contentType = 'text/csv'): FuzzCase => ({
    name,
    body,
    contentType,
  });
  return [
    csv('binary garbage', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))),
    csv('NUL bytes in fields', () => 'id,email,name\n\u0000a\u0000,\u0000@\u0000,x\nn1,n1@example.com,Nu\u0000ll\n'),
    csv('an unclosed quote', () => 'id,name\n1,"never closed\n2,x\n'),
    csv('one line of 900 KB', () => `id,name\n1,${'n'.repeat(900_000)}\n`),
    csv('a header of 50,000 columns', () => `id,${Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',')}\n1\n`),
    csv('only a byte-order mark', () => '\ufeff'),
    csv('UTF-16 content', () => Buffer.from(validCsv, 'utf16le')),
    csv('formula injection', () => 'id,name,email\n=cmd|"/c calc"!A1,@SUM(1+1),+1@example.com\n'),
    csv(
      'nasty text in every field',
      () => `id,name\n${NASTY_STRINGS.map((s, i) => `n${i},"${s.replaceAll('"', '""')}"`).join('\n')}\n`,
    ),
    csv('empty', () => ''),
    csv('over the import limit, chunked', () => chunked(`id,name\n${'1,x\n'.repeat(OVERSIZE / 4 + 1)}`)),
    csv('sent as JSON', () => validCsv, 'application/json'),
    { name: 'sent without a content type', body: () => validCsv, contentType: null },
  ];
}

/** The valid body with `payload` in every string it holds (one request per payload and route). */
export function withEveryString(valid: Json, payload: string): Json {
  if (typeof valid === 'string') return payload;
  if (Array.isArray(valid)) return valid.map((item) => withEveryString(item, payload));
  if (valid && typeof valid === 'object')
    return Object.fromEntries(Object.entries(valid).map(([key, child]) => [key, withEveryString(child, payload)]));
  return valid;
}

export type { Json };
