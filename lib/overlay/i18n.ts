import browser from 'webextension-polyfill';
import type { Translate } from '../../components/i18n';

// Each getMessage call crosses into the browser's bindings (~10 µs, and it asks for the UI language every time);
// the overlay renders the same few dozen strings on every ticket switch, so they are looked up once.
const looked = new Map<string, string>();

/** `browser.i18n` with a visible fallback so a missing key shows up in review instead of an empty label. */
export const translate: Translate = (key, substitutions) => {
  const cacheKey =
    substitutions === undefined ? key : `${key}\u0000${([] as string[]).concat(substitutions).join('\u0000')}`;
  let text = looked.get(cacheKey);
  if (text === undefined) {
    text = browser.i18n.getMessage(key, substitutions) || key;
    // Bounded: substitutions include ticket ids and counts, which vary without end.
    if (looked.size > 2000) looked.clear();
    looked.set(cacheKey, text);
  }
  return text;
};
