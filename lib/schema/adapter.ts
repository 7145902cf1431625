import { z } from 'zod';

/**
 * A generic helpdesk adapter described as data by an admin (Freshdesk, Help Scout, Zammad, RT, in-house tools).
 * Validated in the background before any content script is registered; the content script gets the parsed
 * description only. Errors name the bad field (`fields.subject: …`).
 */
const selector = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => !/[{}]/.test(value), 'a CSS selector, without { or }');

/** A Chrome match pattern limited to one https origin: never <all_urls>, never a wildcard scheme or TLD. */
const originPattern = z
  .string()
  .regex(
    /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\/\*$/,
    'expected https://host.example/* (or https://*.host.example/*)',
  );

const regexSource = z
  .string()
  .min(1)
  .max(300)
  .refine((value) => {
    try {
      return new RegExp(value).exec('') !== undefined;
    } catch {
      return false;
    }
  }, 'not a valid regular expression')
  .refine((value) => /\((?!\?)/.test(value), 'needs one capture group for the ticket id');

export const GenericAdapterDescription = z.object({
  /** Becomes `generic:<id>` in data-helpdesk and health events. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1).max(100),
  /** Origins the content script runs on; each needs its optional host permission granted. */
  matches: z.array(originPattern).min(1).max(10),
  /** Regex on the URL path (and query) whose first group is the ticket id. */
  ticketUrl: regexSource,
  /** How to find the ticket in front of the agent. */
  activeTicket: z.object({
    /** The container of all ticket panes: the one observer is scoped to it. */
    container: selector,
    /** The active ticket's pane, matched inside the container (e.g. `.ticket-pane.active`). */
    pane: selector,
    /** Optional attribute of the pane holding the ticket id, to reject a stale pane right after a switch. */
    idAttribute: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .max(60)
      .optional(),
  }),
  /** Selectors run inside the active pane; `subject` is required, the rest optional. */
  fields: z.object({
    subject: selector,
    requesterName: selector.optional(),
    requesterEmail: selector.optional(),
    status: selector.optional(),
    priority: selector.optional(),
    organization: selector.optional(),
    tags: selector.optional(),
  }),
  /** Reply editor inside the active pane: a textarea or a contenteditable. */
  editor: selector.optional(),
});
export type GenericAdapterDescription = z.infer<typeof GenericAdapterDescription>;

/** Parse one description; the error lists each bad field by its path. */
export function parseGenericAdapter(
  input: unknown,
): { ok: true; description: GenericAdapterDescription } | { ok: false; errors: string[] } {
  const result = GenericAdapterDescription.safeParse(input);
  if (result.success) return { ok: true, description: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${issue.path.join('.') || '(description)'}: ${issue.message}`),
  };
}
