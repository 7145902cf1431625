import type { ZafClient } from './zaf';

/**
 * The DeskLens backend, reached through Zendesk's proxy: the agent token is a secure app setting that Zendesk
 * writes into the request on its servers (`{{setting.token}}`), so it never reaches this frame or the browser.
 * Only hosts in the app's `domainWhitelist` receive it.
 */
export interface Backend {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** What the admin set when installing the app (manifest `parameters`): the server's address. */
export function createBackend(client: ZafClient, backendUrl: string): Backend {
  const base = backendUrl.replace(/\/+$/, '');
  return {
    async post(path, body) {
      try {
        const response = await client.request({
          url: `${base}${path}`,
          type: 'POST',
          contentType: 'application/json',
          data: JSON.stringify(body),
          headers: { Authorization: 'Bearer {{setting.token}}' },
          secure: true,
          cors: false,
          httpCompleteResponse: true,
          timeout: 15_000,
        });
        return { status: response.status, body: response.responseJSON };
      } catch (error) {
        // The proxy answers a failed request as a rejection carrying the same shape; 0 when there was no answer.
        const failed = error as Partial<{ status: number; responseJSON: unknown }> | undefined;
        return { status: typeof failed?.status === 'number' ? failed.status : 0, body: failed?.responseJSON };
      }
    },
  };
}
