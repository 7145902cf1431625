/**
 * Windows registry (.reg) values. regedit reads a "Version 5.00" file as UTF-16 when it has a BOM and as the
 * machine's ANSI code page otherwise, so a team name in Chinese would arrive garbled from a UTF-8 file. Every
 * string that is not plain printable ASCII is therefore written as `hex(1):` (REG_SZ as UTF-16LE bytes), which
 * keeps the whole file ASCII and readable by any regedit, and also carries line breaks a quoted value cannot.
 */
const PLAIN = /^[\x20-\x7e]*$/;

/** A quoted .reg string: backslash and double quote are the only escapes regedit knows. */
export function quoteRegString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** REG_SZ as UTF-16LE bytes with its terminating NUL, wrapped the way regedit exports long values. */
export function hexRegString(text: string): string {
  const bytes: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(hex2(unit & 0xff), hex2(unit >> 8));
  }
  bytes.push('00', '00');
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 24) lines.push(bytes.slice(i, i + 24).join(','));
  return `hex(1):${lines.join(',\\\n  ')}`;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** `"name"=value` for a string, integer (REG_DWORD) or boolean (REG_DWORD 0/1). */
export function regValue(name: string, value: string | number | boolean): string {
  const key = quoteRegString(name);
  if (typeof value === 'string') return `${key}=${PLAIN.test(value) ? quoteRegString(value) : hexRegString(value)}`;
  const number = typeof value === 'boolean' ? Number(value) : value;
  if (!Number.isInteger(number) || number < 0 || number > 0xffffffff) {
    throw new Error(`${name}: ${value} does not fit a REG_DWORD`);
  }
  return `${key}=dword:${number.toString(16).padStart(8, '0')}`;
}

/** One registry key's section. */
export function regSection(path: string, lines: string[]): string {
  return [`[${path}]`, ...lines].join('\n');
}

export const REG_HEADER = 'Windows Registry Editor Version 5.00';
