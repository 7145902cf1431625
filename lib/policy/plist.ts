const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text safe inside an XML element: the five predefined entities, and a carriage return as a character reference
 * because XML parsers turn a literal CR (and CR LF) into LF.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? '&#13;');
}

/** A property-list value (the subset JSON policies use). */
export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

/** One value as plist XML, indented by `depth` two-space steps; integers only, as policies carry no reals. */
export function plistValue(value: PlistValue, depth: number): string {
  const pad = '  '.repeat(depth);
  if (typeof value === 'string') return `${pad}<string>${escapeXml(value)}</string>`;
  if (typeof value === 'boolean') return `${pad}<${value}/>`;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`${value}: a policy number must be an integer`);
    return `${pad}<integer>${value}</integer>`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}<array/>`;
    return [`${pad}<array>`, ...value.map((item) => plistValue(item, depth + 1)), `${pad}</array>`].join('\n');
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return `${pad}<dict/>`;
  return [
    `${pad}<dict>`,
    ...entries.flatMap(([key, item]) => [`${pad}  <key>${escapeXml(key)}</key>`, plistValue(item, depth + 1)]),
    `${pad}</dict>`,
  ].join('\n');
}

/** A whole property-list document around one top-level dictionary. */
export function plistDocument(root: { [key: string]: PlistValue }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plistValue(root, 0),
    '</plist>',
    '',
  ].join('\n');
}
