import ky from 'ky';
import browser from 'webextension-polyfill';
import { ApiError } from '../schema/events';
import { EnrollResponse } from '../schema/identity';
import { apiUrl } from './api-url';
import { AGENT_TOKEN_KEY, readAgentSettings } from './settings-store';

export const AGENT_IDENTITY_KEY = 'agentIdentity';
export const ENROLLMENT_KEY = 'enrollment';

export interface AgentIdentity {
  email: string;
  name?: string;
  helpdeskUserId?: string;
}

interface EnrollmentRecord {
  backendUrl: string;
  agentId: string;
  teamId: string;
  enrolledAt: string;
}

/** The agent's identity: what they typed in options wins over what the helpdesk page reported. */
export async function readAgentIdentity(): Promise<AgentIdentity | undefined> {
  const [settings, stored] = await Promise.all([readAgentSettings(), browser.storage.local.get(AGENT_IDENTITY_KEY)]);
  const reported = stored[AGENT_IDENTITY_KEY] as AgentIdentity | undefined;
  if (settings.agentEmail)
    return {
      email: settings.agentEmail,
      name: settings.agentName ?? reported?.name,
      helpdeskUserId: reported?.helpdeskUserId,
    };
  return reported;
}

export async function rememberAgentIdentity(identity: AgentIdentity): Promise<void> {
  await browser.storage.local.set({ [AGENT_IDENTITY_KEY]: identity });
}

export type EnrollAttempt = { token: string } | { error: string };

/**
 * Trade the policy's (or options') enrollment token for this browser's own agent token, kept in
 * storage.local where only the background reads it. Done once per backend URL.
 */
export async function enroll(
  backendUrl: string,
  enrollmentToken: string,
  identity: AgentIdentity,
): Promise<EnrollAttempt> {
  let response: Response;
  try {
    response = await ky.post(apiUrl(backendUrl, 'api/v1/enroll'), {
      json: { enrollmentToken, agent: identity },
      timeout: 15_000,
      throwHttpErrors: false,
      retry: { limit: 2, methods: ['post'], statusCodes: [408, 429, 502, 503, 504], jitter: true },
    });
  } catch (error) {
    return {
      error: `could not reach the DeskLens server to enroll (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = ApiError.safeParse(body);
    return { error: `enrollment refused: ${problem.success ? problem.data.error.message : `HTTP ${response.status}`}` };
  }
  const parsed = EnrollResponse.safeParse(body);
  if (!parsed.success) return { error: 'enrollment answer was not understood' };
  const record: EnrollmentRecord = {
    backendUrl,
    agentId: parsed.data.agent.id,
    teamId: parsed.data.teamId,
    enrolledAt: new Date().toISOString(),
  };
  await browser.storage.local.set({ [AGENT_TOKEN_KEY]: parsed.data.token, [ENROLLMENT_KEY]: record });
  return { token: parsed.data.token };
}

/** The enrolled token only counts for the server it was issued by; a new backend URL means enrolling again. */
export async function enrolledTokenFor(backendUrl: string): Promise<string | undefined> {
  const stored = await browser.storage.local.get([AGENT_TOKEN_KEY, ENROLLMENT_KEY]);
  const record = stored[ENROLLMENT_KEY] as EnrollmentRecord | undefined;
  const token = stored[AGENT_TOKEN_KEY];
  return typeof token === 'string' && record?.backendUrl === backendUrl ? token : undefined;
}
