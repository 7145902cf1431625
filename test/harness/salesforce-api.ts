import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** The session the tests put in the browser's `sid` cookie for the org's my.salesforce.com host. */
export const SALESFORCE_FIXTURE_SID = '00DHs000000fixture!AQ4AQFixtureSessionId';

type Row = Record<string, unknown>;
interface FixtureCase {
  CreatedDate: string;
  /** `recurrence: "independent"` marks a milestone type that starts a new occurrence each time the case reopens. */
  milestones: Row[];
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * A stand-in for Salesforce's REST query resource (`/services/data/vXX.X/query?q=SOQL`) answering the two queries
 * DeskLens sends, from test/fixtures/salesforce/api/cases.json. Instants written `now±90m` / `now±6h` are
 * resolved per request so clocks in the tests are always live. Wrong or missing bearer: 401, as Salesforce does.
 *
 * The console fixture saves a case's status here when it is closed or reopened (as the real console saves the
 * record), and the milestones follow the org's entitlement process: closing completes every open milestone;
 * reopening starts a new occurrence of each milestone type that recurs, with its own target from that moment.
 */
export function createSalesforceApi(fixturesDir: string) {
  /** Per case: completions and extra occurrences since the fixture file, in the order they happened. */
  const changes = new Map<string, { closedAt: number[]; reopenedAt: number[] }>();

  async function cases(): Promise<Record<string, FixtureCase>> {
    return JSON.parse(await readFile(join(fixturesDir, 'salesforce/api/cases.json'), 'utf8')) as Record<
      string,
      FixtureCase
    >;
  }

  function milestonesOf(caseId: string, found: FixtureCase): Row[] {
    const rows = found.milestones.map((row) => resolveInstants(row));
    const history = changes.get(caseId);
    if (!history) return rows.map(salesforceFields);
    const events = [
      ...history.closedAt.map((at) => ({ at, kind: 'closed' as const })),
      ...history.reopenedAt.map((at) => ({ at, kind: 'reopened' as const })),
    ].sort((a, b) => a.at - b.at);
    for (const event of events) {
      const when = new Date(event.at).toISOString().replace('Z', '+0000');
      if (event.kind === 'closed') {
        for (const row of rows) {
          if (row.IsCompleted) continue;
          row.CompletionDate = when;
          row.IsCompleted = true;
          row.IsViolated = Date.parse(String(row.TargetDate).replace('+0000', 'Z')) < event.at;
        }
      } else {
        const recurring = new Map<string, Row>();
        for (const row of rows)
          if (row.recurrence === 'independent') recurring.set(JSON.stringify(row.MilestoneType), row);
        for (const template of recurring.values()) {
          const minutes = Number(template.TargetResponseInMins);
          rows.push({
            ...template,
            StartDate: when,
            TargetDate: new Date(event.at + minutes * 60_000).toISOString().replace('Z', '+0000'),
            CompletionDate: null,
            IsCompleted: false,
            IsViolated: false,
          });
        }
      }
    }
    return rows.map(salesforceFields);
  }

  return {
    async answer(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (!/^\/services\/data\/v\d+\.\d\/query\/?$/.test(url.pathname))
        return json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      if (req.headers.authorization !== `Bearer ${SALESFORCE_FIXTURE_SID}`)
        return json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
      const soql = url.searchParams.get('q') ?? '';
      const caseId = /(?:CaseId|Id) = '([a-zA-Z0-9]{15,18})'/.exec(soql)?.[1];
      const found = caseId ? (await cases())[caseId] : undefined;
      const records =
        !found || !caseId
          ? []
          : /FROM CaseMilestone /.test(soql)
            ? milestonesOf(caseId, found)
            : /FROM Case /.test(soql)
              ? [{ Id: caseId, CreatedDate: resolveInstant(found.CreatedDate) }]
              : undefined;
      if (!records) return json(res, 400, [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected query' }]);
      return json(res, 200, { totalSize: records.length, done: true, records });
    },
    /** `POST /fixture/salesforce/cases/<id>` from the console page: `{ "status": "Closed" | "Reopened" | … }`. */
    async saveStatus(caseId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
      let body = '';
      for await (const chunk of req) body += chunk;
      const status = (JSON.parse(body || '{}') as { status?: unknown }).status;
      if (typeof status !== 'string') return json(res, 400, { error: 'status expected' });
      const history = changes.get(caseId) ?? { closedAt: [], reopenedAt: [] };
      if (status === 'Closed') history.closedAt.push(Date.now());
      else if (status === 'Reopened') history.reopenedAt.push(Date.now());
      changes.set(caseId, history);
      return json(res, 200, { id: caseId, status });
    },
    /** Back to the fixture file (a test that closed or reopened a case cleans up after itself). */
    reset: () => changes.clear(),
  };
}

/** Only the fields Salesforce itself has (the fixture's own markers stay here). */
function salesforceFields(row: Row): Row {
  const { recurrence: _recurrence, ...fields } = row;
  return fields;
}

function resolveInstant(value: unknown): unknown {
  const relative = typeof value === 'string' ? /^now([+-]\d+)([mh])$/.exec(value) : null;
  if (!relative) return value;
  const ms = Number(relative[1]) * (relative[2] === 'h' ? 3_600_000 : 60_000);
  // Salesforce's own format: milliseconds and a +0000 offset.
  return new Date(Date.now() + ms).toISOString().replace('Z', '+0000');
}

function resolveInstants(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, resolveInstant(value)]));
}

/** The agent is signed in to Salesforce: the org's API host holds the session cookie DeskLens reads. */
export const SALESFORCE_SESSION_COOKIE = {
  name: 'sid',
  value: SALESFORCE_FIXTURE_SID,
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'None' as const,
};
