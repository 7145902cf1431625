import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

/** Why a TRUSTED_PROXIES list cannot be used, naming the bad entry, or undefined when every entry is valid. */
export function trustedProxiesProblem(entries: string[]): string | undefined {
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch (error) {
      return `"${entry}" is not an address, a CIDR range or loopback/linklocal/uniquelocal (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return undefined;
}

/** What stands for the client address of a request that came without a socket (the app called in process). */
export const IN_PROCESS = 'in-process';

/**
 * The address a request really came from: the socket's peer, or — only when that peer is one of the trusted
 * proxies — the nearest X-Forwarded-For entry not itself a trusted proxy (proxy-addr walks the list from the
 * right). A header sent by anyone else is ignored, so rotating it buys an attacker nothing.
 */
export function clientAddressOf(trusted: string[]): (c: Context) => string {
  const trust = proxyaddr.compile(trusted);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming?.socket) return IN_PROCESS;
    return proxyaddr(incoming, trust);
  };
}
