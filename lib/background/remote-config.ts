import ky from 'ky';
import { RemoteConfig } from '../schema/config';
import { apiUrl } from './api-url';
import type { SyncTarget } from './sync';

/**
 * The org/team configuration from the backend (`GET /api/v1/config`), validated. The caller stores it where
 * `loadEffectiveConfig` reads it; enterprise policy still wins over it, and it wins over the agent's options.
 */
export async function fetchRemoteConfig(
  target: SyncTarget,
): Promise<RemoteConfig | { error: string; tokenRefused?: boolean }> {
  try {
    const response = await ky.get(apiUrl(target.backendUrl, 'api/v1/config'), {
      headers: { authorization: `Bearer ${target.token}` },
      timeout: 15_000,
      throwHttpErrors: false,
      retry: { limit: 2, jitter: true },
    });
    if (!response.ok)
      return {
        error: `the server answered ${response.status} for the team configuration`,
        ...(response.status === 401 ? { tokenRefused: true } : {}),
      };
    const parsed = RemoteConfig.safeParse(await response.json().catch(() => undefined));
    return parsed.success ? parsed.data : { error: 'the team configuration from the server was not understood' };
  } catch (error) {
    return {
      error: `could not fetch the team configuration (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
