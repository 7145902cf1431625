/**
 * The block to dock after, for helpdesks whose header is a row of fields above the conversation: the subject's
 * ancestor that is a sibling of the conversation (the first ancestor whose parent also holds `conversation`).
 * Without a conversation on the page yet, the subject's own row.
 */
export function headerBlock(subject: Element, pane: Element, conversation: Element | null): Element | null {
  if (!conversation) return subject.parentElement ?? subject;
  let node: Element = subject;
  while (node.parentElement && node.parentElement !== pane && !node.parentElement.contains(conversation))
    node = node.parentElement;
  return node.parentElement?.contains(conversation) ? node : (subject.parentElement ?? subject);
}
