import ky from 'ky';
import type { z } from 'zod';
import { ApiError } from '../../schema/events';
import { EnrollOptions, EnrollResponse, PendingEnrollment, SsoEnrollStarted } from '../../schema/identity';
import { apiUrl } from '../api-url';

/** An answer from the enrollment routes: parsed, or what went wrong in words. */
export type Answer<T> =
  | { ok: true; status: number; value: T }
  | { ok: false; status: number; code?: string; message: string; retryAfterSeconds?: number };

/**
 * One POST to an enrollment route. 429 and 5xx are retried briefly; longer outages are the caller's (the next sync
 * tries again). Nothing here throws: a network failure is status 0.
 */
async function post<S extends z.ZodType>(
  backendUrl: string,
  path: string,
  body: unknown,
  accept: Partial<Record<number, S>>,
): Promise<Answer<z.infer<S>>> {
  let response: Response;
  try {
    response = await ky.post(apiUrl(backendUrl, path), {
      json: body,
      timeout: 15_000,
      throwHttpErrors: false,
      retry: { limit: 2, methods: ['post'], statusCodes: [408, 502, 503, 504], jitter: true },
    });
  } catch (error) {
    return {
      ok: false,
      status: 0,
      message: `could not reach the DeskLens server (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const json: unknown = await response.json().catch(() => undefined);
  const schema = accept[response.status];
  if (schema) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, status: response.status, value: parsed.data };
    return { ok: false, status: response.status, message: 'the server’s answer was not understood' };
  }
  const problem = ApiError.safeParse(json);
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    code: problem.success ? problem.data.error.code : undefined,
    message: problem.success ? problem.data.error.message : `HTTP ${response.status}`,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

export const enrollmentApi = {
  options: (backendUrl: string, enrollmentToken: string) =>
    post(backendUrl, 'api/v1/enroll/options', { enrollmentToken }, { 200: EnrollOptions }),
  requestApproval: (
    backendUrl: string,
    body: {
      enrollmentToken: string;
      agent: { email: string; name?: string; helpdeskUserId?: string };
      deviceSecret: string;
    },
  ) => post(backendUrl, 'api/v1/enroll', body, { 202: PendingEnrollment }),
  claim: (backendUrl: string, deviceId: string, deviceSecret: string) =>
    post(
      backendUrl,
      'api/v1/enroll/claim',
      { deviceId, deviceSecret },
      { 201: EnrollResponse, 202: PendingEnrollment },
    ),
  password: (backendUrl: string, body: { enrollmentToken: string; email: string; password: string }) =>
    post(backendUrl, 'api/v1/enroll/password', body, { 201: EnrollResponse }),
  startSso: (
    backendUrl: string,
    body: {
      enrollmentToken: string;
      redirectUri: string;
      codeChallenge: string;
      interactive: boolean;
      loginHint?: string;
    },
  ) => post(backendUrl, 'api/v1/enroll/sso', body, { 201: SsoEnrollStarted }),
  finishSso: (backendUrl: string, body: { requestId: string; code: string; codeVerifier: string }) =>
    post(backendUrl, 'api/v1/enroll/sso/token', body, { 201: EnrollResponse }),
};
export type EnrollmentApi = typeof enrollmentApi;
