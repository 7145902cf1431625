import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createManagedPolicySource, type ManagedPolicySourceDeps } from './managed-policy';

/** A browser read the test settles by hand, as Chromium's policy service does when it is ready (or never). */
function browserRead() {
  const calls: { resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  const read = () =>
    new Promise<unknown>((resolve, reject) => {
      calls.push({ resolve, reject });
    });
  return { read, calls };
}

function source(overrides: Partial<ManagedPolicySourceDeps> & Pick<ManagedPolicySourceDeps, 'read'>) {
  const kept: { policy?: Record<string, unknown> } = {};
  const lateAnswers = { count: 0 };
  const deps: ManagedPolicySourceDeps = {
    remembered: async () => kept.policy,
    remember: async (policy) => {
      kept.policy = policy;
    },
    onLateAnswer: () => {
      lateAnswers.count += 1;
    },
    waitMs: 3_000,
    now: Date.now,
    ...overrides,
  };
  return { policy: createManagedPolicySource(deps), kept, lateAnswers };
}

const POLICY = { backendUrl: 'https://desklens.acme.example', enrollmentToken: 'dl_enroll_team_1' };

describe('the enterprise policy when the browser is slow to give it', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers with what the browser gives in time, and asks the browser only once after that', async () => {
    const browser = browserRead();
    const { policy, kept } = source({ read: browser.read });
    const first = policy.current();
    browser.calls[0]?.resolve(POLICY);
    await expect(first).resolves.toEqual(POLICY);
    await expect(policy.current()).resolves.toEqual(POLICY);
    expect(browser.calls).toHaveLength(1);
    expect(kept.policy).toEqual(POLICY);
  });

  it('goes on without a policy after the wait when the browser never answers, instead of hanging the sync', async () => {
    const browser = browserRead();
    const { policy } = source({ read: browser.read });
    const answer = policy.current();
    await vi.advanceTimersByTimeAsync(2_999);
    let settled = false;
    void answer.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toEqual({});
  });

  it('goes on with the last policy the browser gave, across restarts, while the browser is slow', async () => {
    const browser = browserRead();
    const { policy } = source({ read: browser.read, remembered: async () => POLICY });
    const answer = policy.current();
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(answer).resolves.toEqual(POLICY);
  });

  it('takes a late answer that differs from what was assumed, keeps it, and says so once', async () => {
    const browser = browserRead();
    const { policy, kept, lateAnswers } = source({ read: browser.read });
    const answer = policy.current();
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(answer).resolves.toEqual({});
    browser.calls[0]?.resolve(POLICY);
    await vi.advanceTimersByTimeAsync(0);
    expect(lateAnswers.count).toBe(1);
    expect(kept.policy).toEqual(POLICY);
    await expect(policy.current()).resolves.toEqual(POLICY);
    expect(browser.calls).toHaveLength(1);
  });

  it('stays quiet when the late answer is what was assumed', async () => {
    const browser = browserRead();
    const { policy, lateAnswers } = source({ read: browser.read, remembered: async () => POLICY });
    const answer = policy.current();
    await vi.advanceTimersByTimeAsync(3_000);
    await answer;
    browser.calls[0]?.resolve({ ...POLICY });
    await vi.advanceTimersByTimeAsync(0);
    expect(lateAnswers.count).toBe(0);
  });

  it('asks the browser again once a read has hung longer than the wait, and the answer to either counts', async () => {
    const browser = browserRead();
    const { policy } = source({ read: browser.read });
    const first = policy.current();
    await vi.advanceTimersByTimeAsync(3_000);
    await first;
    const second = policy.current();
    expect(browser.calls).toHaveLength(2);
    browser.calls[1]?.resolve(POLICY);
    await expect(second).resolves.toEqual(POLICY);
  });

  it('reads a rejection (Firefox without a policy) and a non-object as no policy', async () => {
    const rejecting = source({ read: () => Promise.reject(new Error('Managed storage manifest not found')) });
    await expect(rejecting.policy.current()).resolves.toEqual({});
    const odd = source({ read: async () => ['not', 'a', 'policy'] });
    await expect(odd.policy.current()).resolves.toEqual({});
  });

  it('reads afresh after the browser announces a change, and a read the change made stale does not count', async () => {
    const browser = browserRead();
    const { policy } = source({ read: browser.read });
    const before = policy.current();
    policy.changed();
    const after = policy.current();
    expect(browser.calls).toHaveLength(2);
    const changed = { ...POLICY, enrollmentToken: 'dl_enroll_team_2' };
    // The read from before the change answers last, with the old policy: it must not win.
    browser.calls[1]?.resolve(changed);
    await expect(after).resolves.toEqual(changed);
    browser.calls[0]?.resolve(POLICY);
    await before;
    await expect(policy.current()).resolves.toEqual(changed);
    expect(browser.calls).toHaveLength(2);
  });
});
