import { z } from 'zod';
import type { HelpdeskSlaTarget } from '../schema/ticket';
import { salesforceTargets } from '../sla/targets';

/**
 * What the Lightning page does not show reliably — the case's exact opening instant and its Entitlements
 * milestones — read from Salesforce's REST API (shared/research/zaf-and-helpdesk-apis.md §C). The Lightning
 * domain's session is not an API session, so, like the public tools that do this, the `sid` cookie of the org's
 * my.salesforce.com host is used as the bearer token. That needs the optional `cookies` permission and the
 * my.salesforce.com host permission, which an agent grants once in DeskLens options; without them this answers
 * "unavailable" and the overlay shows what DeskLens's own policies compute.
 */
export const SALESFORCE_API_ORIGINS = ['https://*.my.salesforce.com/*'];
export const SALESFORCE_API_PERMISSIONS = ['cookies'];
const API_VERSION = 'v60.0';
const PER_CASE_MS = 30_000;
const GLOBAL_LIMIT = 20;
const GLOBAL_WINDOW_MS = 60_000;
const TIMEOUT_MS = 8_000;

export type SalesforceCaseRecord =
  | { available: true; createdAt?: string; helpdeskSla: HelpdeskSlaTarget[] }
  | { available: false; reason: string };

/** `acme.lightning.force.com` → `acme.my.salesforce.com` (sandboxes: `acme--uat.sandbox.…` alike). */
export function apiOriginFor(pageUrl: string): string | undefined {
  const url = new URL(pageUrl);
  const match = /^([a-z0-9-]+(?:\.sandbox)?)\.lightning\.force\.com$/i.exec(url.hostname);
  // The page's port is kept: real orgs have none, and test pages on a local port reach their own API stand-in.
  return match ? `https://${match[1]}.my.salesforce.com${url.port ? `:${url.port}` : ''}` : undefined;
}

/** Salesforce writes instants as `2026-11-29T10:00:00.000+0000`; ISO 8601 (and zod) want `+00:00`. */
const instant = z
  .string()
  .max(40)
  .transform((value) => value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  .pipe(z.iso.datetime({ offset: true }))
  .nullable()
  .optional();
const CaseRows = z.object({ records: z.array(z.object({ CreatedDate: instant })).max(1) });
const MilestoneRows = z.object({
  records: z
    .array(
      z.object({
        MilestoneType: z
          .object({ Name: z.string().min(1).max(64) })
          .nullable()
          .optional(),
        StartDate: instant,
        TargetDate: instant,
        CompletionDate: instant,
        IsCompleted: z.boolean().optional(),
        IsViolated: z.boolean().optional(),
        TargetResponseInMins: z.number().min(0).nullable().optional(),
      }),
    )
    .max(50),
});

export interface SalesforceCaseDeps {
  hasAccess: () => Promise<boolean>;
  sessionId: (apiOrigin: string) => Promise<string | undefined>;
  fetch: typeof fetch;
  now: () => number;
}

/** One reader per background: cached per case, one request in flight per case, and limits like Zendesk's. */
export function createSalesforceCaseReader(deps: SalesforceCaseDeps) {
  const known = new Map<string, { at: number; record: SalesforceCaseRecord; caseStatus?: string }>();
  const inFlight = new Map<string, Promise<SalesforceCaseRecord>>();
  const recent: number[] = [];

  async function query<T>(apiOrigin: string, sid: string, soql: string, schema: z.ZodType<T>): Promise<T> {
    const response = await deps.fetch(`${apiOrigin}/services/data/${API_VERSION}/query?q=${encodeURIComponent(soql)}`, {
      headers: { authorization: `Bearer ${sid}`, accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 401) throw new Error('the Salesforce session has expired: sign in to Salesforce again');
    if (!response.ok) throw new Error(`Salesforce answered ${response.status}`);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) throw new Error('Salesforce’s answer was not understood');
    return parsed.data;
  }

  async function read(pageUrl: string, caseId: string): Promise<SalesforceCaseRecord> {
    const apiOrigin = apiOriginFor(pageUrl);
    if (!apiOrigin) return { available: false, reason: 'not a Lightning console page' };
    if (!(await deps.hasAccess()))
      return { available: false, reason: 'Salesforce milestones are not allowed yet (DeskLens options)' };
    const sid = await deps.sessionId(apiOrigin);
    if (!sid) return { available: false, reason: 'no Salesforce session: sign in to Salesforce' };
    // The id comes from the page URL and is checked again here: it is pasted into SOQL.
    if (!/^[a-zA-Z0-9]{15,18}$/.test(caseId)) return { available: false, reason: 'not a case id' };
    const [cases, milestones] = await Promise.all([
      query(apiOrigin, sid, `SELECT Id, CreatedDate FROM Case WHERE Id = '${caseId}'`, CaseRows),
      query(
        apiOrigin,
        sid,
        'SELECT MilestoneType.Name, StartDate, TargetDate, CompletionDate, IsCompleted, IsViolated, ' +
          `TargetResponseInMins FROM CaseMilestone WHERE CaseId = '${caseId}' ORDER BY StartDate ASC`,
        MilestoneRows,
      ),
    ]);
    const createdAt = cases.records[0]?.CreatedDate;
    return {
      available: true,
      ...(createdAt ? { createdAt: new Date(createdAt).toISOString() } : {}),
      helpdeskSla: salesforceTargets(
        milestones.records.map((row) => ({
          ...row,
          StartDate: row.StartDate ? new Date(row.StartDate).toISOString() : null,
          TargetDate: row.TargetDate ? new Date(row.TargetDate).toISOString() : null,
          CompletionDate: row.CompletionDate ? new Date(row.CompletionDate).toISOString() : null,
          name: row.MilestoneType?.Name ?? 'Milestone',
        })),
      ),
    };
  }

  return {
    /** Drop what is known (an agent just granted or removed access). */
    forget: () => known.clear(),
    /**
     * The case's record, from cache when fresh (30 s) and read while the case had the status the page shows now
     * (a closed case that was reopened gets new milestone occurrences at once, not half a minute later); never
     * throws.
     */
    caseRecord(pageUrl: string, caseId: string, caseStatus?: string): Promise<SalesforceCaseRecord> {
      const key = `${new URL(pageUrl).hostname}|${caseId}`;
      const cached = known.get(key);
      const t = deps.now();
      // An answer read before the page showed any status is taken as read under the first status shown.
      if (cached && cached.caseStatus === undefined && caseStatus) cached.caseStatus = caseStatus;
      const sameStatus = caseStatus === undefined || cached?.caseStatus === caseStatus;
      if (cached && t - cached.at < PER_CASE_MS && sameStatus) return Promise.resolve(cached.record);
      const running = inFlight.get(key);
      if (running) return running;
      while (recent.length > 0 && t - (recent[0] as number) > GLOBAL_WINDOW_MS) recent.shift();
      if (recent.length >= GLOBAL_LIMIT)
        return Promise.resolve(cached?.record ?? { available: false, reason: 'waiting: too many Salesforce requests' });
      recent.push(t);
      const request = read(pageUrl, caseId)
        .catch(
          (error: unknown): SalesforceCaseRecord => ({
            available: false,
            reason: error instanceof Error ? error.message : String(error),
          }),
        )
        .then((record) => {
          known.set(key, { at: deps.now(), record, ...(caseStatus ? { caseStatus } : {}) });
          return record;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request;
    },
  };
}
