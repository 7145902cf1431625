import { type Answer, api, data } from '../api/client';
import type { Scope } from './dashboard.data';

export type ScoredTicket = Answer<'listScoredTickets'>['tickets'][number];

export async function loadTickets(
  scope: Scope,
  extra: { ticketId?: string; helpdesk?: string; cursor?: string } = {},
): Promise<Answer<'listScoredTickets'>> {
  const { tz: _tz, ...query } = scope;
  return data(
    api.GET('/api/v1/feedback', {
      params: { query: { ...query, limit: 50, ...extra } },
    }),
  );
}
