/**
 * ProseMirror as a helpdesk embeds it (Jira Service Management's reply box is built on it): the packages' ES modules
 * bundled for a described helpdesk page (`/vendor/prosemirror.js` on the editor hosts, test/harness/fixture-server.ts),
 * where the page builds an editor on the basic schema.
 */

export { schema } from 'prosemirror-schema-basic';
export { EditorState } from 'prosemirror-state';
export { EditorView } from 'prosemirror-view';
