import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { dateFormatHasOffset, ISO_FORMAT } from '../../schema/date-format';
import { instantOf, type WallTime } from '../../sla/zoned-time';

dayjs.extend(customParseFormat);

/** ISO 8601 as helpdesks put it in `<time datetime>` and data attributes; the offset is optional. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

interface Wall extends WallTime {
  ms: number;
}

/** The instant a wall-clock time happens in `timeZone`, or in the browser's own zone when none is given. */
function atWallTime(wall: Wall, timeZone: string | undefined): number {
  if (!timeZone)
    return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms).getTime();
  return (
    instantOf(wall.year, wall.month, wall.day, wall.hour * 60 + wall.minute, timeZone) + wall.second * 1000 + wall.ms
  );
}

function parseIso(text: string, timeZone: string | undefined): number | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const offset = match[8];
  if (offset) {
    const withColon = offset === 'Z' || offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
    return Date.parse(`${text.slice(0, text.length - offset.length).replace(' ', 'T')}${withColon}`);
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  return atWallTime(
    {
      year: year ?? 0,
      month: month ?? 1,
      day: day ?? 1,
      hour: hour ?? 0,
      minute: minute ?? 0,
      second: second ?? 0,
      ms: Number((match[7] ?? '0').slice(0, 3).padEnd(3, '0')),
    },
    timeZone,
  );
}

/** Strict: the whole text must follow the format ("3 days ago" is not "MM/DD/YYYY"). */
function parseWall(text: string, format: string): Wall | undefined {
  const parsed = dayjs(text, format, true);
  if (!parsed.isValid()) return undefined;
  return {
    year: parsed.year(),
    month: parsed.month() + 1,
    day: parsed.date(),
    hour: parsed.hour(),
    minute: parsed.minute(),
    second: parsed.second(),
    ms: parsed.millisecond(),
  };
}

/** The text's last UTC offset: sign, hours, colon, minutes — or Z. */
const OFFSET = /([+-])(\d{2})(:?)(\d{2})(?!.*[+-]\d{2}:?\d{2})|(Z)(?!.*Z)/;

/**
 * A format with an offset token (`Z`, `ZZ`). day.js's strict mode compares against the text formatted in the
 * browser's own offset, so it refuses every other offset: the offset is read here, put back into the format as
 * literal text, and the rest is read strictly as a wall time in that offset.
 */
function parseWithOffset(text: string, format: string): number | undefined {
  const match = OFFSET.exec(text);
  if (!match) return undefined;
  const [whole, sign, hours, , minutesText, zulu] = match;
  const literal = format.replace(/\[[^\]]*\]|ZZ?/g, (part) => (part.startsWith('[') ? part : `[${whole}]`));
  const wall = parseWall(text, literal);
  if (!wall) return undefined;
  const minutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutesText));
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms) - minutes * 60_000;
}

/**
 * A helpdesk's date text as an ISO instant, read with the description's format (`iso` or a day.js format such as
 * `MM/DD/YYYY hh:mm A`) in its time zone (the browser's when none is given, which is what a helpdesk showing times
 * in the agent's own zone needs). Undefined when the text is not a date in that format: the caller reports it.
 */
export function parseHelpdeskDate(text: string, format: string, timeZone?: string): string | undefined {
  const trimmed = text.trim();
  let instant: number | undefined;
  if (format === ISO_FORMAT) instant = parseIso(trimmed, timeZone);
  else if (dateFormatHasOffset(format)) instant = parseWithOffset(trimmed, format);
  else {
    const wall = parseWall(trimmed, format);
    instant = wall ? atWallTime(wall, timeZone) : undefined;
  }
  if (instant === undefined || Number.isNaN(instant)) return undefined;
  return new Date(instant).toISOString();
}
