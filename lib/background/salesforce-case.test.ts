import { describe, expect, it } from 'vitest';
import { apiOriginFor, createSalesforceCaseReader, type SalesforceCaseDeps } from './salesforce-case';

const PAGE = 'https://acme.lightning.force.com/lightning/r/Case/500Hs00001XyZaAIAV/view';
const CASE = '500Hs00001XyZaAIAV';

function deps(answer: (url: string) => Response, overrides: Partial<SalesforceCaseDeps> = {}) {
  const urls: string[] = [];
  let clock = 0;
  const value: SalesforceCaseDeps = {
    hasAccess: async () => true,
    sessionId: async () => '00D!session',
    fetch: async (input) => {
      urls.push(String(input));
      return answer(String(input));
    },
    now: () => clock,
    ...overrides,
  };
  return { value, urls, advance: (ms: number) => (clock += ms) };
}

const rows = (records: unknown[]) => new Response(JSON.stringify({ totalSize: records.length, done: true, records }));

describe('Salesforce case records', () => {
  it('finds the API host of a production org and of a sandbox, and nothing for other hosts', () => {
    expect(apiOriginFor(PAGE)).toBe('https://acme.my.salesforce.com');
    expect(apiOriginFor('https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/1/view')).toBe(
      'https://acme--uat.sandbox.my.salesforce.com',
    );
    expect(apiOriginFor('https://evil.example/lightning.force.com')).toBeUndefined();
  });

  it('reads the opening instant and milestones in Salesforce’s own time format, and caches them for 30 s', async () => {
    const setup = deps((url) =>
      url.includes('CaseMilestone')
        ? rows([
            {
              MilestoneType: { Name: 'First Response' },
              TargetDate: '2026-11-29T10:00:00.000+0000',
              CompletionDate: null,
              IsCompleted: false,
              IsViolated: false,
              TargetResponseInMins: 60,
            },
          ])
        : rows([{ Id: CASE, CreatedDate: '2026-11-29T09:00:00.000+0000' }]),
    );
    const reader = createSalesforceCaseReader(setup.value);
    const [first, second] = await Promise.all([reader.caseRecord(PAGE, CASE), reader.caseRecord(PAGE, CASE)]);
    expect(first).toEqual({
      available: true,
      createdAt: '2026-11-29T09:00:00.000Z',
      helpdeskSla: [
        {
          metric: 'First Response',
          breachAt: '2026-11-29T10:00:00.000Z',
          stage: 'active',
          targetMs: 3_600_000,
          cycle: 1,
        },
      ],
    });
    expect(second).toEqual(first);
    expect(setup.urls).toHaveLength(2);
    expect(setup.urls[0]).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/services\/data\/v\d+\.0\/query\?q=SELECT/);
    setup.advance(29_000);
    await reader.caseRecord(PAGE, CASE);
    expect(setup.urls).toHaveLength(2);
    setup.advance(2_000);
    await reader.caseRecord(PAGE, CASE);
    expect(setup.urls).toHaveLength(4);
  });

  it('reads again at once when the page shows the case in another status, and numbers recurring milestones', async () => {
    let reopened = false;
    const response = (started: string, completed: string | null) => ({
      MilestoneType: { Name: 'Response' },
      StartDate: started,
      TargetDate: started.replace('T09', 'T11'),
      CompletionDate: completed,
      IsCompleted: completed !== null,
      IsViolated: false,
      TargetResponseInMins: 120,
    });
    const setup = deps((url) =>
      url.includes('CaseMilestone')
        ? rows([
            response('2026-11-29T09:00:00.000+0000', '2026-11-29T09:30:00.000+0000'),
            ...(reopened ? [response('2026-11-30T09:00:00.000+0000', null)] : []),
          ])
        : rows([{ Id: CASE, CreatedDate: '2026-11-29T09:00:00.000+0000' }]),
    );
    const reader = createSalesforceCaseReader(setup.value);
    // The first answer came before the page showed a status; it counts as read while the case was closed.
    await reader.caseRecord(PAGE, CASE);
    const closed = await reader.caseRecord(PAGE, CASE, 'closed');
    expect(setup.urls).toHaveLength(2);
    expect(closed).toMatchObject({ helpdeskSla: [{ metric: 'Response', stage: 'achieved', cycle: 1 }] });
    reopened = true;
    setup.advance(5_000);
    const open = await reader.caseRecord(PAGE, CASE, 'open');
    expect(setup.urls).toHaveLength(4);
    expect(open).toMatchObject({
      helpdeskSla: [
        { metric: 'Response', stage: 'achieved', cycle: 1 },
        { metric: 'Response', stage: 'active', cycle: 2, breachAt: '2026-11-30T11:00:00.000Z' },
      ],
    });
    // The same status again within 30 s: from cache.
    await reader.caseRecord(PAGE, CASE, 'open');
    expect(setup.urls).toHaveLength(4);
  });

  it('says why when it cannot read: not allowed, no session, expired session, an answer it does not understand', async () => {
    const ok = () => rows([]);
    const notAllowed = createSalesforceCaseReader(deps(ok, { hasAccess: async () => false }).value);
    expect(await notAllowed.caseRecord(PAGE, CASE)).toMatchObject({ available: false, reason: /not allowed/ });
    const signedOut = createSalesforceCaseReader(deps(ok, { sessionId: async () => undefined }).value);
    expect(await signedOut.caseRecord(PAGE, CASE)).toMatchObject({ available: false, reason: /sign in/ });
    const expired = createSalesforceCaseReader(deps(() => new Response('[]', { status: 401 })).value);
    expect(await expired.caseRecord(PAGE, CASE)).toMatchObject({ available: false, reason: /expired/ });
    const odd = createSalesforceCaseReader(deps(() => rows([{ CreatedDate: 'yesterday' }])).value);
    expect(await odd.caseRecord(PAGE, CASE)).toMatchObject({ available: false, reason: /not understood/ });
  });

  it('never sends a SOQL query for an id that is not a Salesforce id, and caps requests at 20 a minute', async () => {
    const setup = deps(() => rows([]));
    const reader = createSalesforceCaseReader(setup.value);
    expect(await reader.caseRecord(PAGE, "500' OR Id != '")).toMatchObject({ available: false });
    expect(setup.urls).toHaveLength(0);
    for (let i = 0; i < 30; i++) await reader.caseRecord(PAGE, `500Hs00001XyZ${String(i).padStart(5, '0')}`);
    expect(setup.urls).toHaveLength(2 * 19);
  });
});
