/**
 * Draft.js as Gorgias's reply box uses it: React 18 rendering one Draft.js Editor whose content lives in its
 * EditorState, bundled for a described helpdesk page (`/vendor/draftjs.js` on the editor hosts,
 * test/harness/fixture-server.ts). A plain .js entry: the project's TypeScript has no React types (its UI is Preact).
 */
import { Editor, EditorState } from 'draft-js';
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders a Draft.js editor into `host`; `read()` gives the text its EditorState holds. */
export function mountDraftEditor(host) {
  let current = EditorState.createEmpty();
  function Reply() {
    const [state, setState] = useState(current);
    return createElement(Editor, {
      editorState: state,
      onChange: (next) => {
        current = next;
        setState(next);
      },
      placeholder: 'Reply…',
    });
  }
  createRoot(host).render(createElement(Reply));
  return { read: () => current.getCurrentContent().getPlainText('\n') };
}
