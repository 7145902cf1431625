import { signal } from '@preact/signals';
import { type Answer, api, whenSignedOut } from '../api/client';
import { resetLive } from './live';
import { loadQuality } from './quality';

export type Me = Answer<'getMe'>;
export type Team = Answer<'listTeams'>['teams'][number];

/** undefined: not asked yet; null: not signed in. */
export const me = signal<Me | null | undefined>(undefined);
export const teams = signal<Team[]>([]);

/** Who is signed in, and the teams they may see (leads: the teams they lead). */
export async function loadSession(): Promise<void> {
  const { data, response } = await api.GET('/api/v1/me');
  if (!response.ok || !data) {
    me.value = null;
    return;
  }
  if (data.user.role !== 'agent') [teams.value] = await Promise.all([allTeams(), loadQuality()]);
  else teams.value = [];
  me.value = data;
}

async function allTeams(): Promise<Team[]> {
  const out: Team[] = [];
  let cursor: string | undefined;
  // Organisations have tens of teams, not thousands: a few pages at most.
  for (let page = 0; page < 20; page++) {
    const { data } = await api.GET('/api/v1/teams', {
      params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) break;
    out.push(...data.teams);
    if (!data.next) break;
    cursor = data.next;
  }
  return out;
}

whenSignedOut(() => {
  if (!me.value) return;
  resetLive();
  me.value = null;
  teams.value = [];
});

export async function signOut(): Promise<void> {
  await api.DELETE('/api/v1/sessions/current');
  resetLive();
  me.value = null;
  teams.value = [];
}
