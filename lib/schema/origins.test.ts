import { describe, expect, it } from 'vitest';
import { browserMatchPattern, isIntranetHost, originMatches, parseOriginPattern } from './origins';

/** Real helpdesk URLs as agents open them, against the patterns admins write for them. */
describe('originMatches', () => {
  it.each([
    // A port in the pattern: that port only (the bug of issue 18 — the port was compared with the bare host name).
    ['https://helpdesk.example.com:8443/*', 'https://helpdesk.example.com:8443/issues/1', true],
    ['https://helpdesk.example.com:8443/*', 'https://helpdesk.example.com:8443/', true],
    ['https://helpdesk.example.com:8443/*', 'https://helpdesk.example.com/issues/1', false],
    ['https://helpdesk.example.com:8443/*', 'https://helpdesk.example.com:9443/issues/1', false],
    ['https://helpdesk.example.com:8443/*', 'http://helpdesk.example.com:8443/issues/1', false],
    // The scheme's own port written out is the same origin as no port in the URL.
    ['https://helpdesk.example.com:443/*', 'https://helpdesk.example.com/issues/1', true],
    ['https://helpdesk.example.com:443/*', 'https://helpdesk.example.com:8443/issues/1', false],
    // No port in the pattern: any port, as the browser's own match patterns.
    ['https://support.acme-desk.test/*', 'https://support.acme-desk.test:44321/a/tickets/41', true],
    ['https://support.acme-desk.test/*', 'https://support.acme-desk.test:443/a/tickets/41', true],
    ['https://support.acme-desk.test/*', 'https://support.acme-desk.test.evil.example/a/tickets/41', false],
    // Wildcard subdomains: the host itself and any subdomain, never a look-alike.
    ['https://*.freshdesk.com/*', 'https://acme.freshdesk.com/a/tickets/12345', true],
    ['https://*.freshdesk.com/*', 'https://freshdesk.com/', true],
    ['https://*.freshdesk.com/*', 'https://eu.acme.freshdesk.com/a/tickets/1', true],
    ['https://*.freshdesk.com/*', 'https://evilfreshdesk.com/a/tickets/1', false],
    ['https://*.freshdesk.com/*', 'https://acme.freshdesk.com.evil.example/', false],
    ['https://*.freshdesk.com/*', 'http://acme.freshdesk.com/a/tickets/1', false],
    // Zammad's hash routes and Redmine on an intranet port over http.
    ['https://helpdesk.acme-zammad.test/*', 'https://helpdesk.acme-zammad.test/#ticket/zoom/7', true],
    ['http://redmine.internal:30380/*', 'http://redmine.internal:30380/issues/1', true],
    ['http://redmine.internal:30380/*', 'http://redmine.internal:30381/issues/1', false],
    ['http://redmine.internal:30380/*', 'https://redmine.internal:30380/issues/1', false],
    ['http://redmine.internal/*', 'http://redmine.internal/issues/1', true],
    ['http://10.20.0.15:8080/*', 'http://10.20.0.15:8080/otrs/index.pl?Action=AgentTicketZoom;TicketID=7', true],
    ['http://helpdesk/*', 'http://helpdesk/Ticket/Display.html?id=42', true],
    // Host names are compared as the URL normalises them: case folded, internationalised names in punycode.
    ['https://support.example.com/*', 'https://Support.EXAMPLE.com/tickets/9', true],
    ['https://xn--e1afmkfd.com/*', 'https://пример.com/tickets/9', true],
    // A pattern that is not one origin never matches.
    ['<all_urls>', 'https://support.example.com/', false],
    ['https://*/*', 'https://support.example.com/', false],
    ['https://support.example.com:0/*', 'https://support.example.com/', false],
    ['https://support.example.com:70000/*', 'https://support.example.com/', false],
  ])('%s on %s → %s', (pattern, url, expected) => {
    expect(originMatches(pattern, new URL(url))).toBe(expected);
  });
});

describe('browserMatchPattern', () => {
  it.each([
    ['https://helpdesk.example.com:8443/*', true, 'https://helpdesk.example.com:8443/*'],
    ['https://helpdesk.example.com:8443/*', false, 'https://helpdesk.example.com/*'],
    ['https://*.freshdesk.com/*', false, 'https://*.freshdesk.com/*'],
    ['http://redmine.internal:30380/*', false, 'http://redmine.internal/*'],
    ['http://redmine.internal:30380/*', true, 'http://redmine.internal:30380/*'],
  ])('%s with ports %s → %s', (pattern, portsInPatterns, expected) => {
    expect(browserMatchPattern(pattern, { portsInPatterns })).toBe(expected);
  });
});

describe('parseOriginPattern', () => {
  it('reads scheme, host, wildcard and port', () => {
    expect(parseOriginPattern('https://*.example.com:8443/*')).toEqual({
      scheme: 'https',
      host: 'example.com',
      wildcard: true,
      port: 8443,
    });
    expect(parseOriginPattern('http://helpdesk/*')).toEqual({ scheme: 'http', host: 'helpdesk', wildcard: false });
  });

  it.each([
    'ftp://example.com/*',
    'https://example.com/tickets/*',
    'https://-bad.example.com/*',
    'https://example.com',
  ])('refuses %s', (pattern) => {
    expect(parseOriginPattern(pattern)).toBeUndefined();
  });
});

describe('isIntranetHost', () => {
  it.each([
    ['10.0.0.5', true],
    ['172.16.4.2', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.20', true],
    ['127.0.0.1', true],
    ['169.254.10.1', true],
    ['100.64.0.1', true],
    ['8.8.8.8', false],
    ['300.1.1.1', false],
    ['localhost', true],
    ['helpdesk', true],
    ['redmine.internal', true],
    ['tickets.corp', true],
    ['otrs.lan', true],
    ['printer.local', true],
    ['nas.home.arpa', true],
    ['redmine.example.com', false],
    ['internal.example.com', false],
    ['corp.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isIntranetHost(host)).toBe(expected);
  });
});
