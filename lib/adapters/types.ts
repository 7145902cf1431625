import type { HelpdeskId, TicketContextInput } from '../schema/ticket';

/**
 * What an adapter reports each time the page changes: the ticket in front of the agent (if any) and
 * the named selectors that are required but no longer match. Content-script side: types only, no zod.
 */
export interface AdapterSnapshot {
  ticket?: TicketContextInput;
  /** Required parts of the page that could not be found, by name ("subject", "ticket pane"). */
  missing: string[];
  /**
   * Parts that were found but could not be read as described (a date in another format, a pattern that did not
   * match, a status no map knows, a hidden dock anchor), named by field. The overlay keeps working, says so and
   * reports them as a health event.
   */
  problems?: string[];
}

export interface InsertResult {
  inserted: boolean;
  /**
   * Why not: no editor found, the editor refused the text, or it took it and did not keep it (checked after every
   * insert). The overlay copies the script to the clipboard in each case and tells the agent which.
   */
  failure?: 'not-found' | 'refused' | 'not-kept';
  /** Which editor took the text ("ckeditor5", "ckeditor4", "quill", "textarea"), or why it failed. */
  detail: string;
  /** The editable that took it, so the overlay can tell whether the agent edited the text before sending. */
  editor?: HTMLElement;
}

export interface HelpdeskAdapter {
  readonly helpdesk: HelpdeskId;
  /**
   * Emit a snapshot now and whenever the active ticket or any of its fields change. Every observer,
   * listener and timer is tied to `signal` and stops with it.
   */
  observe(signal: AbortSignal, onChange: (snapshot: AdapterSnapshot) => void): void;
  /** Put text into the active ticket's reply editor so the editor's own model holds it. */
  insertReply(text: string): Promise<InsertResult>;
  /** The active ticket's header block: the overlay is placed right after it, in the page's flow (null: corner). */
  dockAfter(): Element | null;
}
