import { type Answer, api, data } from '../../api/client';

export type User = Answer<'listUsers'>['users'][number];
export type Token = Answer<'listTokens'>['tokens'][number];
export type Device = Answer<'listDevices'>['devices'][number];
export type AuditEntry = Answer<'listAuditEntries'>['entries'][number];

/** Every user of the organisation (tens to hundreds): the pages' pickers and names need them all. */
export async function allUsers(): Promise<User[]> {
  const out: User[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const body = await data(
      api.GET('/api/v1/users', { params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } } }),
    );
    out.push(...body.users);
    if (!body.next) break;
    cursor = body.next;
  }
  return out;
}
