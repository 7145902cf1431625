/**
 * What the schema, the content scripts, the Zendesk app and the background all need without zod, Dexie or a
 * browser API: shortcut parsing, feature switches and their defaults, satisfaction dimensions, storage keys.
 * Nothing here may import from lib/schema, lib/overlay or lib/background (the schema imports this, not the
 * other way round).
 */
export * from './features';
export * from './shortcuts';
export * from './storage-keys';
