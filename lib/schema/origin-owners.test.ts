import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGenericAdapter } from './adapter';
import { originOwnershipProblem } from './origin-owners';
import { parseOriginPattern } from './origins';

const example: Record<string, unknown> = JSON.parse(readFileSync('docs/adapters/freshdesk-like.json', 'utf8'));
const problemOf = (pattern: string) => {
  const origin = parseOriginPattern(pattern);
  if (!origin) throw new Error(`not a pattern: ${pattern}`);
  return originOwnershipProblem(origin);
};

describe('what a described helpdesk may cover', () => {
  it.each([
    ['https://*.com.au/*', 'public suffix'],
    ['https://*.com/*', 'public suffix'],
    ['https://*.co.uk/*', 'public suffix'],
    ['https://com.au/*', 'public suffix'],
    ['https://*.github.io/*', 'shared hosting'],
    ['https://*.appspot.com/*', 'shared hosting'],
    ['https://*.s3.amazonaws.com/*', 'shared hosting'],
    ['https://*.zendesk.com/*', "Zendesk's"],
    ['https://acme.zendesk.com/*', "Zendesk's"],
    ['https://acme.zendesk.com:8443/*', "Zendesk's"],
    ['https://*.lightning.force.com/*', "Salesforce's"],
    ['https://acme.lightning.force.com/*', "Salesforce's"],
    ['https://*.force.com/*', "Salesforce's"],
    ['https://*.10.1.2.3/*', 'not an address'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(problemOf(pattern)).toContain(reason);
  });

  it.each([
    'https://support.example.com.au/*',
    'https://*.acme.com.au/*',
    'https://acme.github.io/*',
    'https://*.corp/*',
    'https://helpdesk.internal/*',
    'https://support.acme-desk.test/*',
    // Salesforce Classic lives on my.salesforce.com, where the built-in (Lightning) adapter does not run.
    'https://acme.my.salesforce.com/*',
    'https://zendesk.com.support.example/*',
    'https://10.1.2.3/*',
  ])('allows %s', (pattern) => {
    expect(problemOf(pattern)).toBeUndefined();
  });

  it('names the bad pattern in a description, and refuses a catastrophic regular expression', () => {
    const result = parseGenericAdapter({
      ...example,
      matches: ['https://support.acme-desk.test/*', 'https://*.com.au/*', 'https://acme.zendesk.com/*'],
      ticketUrl: '^/tickets/(\\w+\\s?)+$',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^matches\.1: \*\.com\.au covers a whole public suffix/),
        expect.stringMatching(/^matches\.2: acme\.zendesk\.com is Zendesk's/),
        expect.stringMatching(/^ticketUrl: could backtrack catastrophically/),
      ]),
    );
    expect(errors.some((error) => error.startsWith('matches.0'))).toBe(false);
  });
});
