import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** The session the tests put in the browser's `sid` cookie for the org's my.salesforce.com host. */
export const SALESFORCE_FIXTURE_SID = '00DHs000000fixture!AQ4AQFixtureSessionId';

/**
 * A stand-in for Salesforce's REST query resource (`/services/data/vXX.X/query?q=SOQL`) answering the two queries
 * DeskLens sends, from test/fixtures/salesforce/api/cases.json. Instants written `now±90m` / `now±6h` are
 * resolved per request so clocks in the tests are always live. Wrong or missing bearer: 401, as Salesforce does.
 */
export async function answerSalesforceApi(
  fixturesDir: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const json = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (!/^\/services\/data\/v\d+\.\d\/query\/?$/.test(url.pathname))
    return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  if (req.headers.authorization !== `Bearer ${SALESFORCE_FIXTURE_SID}`)
    return json(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
  const soql = url.searchParams.get('q') ?? '';
  const caseId = /(?:CaseId|Id) = '([a-zA-Z0-9]{15,18})'/.exec(soql)?.[1];
  const cases = JSON.parse(await readFile(join(fixturesDir, 'salesforce/api/cases.json'), 'utf8')) as Record<
    string,
    { CreatedDate: string; milestones: Record<string, unknown>[] }
  >;
  const found = caseId ? cases[caseId] : undefined;
  const records = !found
    ? []
    : /FROM CaseMilestone /.test(soql)
      ? found.milestones.map((row) => resolveInstants(row))
      : /FROM Case /.test(soql)
        ? [{ Id: caseId, CreatedDate: resolveInstant(found.CreatedDate) }]
        : undefined;
  if (!records) return json(400, [{ errorCode: 'MALFORMED_QUERY', message: 'unexpected query' }]);
  return json(200, { totalSize: records.length, done: true, records });
}

function resolveInstant(value: unknown): unknown {
  const relative = typeof value === 'string' ? /^now([+-]\d+)([mh])$/.exec(value) : null;
  if (!relative) return value;
  const ms = Number(relative[1]) * (relative[2] === 'h' ? 3_600_000 : 60_000);
  // Salesforce's own format: milliseconds and a +0000 offset.
  return new Date(Date.now() + ms).toISOString().replace('Z', '+0000');
}

function resolveInstants(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, resolveInstant(value)]));
}
