import type { PublicComment } from '../../schema/ticket';

/**
 * The public conversation from Zendesk's REST API (`GET /api/v2/tickets/{id}/comments.json?include=users`, newest
 * first, one page of 100): the Agent Workspace renders long conversations lazily, so the DOM may not hold the
 * customer message or agent reply an SLA clock starts or stops on. Only who wrote each public comment and when
 * are kept — never the text.
 */
export const COMMENTS_QUERY = 'include=users&sort_order=desc&page[size]=100';

interface RestComments {
  comments?: { author_id?: unknown; public?: unknown; created_at?: unknown }[];
  users?: { id?: unknown; role?: unknown; name?: unknown }[];
}

const id = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : undefined);

export function parseCommentsResponse(body: RestComments): PublicComment[] | undefined {
  if (!Array.isArray(body.comments)) return undefined;
  const roles = new Map<string, { role?: unknown; name?: unknown }>();
  for (const user of Array.isArray(body.users) ? body.users : []) {
    const key = id(user?.id);
    if (key) roles.set(key, user);
  }
  const comments: PublicComment[] = [];
  for (const comment of body.comments.slice(0, 100)) {
    if (comment?.public !== true || typeof comment.created_at !== 'string') continue;
    const at = Date.parse(comment.created_at);
    const author = roles.get(id(comment.author_id) ?? '');
    if (Number.isNaN(at) || !author) continue;
    // Zendesk roles: end-user, agent, admin. Anyone not an end-user answers for the company.
    const authorRole = author.role === 'end-user' ? 'customer' : 'agent';
    const name = typeof author.name === 'string' ? author.name.slice(0, 200) : undefined;
    comments.push({ authorRole, at: new Date(at).toISOString(), ...(name ? { authorName: name } : {}) });
  }
  return comments.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Both views of the conversation in one timeline, oldest first: what REST returned, plus comments the page shows
 * that arrived after it answered. The same comment seen twice (same author role, same second) counts once.
 */
export function mergeComments(page: PublicComment[], rest: PublicComment[]): PublicComment[] {
  const key = (comment: PublicComment) => `${comment.authorRole}|${Math.floor(Date.parse(comment.at) / 1000)}`;
  const merged = new Map<string, PublicComment>();
  for (const comment of [...rest, ...page]) if (!merged.has(key(comment))) merged.set(key(comment), comment);
  return [...merged.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-5000);
}
