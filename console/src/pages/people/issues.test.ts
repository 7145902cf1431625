import { describe, expect, it } from 'vitest';
import { TeamInput, UserInput } from '../../../../lib/schema/access';
import { serverIssues, zodIssues } from './issues';

describe('field issues', () => {
  it('puts the shared schema’s first complaint on each field', () => {
    const parsed = UserInput.safeParse({ email: 'nope', name: '', role: 'agent', password: 'short' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const issues = zodIssues(parsed.error);
    expect(Object.keys(issues).sort()).toEqual(['email', 'name', 'password']);
    expect(issues.password).toBe('at least 12 characters');
  });

  it('names a bad slug by the rule it breaks', () => {
    const parsed = TeamInput.safeParse({ name: 'Tier 3', slug: 'Tier 3' });
    expect(parsed.success || zodIssues(parsed.error).slug).toBe('lower-case letters, digits and dashes');
  });

  it('reads the server’s message for the form and its issues by field', () => {
    const answer = {
      error: {
        code: 'conflict',
        message: 'A team with slug "tier-1" exists.',
        issues: [{ path: 'slug', message: 'Taken' }],
      },
    };
    expect(serverIssues(answer, 409)).toEqual({ '': 'A team with slug "tier-1" exists.', slug: 'Taken' });
    expect(serverIssues(undefined, 502)).toEqual({ '': 'HTTP 502' });
  });
});
