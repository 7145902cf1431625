/**
 * Lexical, Meta's successor to Draft.js, as a plain-text reply box: the core and its plain-text behaviour, bundled
 * for a described helpdesk page (`/vendor/lexical.js` on the editor hosts, test/harness/fixture-server.ts).
 */

export { registerPlainText } from '@lexical/plain-text';
export { $createParagraphNode, $getRoot, createEditor } from 'lexical';
