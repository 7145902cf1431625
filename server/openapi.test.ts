import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}
interface Document {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

/**
 * The API description is what generated clients (the console's among them) and API tools are built from: every
 * operation needs an operationId and a security requirement, and the document must pass a standard linter.
 */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let text: string;
  let doc: Document;
  const ORIGIN = 'https://desklens.acme.test';

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const response = await t.app.request(`${ORIGIN}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    text = await response.text();
    doc = JSON.parse(text) as Document;
  });
  afterAll(async () => {
    await t?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );

  it('names every operation, once', () => {
    const missing = operations().filter(({ op }) => !op.operationId);
    expect(missing.map((o) => o.route)).toEqual([]);
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z][A-Za-z]+$/.test(id ?? ''))).toBe(true);
  });

  it('states how every operation is authenticated, with schemes that exist', () => {
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    expect(schemes).toEqual(new Set(['agentToken', 'consoleSession']));
    for (const { route, op } of operations()) {
      expect(op.security, route).toBeDefined();
      for (const requirement of op.security ?? [])
        for (const scheme of Object.keys(requirement)) expect(schemes.has(scheme), `${route} ${scheme}`).toBe(true);
    }
    const open = operations()
      .filter(({ op }) => op.security?.length === 0)
      .map(({ route }) => route)
      .sort();
    expect(open).toEqual([
      'GET /api/v1/health',
      // Where the extension's launchWebAuthFlow starts a sign-in: the sign-in's id and its redirect are the credential.
      'GET /api/v1/sso/authorize',
      // The identity provider sends the browser here; the sign-in's one-time state is the credential.
      'GET /api/v1/sso/callback',
      // Enrollment: the enrollment token, device secret or one-time code travels in the body.
      'POST /api/v1/enroll',
      'POST /api/v1/enroll/claim',
      'POST /api/v1/enroll/options',
      'POST /api/v1/enroll/password',
      'POST /api/v1/enroll/sso',
      'POST /api/v1/enroll/sso/token',
      'POST /api/v1/sessions',
      // The Zendesk app: the token Zendesk signed for the sidebar is the credential.
      'POST /api/v1/zendesk-app/session',
    ]);
  });

  it('names the server it was read from', () => {
    expect(doc.servers).toEqual([{ url: ORIGIN, description: 'This DeskLens server' }]);
  });

  it("passes Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: `${ORIGIN}/api/v1/openapi.json`, config });
    const found = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(found).toEqual([
      // Liveness has no client error to describe: nothing a caller sends to it can be wrong.
      'warn operation-4xx-response #/paths/~1api~1v1~1health/get/responses: Operation must have at least one `4XX` response.',
      // The SSO start only ever redirects the browser (to the identity provider).
      'warn operation-2xx-response #/paths/~1api~1v1~1sso~1authorize/get/responses: Operation must have at least one `2XX` response.',
      // The SSO callback only ever redirects the browser (to the extension, with a code or an error).
      'warn operation-2xx-response #/paths/~1api~1v1~1sso~1callback/get/responses: Operation must have at least one `2XX` response.',
    ]);
  });
});
