import { type Answer, api, data } from '../api/client';

export type Action = Answer<'listImprovementActions'>['actions'][number];
export type BeforeAfter = Answer<'getActionBeforeAfter'>;
export const STATUSES = ['open', 'in_progress', 'done', 'verified'] as const;

export function loadActions(teamId?: string) {
  return data(api.GET('/api/v1/actions', { params: { query: { limit: 200, ...(teamId ? { teamId } : {}) } } }));
}

export function loadBeforeAfter(id: string) {
  return data(api.GET('/api/v1/actions/{id}/before-after', { params: { path: { id }, query: {} } }));
}
