/**
 * The origins a described helpdesk runs on, as match patterns (`https://host[:port]/*`), and how they are matched
 * against page URLs, registered with the browser and asked for as permissions. Pure and zod-free: the generic
 * content script, the background, the options page and the server's schema all use the same rules.
 *
 * Ports: Chrome and Edge match patterns take a port (`https://host:8443/*` matches that port only; no port matches
 * any port). Firefox rejects a port in a pattern (bugs 1362809, 1468162), so there the browser is given the
 * pattern without it, and the content script checks the port itself.
 */

export interface OriginPattern {
  scheme: 'https' | 'http';
  /** Lowercase host name or IPv4 address, without the `*.` of a wildcard. */
  host: string;
  /** `*.host`: the host and every subdomain of it. */
  wildcard: boolean;
  /** Only this port; undefined means any port, as in a browser match pattern. */
  port?: number;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?\/\*$/;

/** Parses `https://host[:port]/*` (or `https://*.host/*`); undefined for anything else. */
export function parseOriginPattern(pattern: string): OriginPattern | undefined {
  const match = PATTERN.exec(pattern);
  if (!match) return undefined;
  const scheme = match[1] as OriginPattern['scheme'];
  const host = match[3] ?? '';
  const port = match[4] === undefined ? undefined : Number(match[4]);
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined;
  if (host.split('.').some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-')))
    return undefined;
  return {
    scheme,
    host,
    wildcard: match[2] !== undefined,
    ...(port !== undefined ? { port } : {}),
  };
}

/** The port a URL really connects to (`URL.port` is empty for the scheme's default). */
function effectivePort(url: URL): number | undefined {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : url.protocol === 'http:' ? 80 : undefined;
}

/** Whether a page URL is on a pattern's origin: scheme, host (or subdomain for `*.`) and, when given, port. */
export function originMatches(pattern: string | OriginPattern, url: URL): boolean {
  const parsed = typeof pattern === 'string' ? parseOriginPattern(pattern) : pattern;
  if (!parsed || url.protocol !== `${parsed.scheme}:`) return false;
  // URL lowercases and punycodes the host, so an internationalised name compares as the pattern spells it.
  const host = url.hostname;
  const hostMatches = parsed.wildcard ? host === parsed.host || host.endsWith(`.${parsed.host}`) : host === parsed.host;
  if (!hostMatches) return false;
  return parsed.port === undefined || effectivePort(url) === parsed.port;
}

/**
 * The pattern to hand the browser (content script registration, permission request). Firefox takes no port: it
 * gets the host's pattern, which covers every port, and the content script keeps to the described one.
 */
export function browserMatchPattern(pattern: string, options: { portsInPatterns: boolean }): string {
  const parsed = parseOriginPattern(pattern);
  if (!parsed) return pattern;
  const host = `${parsed.wildcard ? '*.' : ''}${parsed.host}`;
  const port = options.portsInPatterns && parsed.port !== undefined ? `:${parsed.port}` : '';
  return `${parsed.scheme}://${host}${port}/*`;
}

/** Top-level names that never resolve on the public internet (RFC 6762, RFC 8375, ICANN's .internal, habits). */
const PRIVATE_SUFFIXES = ['internal', 'intranet', 'corp', 'lan', 'local', 'localdomain', 'home.arpa', 'private'];

function isPrivateIpv4(host: string): boolean {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return false;
  const [a, b] = parts.map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    // Link-local (169.254/16) and carrier-grade NAT (100.64/10) are not reachable from the internet either.
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/**
 * A host that can only be on the organisation's own network: a private or loopback IPv4 address, `localhost`,
 * a single-label intranet name (`helpdesk`) or a name under a private-use suffix (`redmine.corp`,
 * `tickets.internal`). Plain http is allowed to these only, never to a public name.
 */
export function isIntranetHost(host: string): boolean {
  const name = host.toLowerCase();
  if (/^\d+(\.\d+){3}$/.test(name)) return isPrivateIpv4(name);
  if (name === 'localhost' || !name.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

/**
 * Why a pattern cannot name a described helpdesk's origin, or undefined. https for any full host name (a port
 * allowed); plain http only with the description's opt-in and only for one intranet host, never a wildcard.
 */
export function originProblem(pattern: string, options: { allowHttp: boolean }): string | undefined {
  const origin = parseOriginPattern(pattern);
  if (!origin) return 'expected https://host.example/* (or https://*.host.example/*, https://host.example:8443/*)';
  if (origin.scheme === 'http') {
    if (!options.allowHttp) {
      return 'plain http is refused unless the description sets "allowHttp": true (intranet helpdesks only)';
    }
    if (origin.wildcard || !isIntranetHost(origin.host)) {
      return 'http is allowed only for one intranet host: a private address (10.x, 172.16-31.x, 192.168.x) or an intranet name (helpdesk, *.internal, *.corp, *.lan)';
    }
    return undefined;
  }
  if (!origin.host.includes('.')) return 'expected a full host name, e.g. support.example.com';
  return undefined;
}
