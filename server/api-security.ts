import type { OpenAPIHono } from '@hono/zod-openapi';
import { SESSION_COOKIE } from './auth/sessions';
import type { AppEnv } from './context';

/**
 * How each operation is authenticated, as the OpenAPI document states it. Generated clients and API tools read
 * these, so every operation names one (an empty list: no credentials).
 */
type Requirements = Record<string, string[]>[];

export const SECURITY: Record<'token' | 'tokenOrSession' | 'session' | 'none', Requirements> = {
  /** The extension's per-agent API token (Bearer) only. */
  token: [{ agentToken: [] }],
  /** An API token or a console session cookie. */
  tokenOrSession: [{ agentToken: [] }, { consoleSession: [] }],
  /** A console session only. */
  session: [{ consoleSession: [] }],
  /** No credentials: health, enrollment (the body carries the enrollment token) and signing in. */
  none: [],
};

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'agentToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A per-user API token: from enrollment (agents’ browsers) or issued by an admin.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'consoleSession', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The console’s HttpOnly session cookie from POST /api/v1/sessions. Changes must come from the server’s own origin.',
  });
}
