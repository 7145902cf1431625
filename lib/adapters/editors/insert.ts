import type { EditorKind } from '../../schema/adapter';
import type { InsertResult } from '../types';
import { appendToTextField, insertThroughBeforeInput, insertThroughBrowser } from './editable';

/**
 * One way in per kind of reply editor, shared by the built-in adapters (Zendesk: CKEditor 5; Salesforce: CKEditor 4
 * and Quill) and the generic ones, and one check after every insert: the editor's own content must hold the text,
 * or the insert is reported as failed (the overlay then copies the script to the clipboard and says so). Never a
 * success that did not happen.
 */

type TextField = HTMLTextAreaElement | HTMLInputElement;
const isTextField = (element: Element): element is TextField =>
  element.localName === 'textarea' || element.localName === 'input';

/** How long an editor may take to settle (Quill and TinyMCE turn DOM changes into their model asynchronously). */
const SETTLE_MS = 50;

/**
 * The element that holds an editor's content. For the iframe editors (CKEditor 4's `cke_wysiwyg_frame`, TinyMCE's
 * `tox-edit-area__iframe`) that is the editable body inside the frame; `element` may be the iframe itself or any
 * element holding it. Null when the frame is not there or not readable (a cross-origin frame has no document).
 */
export function editableOf(kind: EditorKind | undefined, element: Element): HTMLElement | null {
  if (kind === 'ckeditor4' || kind === 'tinymce') {
    const frame = element.localName === 'iframe' ? element : element.querySelector('iframe');
    const body = (frame as HTMLIFrameElement | null)?.contentDocument?.body;
    return body?.isContentEditable ? body : null;
  }
  if (kind === 'quill') {
    // The ql-container or the ql-editor itself.
    return element.classList.contains('ql-editor')
      ? (element as HTMLElement)
      : element.querySelector<HTMLElement>('.ql-editor');
  }
  return element as HTMLElement;
}

/** What the editor holds, without any whitespace: editors turn spaces, line breaks and paragraphs their own way. */
function content(editable: HTMLElement): string {
  const raw = isTextField(editable) ? editable.value : (editable.textContent ?? '');
  return raw.replace(/\s+/g, '');
}

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Whether an element is drawn at all (a textarea a rich editor replaced is display:none). */
function isShown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (check) return check.call(element, { visibilityProperty: true });
  return element.getClientRects().length > 0;
}

async function write(kind: EditorKind | undefined, editable: HTMLElement, text: string): Promise<string | undefined> {
  if (isTextField(editable)) {
    appendToTextField(editable, text);
    return 'textarea';
  }
  if (!editable.isContentEditable) return undefined;
  if (kind === 'ckeditor5' && insertThroughBeforeInput(editable, text)) return 'ckeditor5';
  if (await insertThroughBrowser(editable, text)) return kind ?? 'contenteditable';
  return undefined;
}

/**
 * Insert `text` at the end of the editor and check the editor kept it: its content must hold the text once more
 * than before. `element` is what the adapter found (textarea, editable, iframe or the editor's container).
 */
export async function insertIntoEditor(
  kind: EditorKind | undefined,
  element: Element | null,
  text: string,
): Promise<InsertResult> {
  const editable = element ? editableOf(kind, element) : null;
  if (!editable) return { inserted: false, failure: 'not-found', detail: 'reply editor not found' };
  // A hidden textarea is usually the one a rich editor replaced: writing there is lost when the editor syncs.
  if (isTextField(editable) && !isShown(editable)) {
    return {
      inserted: false,
      failure: 'not-kept',
      detail: 'the reply textarea is hidden (a rich editor replaced it?)',
    };
  }
  const needle = text.replace(/\s+/g, '');
  const before = occurrences(content(editable), needle);
  const how = await write(kind, editable, text);
  if (!how) return { inserted: false, failure: 'refused', detail: 'the editor refused the text' };
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  // The editor may have re-rendered its editable (CKEditor 5 and Quill keep it; a framework may swap it).
  const now = editable.isConnected ? editable : element ? editableOf(kind, element) : null;
  if (!now || occurrences(content(now), needle) <= before) {
    return { inserted: false, failure: 'not-kept', detail: `the ${how} editor did not keep the text` };
  }
  return { inserted: true, detail: how, editor: now };
}
