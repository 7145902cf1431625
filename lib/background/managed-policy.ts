/**
 * The enterprise policy as the browser gives it, without ever waiting on the browser for long.
 *
 * Chromium answers `storage.managed.get()` only once its policy service has loaded, which on a busy machine takes
 * seconds and sometimes never happens for the life of the service worker (w3c/webextensions#547,
 * ghostery/ghostery-extension#3367, microsoft/MicrosoftEdge-Extensions#299). A sync waiting on it never starts: no
 * configuration, no scores sent, no generic adapters registered. So a read waits at most `waitMs`, then goes on
 * with the last policy the browser did give (kept in the vault, out of content scripts' reach), or none on a
 * browser that never gave one. The browser's answer still counts when it comes: it is kept, and if it differs
 * from what was assumed meanwhile, `onLateAnswer` runs so the background syncs and registers again.
 */
export interface ManagedPolicySourceDeps {
  /** The browser's read; may take long, may never settle, may reject (Firefox without a policy). */
  read: () => Promise<unknown>;
  /** The last answer the browser gave, kept across service-worker and browser restarts. */
  remembered: () => Promise<Record<string, unknown> | undefined>;
  remember: (policy: Record<string, unknown>) => Promise<void>;
  onLateAnswer: () => void;
  waitMs: number;
  now: () => number;
}

export interface ManagedPolicySource {
  current: () => Promise<Record<string, unknown>>;
  /** The browser said the policy changed (`storage.onChanged`, area "managed"): read it afresh. */
  changed: () => void;
}

type Answer = { policy: Record<string, unknown> };

function asPolicy(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createManagedPolicySource(deps: ManagedPolicySourceDeps): ManagedPolicySource {
  let known: Answer | undefined;
  let pending: { answer: Promise<Answer>; startedAt: number } | undefined;
  /** What reads were given while the browser had not answered; a late answer that differs is news. */
  let assumed: Record<string, unknown> | undefined;
  let generation = 0;

  function startRead(): Promise<Answer> {
    const mine = generation;
    const answer = deps
      .read()
      // Firefox rejects when no policy exists where Chrome answers `{}`; both mean "no policy".
      .then(asPolicy, () => ({}))
      .then(async (policy) => {
        // A change announced while this read was out makes its answer stale: the next read asks again.
        if (mine !== generation) return { policy };
        known = { policy };
        pending = undefined;
        await deps.remember(policy).catch(() => undefined);
        if (assumed !== undefined && !sameJson(assumed, policy)) deps.onLateAnswer();
        assumed = undefined;
        return known;
      });
    pending = { answer, startedAt: deps.now() };
    return answer;
  }

  async function fallback(): Promise<Record<string, unknown>> {
    const policy = (await deps.remembered().catch(() => undefined)) ?? {};
    assumed = policy;
    return policy;
  }

  return {
    async current() {
      if (known) return known.policy;
      // A read that has hung longer than the wait is asked again: the policy service may be ready by now.
      if (!pending || deps.now() - pending.startedAt >= deps.waitMs) startRead();
      const { answer: inFlight, startedAt } = pending as NonNullable<typeof pending>;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), Math.max(0, deps.waitMs - (deps.now() - startedAt)));
      });
      const answer = await Promise.race([inFlight, timedOut]).finally(() => clearTimeout(timer));
      return answer ? answer.policy : fallback();
    },
    changed() {
      generation += 1;
      known = undefined;
      pending = undefined;
    },
  };
}
