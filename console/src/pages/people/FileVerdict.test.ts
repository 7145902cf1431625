import { describe, expect, it } from 'vitest';
import { inspectCsv } from './csv-file';
import { uploadable } from './FileVerdict';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('uploadable', () => {
  it('sends UTF-8 with an id column as it is, without the byte-order mark', () => {
    expect(uploadable(inspectCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('id\n1\n')])), false)).toBe('id\n1\n');
  });

  it('sends GBK only once the admin agreed to convert it', () => {
    const gbk = inspectCsv(new Uint8Array([...bytes('id,name\n1,'), 0xd5, 0xc5, 0x0a]));
    expect(uploadable(gbk, false)).toBeUndefined();
    expect(uploadable(gbk, true)).toBe('id,name\n1,张\n');
  });

  it('sends nothing without an id column, nor an empty file or a workbook', () => {
    expect(uploadable(inspectCsv(bytes('customer,email\n')), false)).toBeUndefined();
    expect(uploadable(inspectCsv(new Uint8Array()), true)).toBeUndefined();
    expect(uploadable(inspectCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04])), true)).toBeUndefined();
  });
});
