/**
 * What an uploaded customer file really is, read from its bytes before anything is sent: CRM exports arrive as
 * Excel workbooks, as GBK/GB18030 (Chinese CRMs and Excel on a Chinese Windows save CSV that way), with a UTF-8
 * byte-order mark, or empty. The server reads UTF-8 only, so each case is named here rather than as a server error.
 */
export type CsvInspection =
  | { kind: 'empty' }
  | { kind: 'workbook' }
  | { kind: 'binary' }
  | { kind: 'unknown-encoding' }
  /** Readable only as GBK/GB18030: `text` is the decoded file, to upload as UTF-8 once the user agrees. */
  | { kind: 'gbk'; text: string; header: string[] }
  | { kind: 'utf8'; bom: boolean; text: string; header: string[] };

const BOM = [0xef, 0xbb, 0xbf];

export function inspectCsv(bytes: Uint8Array): CsvInspection {
  const bom = BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return { kind: 'empty' };
  // .xlsx is a zip (PK\3\4); .xls an OLE compound file (D0 CF 11 E0).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    return { kind: 'workbook' };
  if (body.subarray(0, 8192).includes(0)) return { kind: 'binary' };
  const utf8 = decode('utf-8', body);
  if (utf8 !== undefined) return { kind: 'utf8', bom, text: utf8, header: headerOf(utf8) };
  const gbk = decode('gb18030', body);
  if (gbk !== undefined) return { kind: 'gbk', text: gbk, header: headerOf(gbk) };
  return { kind: 'unknown-encoding' };
}

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return prefix.every((b, i) => bytes[i] === b);
}

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first line's column names (quotes removed); enough to say whether the id column is there. */
export function headerOf(text: string): string[] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of first) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      names.push(current.trim());
      current = '';
    } else current += char;
  }
  names.push(current.trim());
  return names;
}

/** Column names compare as the server compares them: case, spaces, dashes and underscores ignored. */
export const columnKey = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** The server needs a customer id column (`id` or `customer id`); without it the whole file is refused. */
export function hasIdColumn(header: string[]): boolean {
  return header.some((name) => ['id', 'customerid'].includes(columnKey(name)));
}

/** A file's header that looks like a different separator (Excel in many locales saves with `;` or tabs). */
export function looksSemicolonOrTab(header: string[]): boolean {
  return header.length === 1 && /[;\t]/.test(header[0] ?? '');
}
