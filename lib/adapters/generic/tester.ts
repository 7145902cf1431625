import type { DateSource, FieldSource, GenericAdapterDescription } from '../../schema/adapter';
import type { AdapterSnapshot } from '../types';
import { type FieldReading, isInternalItem, paneTicketId, readDate, readField } from './extract';
import { activeGenericPane, genericTicketIdFromUrl, readGeneric } from './read';

/**
 * The admin's tester: given a page's HTML (saved from the helpdesk, or fetched by the console) and a parsed
 * description, what each selector and extraction finds — and the exact snapshot the overlay would get from that
 * page, because it runs the adapter's own reading code. Pure: no network, no extension API, nothing runs from the
 * page (DOMParser documents run no scripts). Layout is not known in a parsed document, so whether the dock anchor
 * and the editor are on screen is only known on the live page.
 */

export interface SelectorFinding {
  /** Where in the description: `activeTicket.pane`, `fields.createdAt`, `conversation.time`… */
  path: string;
  selector: string;
  /** Elements matched: in the document (container), the container (pane), the pane, or the first conversation item. */
  matched: number;
  /** The first element's text or attribute, before trimming and pattern (cut to 200 characters). */
  raw?: string;
  /** What DeskLens reads from it: after prefix, pattern, date format and maps. */
  value?: string;
  ok: boolean;
  /** Why not, naming what to change. */
  problem?: string;
}

export interface DescriptionTestReport {
  url: string;
  /** The ticket id `ticketUrl` finds in the URL; without it nothing else is read. */
  ticketId?: string;
  findings: SelectorFinding[];
  /** The conversation items found and how many became messages (the SLA clocks' input). */
  conversation?: { items: number; messages: number; statusChanges: number };
  /** Exactly what the overlay would get on this page. */
  snapshot: AdapterSnapshot;
}

const cut = (text: string | undefined) => (text === undefined ? undefined : text.slice(0, 200));

function fieldFinding(path: string, source: FieldSource, reading: FieldReading, required: boolean): SelectorFinding {
  const base = { path, selector: source.selector, matched: reading.matched, raw: cut(reading.raw) };
  if (reading.value !== undefined) return { ...base, value: cut(reading.value), ok: true };
  if (reading.matched === 0) {
    return { ...base, ok: !required, ...(required ? { problem: 'no element matches' } : {}) };
  }
  return {
    ...base,
    ok: false,
    problem: reading.unmatched === 'pattern' ? 'the pattern did not match the value' : 'the value is empty',
  };
}

function dateFinding(path: string, source: DateSource, root: ParentNode, required: boolean): SelectorFinding {
  const reading = readDate(root, source);
  const finding = fieldFinding(path, source, reading, required);
  if (reading.value === undefined) return finding;
  if (reading.instant) return { ...finding, value: reading.instant };
  return {
    ...finding,
    ok: false,
    problem: `"${cut(reading.value)}" is not a date in ${JSON.stringify(source.format)}${source.timeZone ? ` (${source.timeZone})` : ''}`,
  };
}

function count(root: ParentNode, selector: string): number {
  return root.querySelectorAll(selector).length;
}

