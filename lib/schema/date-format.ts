/**
 * Date formats a generic adapter reads helpdesk times with: `iso` (ISO 8601, as `<time datetime>` carries it) or a
 * day.js parse format such as `MM/DD/YYYY hh:mm A` (Redmine in English) or `YYYY年MM月DD日 HH:mm`. Checked when
 * the description is saved, so a format day.js would read as literal text (date-fns' `yyyy`, PHP's `Y-m-d`) is
 * refused by name instead of never matching. Zod-free: the schema, the console's tester and the adapter share it.
 */
export const ISO_FORMAT = 'iso';

/** The tokens day.js's customParseFormat reads (https://day.js.org/docs/en/parse/string-format). */
const TOKENS = new Set([
  'YYYY',
  'YY',
  'M',
  'MM',
  'MMM',
  'MMMM',
  'D',
  'DD',
  'Do',
  'H',
  'HH',
  'h',
  'hh',
  'm',
  'mm',
  's',
  'ss',
  'S',
  'SS',
  'SSS',
  'A',
  'a',
  'Z',
  'ZZ',
]);
/** Escaped text, runs of letters, and everything else. */
const PARTS = /\[[^\]]*\]|[A-Za-z]+|[^A-Za-z[]+|\[/g;
/** Longest first, the way day.js splits a run of letters into tokens. */
const TOKEN = /YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|SS|S|ZZ|Z|A|a/y;

/** A run of letters as day.js tokens, or the run itself when it is not made only of tokens ("yyyy", "at"). */
function tokensOf(run: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < run.length) {
    const at = TOKEN.lastIndex;
    const token = TOKEN.exec(run)?.[0];
    if (!token) return [run];
    tokens.push(token);
    TOKEN.lastIndex = at + token.length;
  }
  return tokens;
}

/** The format's tokens (escaped `[text]` and literal runs left out). */
export function dateFormatTokens(format: string): string[] {
  return (format.match(PARTS) ?? []).filter((part) => /^[A-Za-z]/.test(part)).flatMap(tokensOf);
}

/** Whether the format says which offset from UTC the text is in (then no time zone is needed). */
export function dateFormatHasOffset(format: string): boolean {
  return format === ISO_FORMAT || dateFormatTokens(format).some((token) => token === 'Z' || token === 'ZZ');
}

/** Why a format cannot be used, or undefined. */
export function dateFormatProblem(format: string): string | undefined {
  if (format === ISO_FORMAT) return undefined;
  if (format.length === 0 || format.length > 60) return 'expected "iso" or a format of 1 to 60 characters';
  const tokens = dateFormatTokens(format);
  const unknown = tokens.find((token) => !TOKENS.has(token));
  if (unknown) {
    return `unknown token "${unknown}" (day.js tokens: YYYY MM DD HH hh mm ss A Z…; put literal text in [brackets])`;
  }
  const has = (...names: string[]) => tokens.some((token) => names.includes(token));
  if (!has('YYYY', 'YY') || !has('M', 'MM', 'MMM', 'MMMM') || !has('D', 'DD', 'Do')) {
    return 'needs a year, a month and a day (e.g. MM/DD/YYYY hh:mm A)';
  }
  return undefined;
}

/** Whether an IANA time zone name is known to this runtime's Intl (Node and browsers ship full ICU). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
