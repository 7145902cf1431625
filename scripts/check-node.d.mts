/** Types for check-node.mjs, which stays plain JavaScript so that it runs on any Node. */
export function minimumVersion(range: string): [number, number, number];
export function nodeVersionProblem(version: string, range: string): string | undefined;