export function testGenericDescription(
  description: GenericAdapterDescription,
  page: { html: string; url: string },
  parse: (html: string) => Document = (html) => new DOMParser().parseFromString(html, 'text/html'),
): DescriptionTestReport {
  const url = new URL(page.url);
  const doc = parse(page.html);
  const snapshot = readGeneric(description, doc, url);
  const ticketId = genericTicketIdFromUrl(description, url);
  const findings: SelectorFinding[] = [];
  if (!ticketId) {
    findings.push({
      path: 'ticketUrl',
      selector: description.ticketUrl,
      matched: 0,
      ok: false,
      problem: `no ticket id in ${url.pathname}${url.search}${url.hash}`,
    });
    return { url: url.href, findings, snapshot };
  }
  findings.push({ path: 'ticketUrl', selector: description.ticketUrl, matched: 1, value: ticketId, ok: true });

  const { container, pane: paneSelector } = description.activeTicket;
  const containerElement = doc.querySelector(container);
  findings.push({
    path: 'activeTicket.container',
    selector: container,
    matched: count(doc, container),
    ok: !!containerElement,
    ...(containerElement ? {} : { problem: 'no element matches' }),
  });
  const pane = activeGenericPane(description, doc);
  const named = pane ? paneTicketId(description.activeTicket, pane) : undefined;
  const { idAttribute, idSelector } = description.activeTicket;
  const namedBy = idSelector ? `${idSelector}${idAttribute ? ` [${idAttribute}]` : ''}` : idAttribute;
  findings.push({
    path: 'activeTicket.pane',
    selector: paneSelector,
    matched: containerElement ? count(containerElement, paneSelector) : 0,
    ...(named?.value !== undefined ? { value: named.value } : {}),
    ok: !!pane && (!named || named.value === ticketId),
    ...(!pane
      ? { problem: 'no element matches inside the container' }
      : named && named.value !== ticketId
        ? { problem: `${namedBy} is ${JSON.stringify(named.value ?? null)}, not the URL's ticket ${ticketId}` }
        : {}),
  });
  if (!pane) return { url: url.href, ticketId, findings, snapshot };

  const fields = description.fields;
  for (const [name, source] of Object.entries(fields) as [
    keyof typeof fields,
    FieldSource | DateSource | undefined,
  ][]) {
    if (!source) continue;
    const path = `fields.${name}`;
    if (name === 'createdAt') findings.push(dateFinding(path, source as DateSource, pane, true));
    else findings.push(fieldFinding(path, source, readField(pane, source), name === 'subject'));
  }
  // Maps: a status or priority the page shows that no map knows is what the snapshot's problems name.
  for (const problem of snapshot.problems ?? []) {
    const path = problem.slice(0, problem.indexOf(':'));
    const finding = findings.find((one) => one.path === path);
    if (finding?.ok) Object.assign(finding, { ok: false, problem: problem.slice(path.length + 2) });
  }

  let conversation: DescriptionTestReport['conversation'];
  const described = description.conversation;
  if (described) {
    const items = [...pane.querySelectorAll(described.item)];
    findings.push({ path: 'conversation.item', selector: described.item, matched: items.length, ok: true });
    const first = items[0];
    if (first) {
      findings.push(dateFinding('conversation.time', described.time, first, true));
      if (described.author)
        findings.push(
          fieldFinding(
            'conversation.author',
            described.author,
            readField(first, described.author),
            described.role.from === 'requester',
          ),
        );
      if (described.text)
        findings.push(fieldFinding('conversation.text', described.text, readField(first, described.text), false));
      if (described.statusChange) {
        const withChange = items
          .map((item) => readField(item, described.statusChange as FieldSource))
          .find((r) => r.value !== undefined);
        findings.push(
          fieldFinding('conversation.statusChange', described.statusChange, withChange ?? { matched: 0 }, false),
        );
      }
      if (described.internal) {
        findings.push({
          path: 'conversation.internal',
          selector: described.internal,
          matched: items.filter((item) => isInternalItem(item, described.internal as string, described.internalPattern))
            .length,
          ok: true,
        });
      }
    }
    conversation = {
      items: items.length,
      messages: snapshot.ticket?.comments?.length ?? 0,
      statusChanges: snapshot.ticket?.statusHistory?.length ?? 0,
    };
  }
  if (description.dock) {
    const matched = count(pane, description.dock);
    findings.push({
      path: 'dock',
      selector: description.dock,
      matched,
      ok: matched > 0,
      ...(matched ? {} : { problem: 'no element matches' }),
    });
  }
  if (description.editor) {
    const matched = count(pane, description.editor.selector);
    findings.push({
      path: 'editor.selector',
      selector: description.editor.selector,
      matched,
      ok: matched > 0,
      ...(matched ? {} : { problem: 'no element matches inside the pane' }),
    });
    if (description.editor.open) {
      const opens = count(pane, description.editor.open);
      findings.push({
        path: 'editor.open',
        selector: description.editor.open,
        matched: opens,
        ok: opens > 0,
        ...(opens ? {} : { problem: 'no element matches inside the pane' }),
      });
    }
  }
  return { url: url.href, ticketId, findings, ...(conversation ? { conversation } : {}), snapshot };
}
