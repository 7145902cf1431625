import type { InsertResult } from '../types';
import { activePane } from './read';
import { zendeskSelectors as sel } from './selectors';

/**
 * Insert text at the end of the active ticket's CKEditor 5 composer. A content script cannot reach
 * `ckeditorInstance` (a page-world expando), so the text goes in as input the editor handles itself, which
 * changes its model — the text survives the editor re-rendering, unlike text written into the DOM directly.
 */
export function insertIntoZendesk(doc: Document, text: string): InsertResult {
  const pane = activePane(doc);
  const editor = pane?.querySelector<HTMLElement>(sel.editor);
  if (!editor) return { inserted: false, detail: 'reply editor not found' };
  editor.focus();
  const selection = doc.getSelection();
  if (selection) {
    const range = doc.createRange();
    range.selectNodeContents(editor);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // CKEditor 5 takes typing from `beforeinput`: an editor that handled it cancels the event and its model now
  // holds the text.
  const beforeInput = new InputEvent('beforeinput', {
    inputType: 'insertText',
    data: text,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  if (!editor.dispatchEvent(beforeInput)) return { inserted: true, detail: 'ckeditor5', editor };
  // Otherwise the browser's own editing path, which editors that sync from DOM mutations pick up. execCommand is
  // deprecated but is the one such path from an isolated world; it reports false when the editor refused.
  const accepted = doc.execCommand('insertText', false, text);
  return accepted
    ? { inserted: true, detail: 'contenteditable', editor }
    : { inserted: false, detail: 'the editor refused the text' };
}
