import { z } from 'zod';
import { dateFormatProblem, ISO_FORMAT, isKnownTimeZone } from './date-format';
import { originOwnershipProblem } from './origin-owners';
import { originProblem, parseOriginPattern } from './origins';
import { regexProblem } from './regex-safety';
import { CommentAuthorRole, TicketPriority, TicketStatus } from './ticket';

/**
 * A generic helpdesk adapter described as data by an admin (Redmine, Freshdesk, Zammad, RT, in-house tools).
 * Validated when an admin saves it (server), again in the background before any content script is registered, and
 * the content script gets the parsed description only. Errors name the bad field (`fields.createdAt.format: …`).
 * docs/adapters/README.md explains every field with worked examples.
 */
const selector = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => !/[{}]/.test(value), 'a CSS selector, without { or }');

const attributeName = z
  .string()
  .max(60)
  .regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/, 'an attribute name, e.g. title or data-ticket-id');

/** A regular expression run on host-page text: compiles, cannot backtrack catastrophically, has a capture group. */
const capturingRegex = z.string().superRefine((value, ctx) => {
  const problem = regexProblem(value, { captureGroup: true });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A regular expression only tested against host-page text (no value is taken from it, so no group is needed). */
const testRegex = z.string().superRefine((value, ctx) => {
  const problem = regexProblem(value, { captureGroup: false });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A label the helpdesk shows (a status, a priority, a role), matched without regard to case or outer spaces. */
const label = z.string().trim().min(1).max(60);

/**
 * Where one value is read: the first element matching `selector` (inside the active ticket, or inside one
 * conversation item) whose value survives the steps below — its `attribute`, else its text (an input's or
 * select's value); then `trimPrefix` removed when the value starts with it; then, with `pattern`, the first capture
 * group of its first match. A bare string is a selector whose text is the value.
 */
const FieldObject = z.strictObject({
  selector,
  attribute: attributeName.optional(),
  trimPrefix: z.string().min(1).max(100).optional(),
  pattern: capturingRegex.optional(),
});
const asObject = (value: unknown) => (typeof value === 'string' ? { selector: value } : value);
export const FieldSource = z.preprocess(asObject, FieldObject);
export type FieldSource = z.infer<typeof FieldSource>;

/** A date or time: read like any field, then parsed with `format` in `timeZone` (default: the agent's browser). */
const DateObject = FieldObject.extend({
  format: z
    .string()
    .default(ISO_FORMAT)
    .superRefine((value, ctx) => {
      const problem = dateFormatProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  timeZone: z
    .string()
    .max(64)
    .refine(isKnownTimeZone, 'not an IANA time zone (e.g. Europe/Berlin, Asia/Shanghai, UTC)')
    .optional(),
});
export const DateSource = z.preprocess(asObject, DateObject);
export type DateSource = z.infer<typeof DateSource>;

/** Who wrote a conversation item: the customer or an agent. */
const AuthorRoleRule = z.discriminatedUnion(
  'from',
  [
    /** The requester's own items are the customer's; anybody else's are an agent's (Redmine, RT, in-house tools). */
    z.strictObject({ from: z.literal('requester') }),
    /** Items matching (or containing) `agent` are an agent's; the rest are the customer's. */
    z.strictObject({ from: z.literal('marker'), agent: selector }),
    /** A value read from the item, mapped by `map` (e.g. {"Staff": "agent", "Customer": "customer"}). */
    z.strictObject({
      from: z.literal('field'),
      field: FieldSource,
      map: z.record(label, CommentAuthorRole).refine((map) => Object.keys(map).length > 0, 'map at least one label'),
    }),
  ],
  {
    error: 'expected {"from": "requester"}, {"from": "marker", "agent": …} or {"from": "field", "field": …, "map": …}',
  },
);

/** The ticket's conversation, oldest first, so the SLA clocks (first reply, next reply…) run on it. */
const Conversation = z.strictObject({
  /** One element per message or update, inside the active ticket. */
  item: selector,
  /** When the item was written. Items whose time cannot be read are left out and reported. */
  time: DateSource,
  author: FieldSource.optional(),
  role: AuthorRoleRule,
  /** Items matching (or containing) this are internal notes: never a reply to the customer. */
  internal: selector.optional(),
  /**
   * With `internal`: only an item whose `internal` element's text matches this is internal. For helpdesks that tell
   * a private note from a public reply only in words (Request Tracker's "Comments added" / "Correspondence added").
   */
  internalPattern: testRegex.optional(),
  /**
   * `"description"`: the helpdesk shows the customer's opening message apart from the conversation (Jira Service
   * Management, Redmine); it counts as the requester's public message at `fields.createdAt`, as Zendesk's first
   * comment does.
   */
  opening: z
    .literal('description', { error: 'expected "description" (the opening message is fields.description)' })
    .optional(),
  /** The message text; with it, items without text (e.g. only a field change) are not messages. */
  text: FieldSource.optional(),
  /** A status the item changed the ticket to (usually with a `pattern`), mapped like `fields.status`. */
  statusChange: FieldSource.optional(),
});

const EDITOR_KINDS = ['textarea', 'contenteditable', 'ckeditor5', 'ckeditor4', 'tinymce', 'quill'] as const;
export const EditorKind = z.enum(EDITOR_KINDS, {
  error: (issue) => `unknown editor kind ${JSON.stringify(issue.input)}: expected one of ${EDITOR_KINDS.join(', ')}`,
});
export type EditorKind = z.infer<typeof EditorKind>;

/**
 * The reply editor. `kind` says how text goes in and how DeskLens checks the editor kept it; without it, a
 * textarea or input is written as such and anything else as a contenteditable. For the iframe editors (CKEditor 4,
 * TinyMCE) `selector` names the iframe or an element holding it. `open`: a control that shows a hidden editor
 * (Redmine's "Edit"), clicked before inserting when the editor is not on screen.
 */
const EditorObject = z.strictObject({
  kind: EditorKind.optional(),
  selector,
  open: selector.optional(),
});
const Editor = z.preprocess(asObject, EditorObject);

/** A Chrome match pattern for one origin: https, optionally a port; http only by `allowHttp` on an intranet. */
const originPattern = z
  .string()
  .refine(
    (value) => parseOriginPattern(value) !== undefined,
    'expected https://host.example/* (or https://*.host.example/*, https://host.example:8443/*)',
  );

export const GenericAdapterDescription = z
  .strictObject({
    /** Becomes `generic:<id>` in data-helpdesk and health events. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
    name: z.string().min(1).max(100),
    /** Origins the content script runs on; each needs its host permission granted (or a configured build). */
    matches: z.array(originPattern).min(1).max(10),
    /**
     * Plain http for an in-house helpdesk on the organisation's own network. Only private addresses and intranet
     * names (docs/adapters/README.md#http-on-an-intranet); anything the public internet can route stays https.
     */
    allowHttp: z.boolean().optional(),
    /** Regex on the URL path (and query and hash) whose first group is the ticket id. */
    ticketUrl: z.string().superRefine((value, ctx) => {
      const problem = regexProblem(value, { captureGroup: true });
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (its first group is the ticket id)` });
    }),
    /** How to find the ticket in front of the agent. */
    activeTicket: z.strictObject({
      /** The container of all ticket panes (or the page's main column): the one observer is scoped to it. */
      container: selector,
      /** The active ticket's pane inside the container (the whole ticket on one-ticket-per-page helpdesks). */
      pane: selector,
      /**
       * Where the pane names its own ticket, to reject a stale pane right after a switch: an attribute of the pane
       * (`idAttribute`), or an element inside it (`idSelector`: its text, or its `idAttribute`). `idPattern`'s first
       * group is the id when the value holds more (Zammad's `id="content_permanent_TicketZoom-1234"`).
       */
      idAttribute: z
        .string()
        .regex(/^[a-z][a-z0-9-]*$/)
        .max(60)
        .optional(),
      idSelector: selector.optional(),
      idPattern: capturingRegex.optional(),
    }),
    /** Values read inside the active pane; `subject` is required, the rest optional. */
    fields: z.strictObject({
      subject: FieldSource,
      requesterName: FieldSource.optional(),
      requesterEmail: FieldSource.optional(),
      requesterId: FieldSource.optional(),
      status: FieldSource.optional(),
      priority: FieldSource.optional(),
      organization: FieldSource.optional(),
      /** Every element matching is one tag. */
      tags: FieldSource.optional(),
      /** When the ticket was opened: with the conversation, this starts the SLA clocks. */
      createdAt: DateSource.optional(),
      /** The customer's opening message, for script suggestions until the customer writes again. */
      description: FieldSource.optional(),
    }),
    /** The helpdesk's status labels → DeskLens's statuses, for labels the built-in table does not know. */
    statusMap: z.record(label, TicketStatus).optional(),
    /** The helpdesk's priority labels → DeskLens's priorities. */
    priorityMap: z.record(label, TicketPriority).optional(),
    conversation: Conversation.optional(),
    /** The element the overlay docks after (inside the pane); the subject's header block when not given. */
    dock: selector.optional(),
    /** Reply editor inside the active pane. */
    editor: Editor.optional(),
  })
  .superRefine((description, ctx) => {
    description.matches.forEach((pattern, index) => {
      // The pattern's shape is checked above; here, what it may name (lib/schema/origins.ts, origin-owners.ts).
      const origin = parseOriginPattern(pattern);
      if (!origin) return;
      const problem =
        originProblem(pattern, { allowHttp: description.allowHttp === true }) ?? originOwnershipProblem(origin);
      if (problem) ctx.addIssue({ code: 'custom', path: ['matches', index], message: problem });
    });
    const { idAttribute, idSelector, idPattern } = description.activeTicket;
    if (idPattern && !idAttribute && !idSelector)
      ctx.addIssue({
        code: 'custom',
        path: ['activeTicket', 'idPattern'],
        message: 'needs idAttribute or idSelector: the value it runs on',
      });
    const conversation = description.conversation;
    if (conversation?.internalPattern && !conversation.internal)
      ctx.addIssue({
        code: 'custom',
        path: ['conversation', 'internalPattern'],
        message: 'needs conversation.internal: the element whose text it runs on',
      });
    if (conversation?.opening === 'description') {
      for (const field of ['description', 'createdAt'] as const) {
        if (!description.fields[field])
          ctx.addIssue({
            code: 'custom',
            path: ['fields', field],
            message: 'needed when conversation.opening is "description"',
          });
      }
    }
    if (conversation?.role.from === 'requester') {
      if (!conversation.author)
        ctx.addIssue({
          code: 'custom',
          path: ['conversation', 'author'],
          message: 'needed when conversation.role.from is "requester"',
        });
      if (!description.fields.requesterName)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', 'requesterName'],
          message: 'needed when conversation.role.from is "requester"',
        });
    }
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
