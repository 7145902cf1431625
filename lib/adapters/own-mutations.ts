/** The elements DeskLens itself puts into a helpdesk page: the overlay's shadow host and the docking spacer. */
const OWN = 'desklens-overlay, desklens-dock';

// nodeType, not instanceof: nodes of the helpdesk's nested frames belong to other realms.
const isElement = (node: Node): node is Element => node.nodeType === 1;
const ours = (node: Node | null): boolean =>
  node !== null && (isElement(node) ? node.closest(OWN) !== null : ours(node.parentNode));

/**
 * Whether a batch of mutations is only DeskLens's own doing (the spacer taking the overlay's height, the spacer
 * being moved after the ticket header, the overlay's host attributes). An adapter that re-read the page for these
 * would re-read it several times per ticket switch for nothing.
 */
export function onlyOwnMutations(records: MutationRecord[]): boolean {
  return records.every(
    (record) =>
      ours(record.target) ||
      (record.type === 'childList' &&
        [...record.addedNodes, ...record.removedNodes].every((node) => isElement(node) && node.matches(OWN))),
  );
}
