import { type Answer, api, data } from '../api/client';
import type { Scope } from './dashboard.data';

export type ScoredTicket = Answer<'listScores'>['scores'][number];
type Round = ScoredTicket['round'];

/** The counted scores behind the figures (the drill-down route), newest first, one round at a time. */
export async function loadTickets(
  scope: Scope,
  extra: { ticketId?: string; cursor?: string; round?: Round } = {},
): Promise<Answer<'listScores'>> {
  const { tz: _tz, ...query } = scope;
  return data(api.GET('/api/v1/stats/scores', { params: { query: { ...query, limit: 50, ...extra } } }));
}

/** Every score of one ticket: its first score and its follow-up, newest first. */
export async function loadTicket(scope: Scope, helpdesk: string, ticketId: string): Promise<ScoredTicket[]> {
  const rounds = await Promise.all(
    (['follow_up', 'initial'] as const).map((round) => loadTickets(scope, { ticketId, round })),
  );
  return rounds.flatMap((page) => page.scores).filter((score) => score.helpdesk === helpdesk);
}
