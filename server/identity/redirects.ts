import { createHash } from 'node:crypto';
import { DESKLENS_CHROME_EXTENSION_ID, DESKLENS_GECKO_ID } from '../../lib/schema/identity';

/**
 * The hosts of `identity.getRedirectURL()` for DeskLens's own extension ids: Chromium browsers use
 * `<extension id>.chromiumapp.org`, Firefox `<sha1 of the add-on id>.extensions.allizom.org`. A sign-in started
 * for any other redirect is refused, so the backend never hands a code to someone else's extension or site.
 */
export function extensionRedirectHosts(extraChromiumIds: readonly string[] = []): Set<string> {
  const firefox = createHash('sha1').update(DESKLENS_GECKO_ID).digest('hex');
  return new Set([
    ...[DESKLENS_CHROME_EXTENSION_ID, ...extraChromiumIds].map((id) => `${id}.chromiumapp.org`),
    `${firefox}.extensions.allizom.org`,
  ]);
}

export function isExtensionRedirect(redirectUri: string, extraChromiumIds: readonly string[] = []): boolean {
  const url = new URL(redirectUri);
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    url.search === '' &&
    extensionRedirectHosts(extraChromiumIds).has(url.hostname)
  );
}
