import browser from 'webextension-polyfill';
import type { Translate } from '../../components/i18n';

/** `browser.i18n` with a visible fallback so a missing key shows up in review instead of an empty label. */
export const translate: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
