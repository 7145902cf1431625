import type { ZafClient } from './zaf';

/**
 * The DeskLens backend, reached through Zendesk's proxy with the session the server opened for the agent Zendesk
 * signed the sidebar for (server/zendesk-app): what the app sends is credited to that agent and nobody else.
 */
export interface Backend {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

/** The server that served this sidebar, and the agent's session token it put in the page. */
export function createBackend(client: ZafClient, backendUrl: string, sessionToken: string): Backend {
  const base = backendUrl.replace(/\/+$/, '');
  return {
    async post(path, body) {
      try {
        const response = await client.request({
          url: `${base}${path}`,
          type: 'POST',
          contentType: 'application/json',
          data: JSON.stringify(body),
          headers: { Authorization: `Bearer ${sessionToken}` },
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
