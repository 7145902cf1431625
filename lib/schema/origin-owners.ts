import { parse } from 'tldts';
import type { OriginPattern } from './origins';

/**
 * Origins the built-in adapters run on: the extension's own host permissions (wxt.config.ts reads them from here).
 * A described helpdesk there would run a second overlay over the built-in one.
 */
export const BUILT_IN_HELPDESK_ORIGINS = [
  { helpdesk: 'Zendesk', pattern: 'https://*.zendesk.com/*', host: 'zendesk.com' },
  { helpdesk: 'Salesforce', pattern: 'https://*.lightning.force.com/*', host: 'lightning.force.com' },
] as const;

/** Whether two hosts (each possibly with its subdomains) can name the same page. */
function overlaps(host: string, wildcard: boolean, owned: string): boolean {
  return host === owned || host.endsWith(`.${owned}`) || (wildcard && owned.endsWith(`.${host}`));
}

/**
 * Why an origin cannot be one organisation's described helpdesk, or undefined: a pattern over a whole public suffix
 * (`*.com.au`, `*.github.io`: everyone's sites under it, by the Public Suffix List through tldts, its ICANN and
 * private sections both), a wildcard over an address, or a host a built-in adapter already owns. Names outside the
 * list (`*.corp`, `*.internal`) belong to one network and stay allowed.
 */
export function originOwnershipProblem(origin: OriginPattern): string | undefined {
  const shown = `${origin.wildcard ? '*.' : ''}${origin.host}`;
  const info = parse(origin.host, { allowPrivateDomains: true });
  if (info.isIp) return origin.wildcard ? `${shown}: a wildcard needs a host name, not an address` : undefined;
  if ((info.isIcann || info.isPrivate) && info.publicSuffix === origin.host)
    return `${shown} covers a whole public suffix (${info.isPrivate ? 'a shared hosting domain' : 'a top-level or registry domain'} on the Public Suffix List): everyone's sites under it, not one helpdesk; name your own host, e.g. https://support.example.${origin.host}/*`;
  const owner = BUILT_IN_HELPDESK_ORIGINS.find((builtIn) => overlaps(origin.host, origin.wildcard, builtIn.host));
  if (owner)
    return `${shown} is ${owner.helpdesk}'s: DeskLens's built-in ${owner.helpdesk} adapter already runs on ${owner.pattern}; describe only other helpdesks`;
  return undefined;
}
