/**
 * `{{customer.first_name}}`, `{{agent.name}}`, `{{ticket.id}}`, `{{sla.first_reply.due}}`, with defaults:
 * `{{customer.first_name | there}}`. A variable with no value and no default renders as nothing and is
 * reported in `missing`, so the agent sees what to fill in — "undefined" is never rendered.
 */
export type TemplateVariables = Record<string, string | number | undefined | null>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.]*)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

export interface RenderedTemplate {
  text: string;
  missing: string[];
  used: string[];
}

export function renderTemplate(
  body: string,
  variables: TemplateVariables,
  options: { destination: 'text' | 'html' } = { destination: 'text' },
): RenderedTemplate {
  const missing = new Set<string>();
  const used = new Set<string>();
  const rendered = body.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    used.add(name);
    const value = variables[name];
    if (value !== undefined && value !== null && String(value).trim() !== '') return String(value);
    if (fallback !== undefined && fallback !== '') return fallback;
    missing.add(name);
    return '';
  });
  // A dropped variable must not leave "Hi , thanks" behind.
  const tidy = rendered.replace(/[ \t]+([,.!?;:，。！？；：])/g, '$1').replace(/[ \t]{2,}/g, ' ');
  return { text: options.destination === 'html' ? toHtml(tidy) : tidy, missing: [...missing], used: [...used] };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Script text for a rich-text editor: escaped, line breaks kept. Never interprets the script as markup. */
export function toHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ESCAPES[c] as string)
    .split(/\r?\n/)
    .join('<br>');
}

/** Variables available for a ticket; names documented in docs/trainers/scripts.md. */
export function ticketVariables(input: {
  customerName?: string;
  customerEmail?: string;
  agentName?: string;
  ticketId?: string;
  subject?: string;
  organization?: string;
  firstReplyDue?: string;
}): TemplateVariables {
  const firstName = (name?: string) => {
    if (!name) return undefined;
    // Chinese names are not "first name + last name" in that order; address by the full name.
    if (/\p{Script=Han}/u.test(name)) return name;
    return name.trim().split(/\s+/)[0];
  };
  return {
    'customer.name': input.customerName,
    'customer.first_name': firstName(input.customerName),
    'customer.email': input.customerEmail,
    'agent.name': input.agentName,
    'agent.first_name': firstName(input.agentName),
    'ticket.id': input.ticketId,
    'ticket.subject': input.subject,
    'org.name': input.organization,
    'sla.first_reply.due': input.firstReplyDue,
  };
}

/** Variable names scripts may use (the ones the extension fills in); anything else is a trainer's typo. */
export const KNOWN_VARIABLES: readonly string[] = Object.keys(ticketVariables({}));

/** The `{{names}}` in a script body that no ticket fills in, each once, in the order written. */
export function unknownVariables(body: string): string[] {
  const names = [...body.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  return [...new Set(names)].filter((name) => !KNOWN_VARIABLES.includes(name));
}
