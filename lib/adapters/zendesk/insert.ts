import { insertIntoEditor } from '../editors/insert';
import type { InsertResult } from '../types';
import { activePane } from './read';
import { zendeskSelectors as sel } from './selectors';

/**
 * Insert text at the end of the active ticket's CKEditor 5 composer (the shared CKEditor 5 path: `beforeinput`,
 * which changes the editor's model, then the browser's editing path), checked to be kept by the editor.
 */
export function insertIntoZendesk(doc: Document, text: string): Promise<InsertResult> {
  return insertIntoEditor('ckeditor5', activePane(doc)?.querySelector(sel.editor) ?? null, text);
}
