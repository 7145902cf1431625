import type { DateSource, FieldSource } from '../../schema/adapter';
import { MAX_MATCHED_TEXT } from '../../schema/matched-text';
import { parseHelpdeskDate } from './dates';

/**
 * Reading one described value from host-page elements (lib/schema/adapter.ts `FieldSource`): attribute or text,
 * prefix trimmed, first capture group of a pattern. Shared by the adapter and the admin's tester, so the tester
 * reports exactly what the overlay will read. Host-page text is untrusted: it is cut to a bounded length before any
 * pattern runs on it, and only ever used as text.
 */

/** How many elements one field looks at, at most (a selector matching the whole page must stay cheap). */
const MAX_CANDIDATES = 50;

export interface FieldReading {
  /** The value read, when one was. */
  value?: string;
  /** Elements the selector matched (up to the candidate limit). */
  matched: number;
  /** The raw value of the first element matched, before trimming and pattern (for the tester). */
  raw?: string;
  /** Elements matched but none gave a value: the pattern never matched, or every value was empty. */
  unmatched?: 'pattern' | 'empty';
}

/**
 * An element's own value: an input's or select's value, a same-origin iframe's text (Znuny and OTRS show each
 * message's rich text in a frame of its own), else its text with runs of white space made one space.
 */
export function elementText(element: Element): string {
  if (element.localName === 'iframe') {
    // A cross-origin frame's document is null: no text, never an error.
    const body = (element as HTMLIFrameElement).contentDocument?.body;
    return (body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  if (element.localName === 'input' || element.localName === 'textarea') {
    return (element as HTMLInputElement).value.trim();
  }
  if (element.localName === 'select') {
    const select = element as HTMLSelectElement;
    return (select.selectedOptions[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Compiled patterns, by source: a description's handful of patterns run on every page change. */
const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(source);
    compiled.set(source, found);
  }
  return found;
}

function fieldValue(element: Element, source: Omit<FieldSource, 'selector'>): { raw: string; value?: string } {
  const raw = (source.attribute ? (element.getAttribute(source.attribute) ?? '') : elementText(element)).slice(
    0,
    MAX_MATCHED_TEXT,
  );
  let value = raw.trim();
  if (source.trimPrefix && value.startsWith(source.trimPrefix)) value = value.slice(source.trimPrefix.length).trim();
  if (source.pattern) value = regex(source.pattern).exec(value)?.[1]?.trim() ?? '';
  return { raw, value: value || undefined };
}

function candidates(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll(selector)) {
    found.push(element);
    if (found.length >= MAX_CANDIDATES) break;
  }
  return found;
}

/** The first matched element's value that survives trimming and the pattern. */
export function readField(root: ParentNode, source: FieldSource): FieldReading {
  const elements = candidates(root, source.selector);
  let raw: string | undefined;
  for (const element of elements) {
    const read = fieldValue(element, source);
    raw ??= read.raw;
    if (read.value) return { value: read.value, matched: elements.length, raw };
  }
  if (elements.length === 0) return { matched: 0 };
  return { matched: elements.length, raw, unmatched: source.pattern ? 'pattern' : 'empty' };
}

/**
 * The ticket id the pane names itself (`activeTicket.idAttribute`, `idSelector`, `idPattern`), or undefined when the
 * description says nowhere. `value` is absent when the pane names none: a pane that cannot say it is the URL's ticket
 * is treated as stale.
 */
export function paneTicketId(
  active: { idAttribute?: string; idSelector?: string; idPattern?: string },
  pane: Element,
): { value?: string } | undefined {
  if (!active.idAttribute && !active.idSelector) return undefined;
  const element = active.idSelector ? pane.querySelector(active.idSelector) : pane;
  if (!element) return {};
  if (active.idAttribute && !element.hasAttribute(active.idAttribute)) return {};
  const { value } = fieldValue(element, {
    ...(active.idAttribute ? { attribute: active.idAttribute } : {}),
    ...(active.idPattern ? { pattern: active.idPattern } : {}),
  });
  return value === undefined ? {} : { value };
}

/**
 * Whether a conversation item is an internal note: it matches or holds `internal`, and with `internalPattern`, that
 * element's text (the item's own, or one inside it) matches the pattern.
 */
export function isInternalItem(item: Element, internal: string, internalPattern?: string): boolean {
  const marked = (element: Element) =>
    internalPattern === undefined || regex(internalPattern).test(elementText(element).slice(0, MAX_MATCHED_TEXT));
  if (item.matches(internal) && marked(item)) return true;
  return candidates(item, internal).some(marked);
}

/** Every matched element's value (tags). */
export function readAll(root: ParentNode, source: FieldSource): string[] {
  return candidates(root, source.selector)
    .map((element) => fieldValue(element, source).value)
    .filter((value): value is string => value !== undefined);
}

export interface DateReading extends FieldReading {
  /** The instant, when the value is a date in the described format. */
  instant?: string;
}

/** A date field: read as a field, then parsed with the description's format and time zone. */
export function readDate(root: ParentNode, source: DateSource): DateReading {
  const reading = readField(root, source);
  if (reading.value === undefined) return reading;
  const instant = parseHelpdeskDate(reading.value, source.format, source.timeZone);
  return instant ? { ...reading, instant } : reading;
}
