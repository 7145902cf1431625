import { describe, expect, it } from 'vitest';
import { hasIdColumn, headerOf, inspectCsv, looksSemicolonOrTab } from './csv-file';

const utf8 = (text: string) => new TextEncoder().encode(text);
// "id,name\nc-1,张伟\n" as a Chinese CRM exports it: 张 = D5 C5, 伟 = CE B0 in GBK.
const gbk = new Uint8Array([...utf8('id,name\nc-1,'), 0xd5, 0xc5, 0xce, 0xb0, 0x0a]);

describe('inspectCsv', () => {
  it('reads plain UTF-8 and names its columns', () => {
    expect(inspectCsv(utf8('id,"Turing, Alan",email\n1,x,y\n'))).toEqual({
      kind: 'utf8',
      bom: false,
      text: 'id,"Turing, Alan",email\n1,x,y\n',
      header: ['id', 'Turing, Alan', 'email'],
    });
  });

  it('accepts UTF-8 with a byte-order mark and says so', () => {
    const found = inspectCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Customer ID,名字\n')]));
    expect(found).toMatchObject({ kind: 'utf8', bom: true, header: ['Customer ID', '名字'] });
  });

  it('recognises GBK that is not UTF-8, and decodes it', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(inspectCsv(gbk)).toEqual({ kind: 'gbk', text: 'id,name\nc-1,张伟\n', header: ['id', 'name'] });
  });

  it('names empty files, workbooks and binary files', () => {
    expect(inspectCsv(new Uint8Array())).toEqual({ kind: 'empty' });
    expect(inspectCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a]))).toEqual({ kind: 'empty' });
    expect(inspectCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ kind: 'workbook' });
    expect(inspectCsv(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]))).toEqual({ kind: 'workbook' });
    expect(inspectCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toEqual({ kind: 'binary' });
  });
});

describe('columns', () => {
  it('finds the id column however it is written', () => {
    expect(hasIdColumn(['Customer_ID', 'email'])).toBe(true);
    expect(hasIdColumn(['ID'])).toBe(true);
    expect(hasIdColumn(['customer', 'email'])).toBe(false);
  });

  it('spots a file separated by semicolons or tabs', () => {
    expect(looksSemicolonOrTab(headerOf('id;email;name'))).toBe(true);
    expect(looksSemicolonOrTab(headerOf('id,email'))).toBe(false);
  });
});
