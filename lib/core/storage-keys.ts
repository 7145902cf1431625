/**
 * Keys of `storage.local` shared by the background and the content scripts. Kept apart from the modules that
 * read and write them so content scripts can name a key without importing zod or Dexie.
 */
export const SETTINGS_KEY = 'settings';
export const REMOTE_CONFIG_KEY = 'remoteConfig';
/** The validated generic adapter descriptions the generic content script runs with. */
export const GENERIC_ADAPTERS_KEY = 'genericAdapters.registered';
/** Whether the agent last left the overlay's panel expanded or collapsed; kept across tickets, tabs and reloads. */
export const OVERLAY_EXPANDED_KEY = 'overlayExpanded';
