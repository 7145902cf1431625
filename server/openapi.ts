import type { OpenAPIHono } from '@hono/zod-openapi';
import { registerSecuritySchemes } from './api-security';
import type { AppEnv } from './context';
import { SERVER_VERSION } from './health/health.index';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** The document's fixed parts; `origin` is the server the reader reached, so tools call that same server. */
export function openApiConfig(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'DeskLens API',
      version: SERVER_VERSION,
      description: 'Scores, scripts, customers, rules, stats, alerts and improvement actions.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-DeskLens-Proprietary' },
    },
    servers: [{ url: origin, description: 'This DeskLens server' }],
  };
}

/** Registers the security schemes and serves the document at OPENAPI_PATH. */
export function describeApi(app: OpenAPIHono<AppEnv>): void {
  registerSecuritySchemes(app);
  app.doc31(OPENAPI_PATH, (c) => openApiConfig(new URL(c.req.url).origin));
}
