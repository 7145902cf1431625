/**
 * The ways text can go into a reply editor from a content script, which cannot reach an editor's own API (a
 * page-world object). Each goes through input the editor handles itself, so the editor's model — not only its DOM —
 * takes the text and keeps it when the editor re-renders or syncs on submit.
 */

/** Caret at the end of the editable, in the editable's own document (an iframe editor has its own selection). */
export function placeCaretAtEnd(editable: HTMLElement): void {
  const doc = editable.ownerDocument;
  editable.focus();
  const selection = doc.getSelection();
  if (!selection) return;
  const range = doc.createRange();
  range.selectNodeContents(editable);
  range.collapse(false);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Longest wait for the page to hear of the caret moved (no event comes when it was already there). */
const SELECTION_HEARD_MS = 50;

/**
 * Resolves once the editable's document has delivered `selectionchange` for the caret just placed, so that editors
 * keeping a selection of their own have taken it. Lexical (and Draft.js before it) reads the DOM selection only on
 * that event and throws away text arriving where its own selection is not: before this wait, an insert into Lexical
 * was reverted at once.
 */
function selectionHeard(doc: Document): Promise<void> {
  return new Promise((heard) => {
    const view = doc.defaultView ?? globalThis;
    const done = () => {
      view.clearTimeout(timer);
      doc.removeEventListener('selectionchange', done);
      heard();
    };
    const timer = view.setTimeout(done, SELECTION_HEARD_MS);
    doc.addEventListener('selectionchange', done, { once: true });
  });
}

/**
 * The browser's own editing path in the editable's document: editors that follow DOM mutations or input events
 * (CKEditor 4, TinyMCE, Quill, ProseMirror, Lexical, plain contenteditables) pick it up. execCommand is deprecated but
 * is the one such path open to an isolated world; it answers false when the editor refused the text.
 */
export async function insertThroughBrowser(editable: HTMLElement, text: string): Promise<boolean> {
  const heard = selectionHeard(editable.ownerDocument);
  placeCaretAtEnd(editable);
  await heard;
  // The page may have moved focus away meanwhile (a click elsewhere): then nothing goes anywhere but the reply.
  if (editable.ownerDocument.activeElement !== editable && !editable.contains(editable.ownerDocument.activeElement)) {
    placeCaretAtEnd(editable);
  }
  if (handledAsTyping(editable, text)) return true;
  return editable.ownerDocument.execCommand('insertText', false, text);
}

/**
 * Editors rendered by React (Draft.js: Gorgias's reply box) take typed text from the `textInput` event, insert it
 * into their own state and cancel the event; React then draws it. Text the browser writes into React's DOM instead
 * makes React's next render fail on nodes it no longer owns ("removeChild … not a child"), an error in the helpdesk's
 * page. An editor that cancels this event has taken the text; one that does not is typed into as before.
 */
function handledAsTyping(editable: HTMLElement, text: string): boolean {
  const doc = editable.ownerDocument;
  let event: TextEvent;
  try {
    event = doc.createEvent('TextEvent');
  } catch {
    return false; // a browser without the event: no editor can be listening for it
  }
  event.initTextEvent('textInput', true, true, doc.defaultView, text);
  return !editable.dispatchEvent(event);
}

/**
 * CKEditor 5 takes typing from `beforeinput`: an editor that handled it cancels the event and its model now holds
 * the text. False when nobody handled it (then the browser's path is the next try).
 */
export function insertThroughBeforeInput(editable: HTMLElement, text: string): boolean {
  placeCaretAtEnd(editable);
  const view = editable.ownerDocument.defaultView;
  const Input = view?.InputEvent ?? InputEvent;
  const beforeInput = new Input('beforeinput', {
    inputType: 'insertText',
    data: text,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  return !editable.dispatchEvent(beforeInput);
}

/** A textarea or input: appended at the end, then an input event, which React, Vue and Ember models sync from. */
export function appendToTextField(field: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  field.focus();
  const separator = field.value && !/\s$/.test(field.value) ? '\n' : '';
  field.setRangeText(`${separator}${text}`, field.value.length, field.value.length, 'end');
  const view = field.ownerDocument.defaultView;
  field.dispatchEvent(new (view?.Event ?? Event)('input', { bubbles: true }));
}
