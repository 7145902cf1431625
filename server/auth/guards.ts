import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits on proving who you are, counted in this instance's memory by rate-limiter-flexible (the brute-force
 * pattern from its documentation: failures per address and per account, counted apart).
 */
export interface IdentityLimits {
  /** Failed password checks from one client address, any accounts (password spraying), per window. */
  signInFailuresPerAddress: number;
  /** Failed password checks for one account from one address, per window. */
  signInFailuresPerAccountAndAddress: number;
  /**
   * Failed password checks for one account from all addresses together, per window: only a distributed attack
   * reaches it, so one attacker can never lock the account's owner out.
   */
  signInFailuresPerAccount: number;
  signInWindowSeconds: number;
  /** Enrollment requests (approval, password, SSO) from one client address a minute. */
  enrollmentsPerAddressPerMinute: number;
  /** Enrollment requests with one enrollment token a minute (a whole office behind one address rolls out). */
  enrollmentsPerTokenPerMinute: number;
  /** Polls of one pending device a minute (the extension polls about once a minute). */
  claimsPerDevicePerMinute: number;
  /**
   * Zendesk app sessions opened from one client address a minute: every sidebar load opens one, and a whole
   * office shares an address, so more than enrollments (each still needs a token Zendesk signed).
   */
  zendeskAppSessionsPerAddressPerMinute: number;
}

export const DEFAULT_IDENTITY_LIMITS: IdentityLimits = {
  signInFailuresPerAddress: 30,
  signInFailuresPerAccountAndAddress: 10,
  signInFailuresPerAccount: 100,
  signInWindowSeconds: 15 * 60,
  enrollmentsPerAddressPerMinute: 30,
  enrollmentsPerTokenPerMinute: 120,
  claimsPerDevicePerMinute: 12,
  zendeskAppSessionsPerAddressPerMinute: 300,
};

/** Seconds to wait, or 0 when the caller may go ahead. */
type Wait = number;

const secondsOf = (result: RateLimiterRes | null, limit: number): Wait =>
  result && result.consumedPoints >= limit ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 0;

export interface SignInGuard {
  /** How long this account and address must wait before another password check; checked before hashing. */
  waitFor: (account: string, address: string) => Promise<Wait>;
  failed: (account: string, address: string) => Promise<void>;
  /** A right password clears this address's failures for the account (not the address's or account's totals). */
  succeeded: (account: string, address: string) => Promise<void>;
}

export function createSignInGuard(limits: IdentityLimits): SignInGuard {
  const duration = limits.signInWindowSeconds;
  const byAddress = new RateLimiterMemory({ points: limits.signInFailuresPerAddress, duration });
  const byPair = new RateLimiterMemory({ points: limits.signInFailuresPerAccountAndAddress, duration });
  const byAccount = new RateLimiterMemory({ points: limits.signInFailuresPerAccount, duration });
  const pair = (account: string, address: string) => `${account.toLowerCase()}\u0000${address}`;
  return {
    waitFor: async (account, address) => {
      const [a, p, c] = await Promise.all([
        byAddress.get(address),
        byPair.get(pair(account, address)),
        byAccount.get(account.toLowerCase()),
      ]);
      return Math.max(
        secondsOf(a, limits.signInFailuresPerAddress),
        secondsOf(p, limits.signInFailuresPerAccountAndAddress),
        secondsOf(c, limits.signInFailuresPerAccount),
      );
    },
    failed: async (account, address) => {
      await Promise.all([
        byAddress.penalty(address),
        byPair.penalty(pair(account, address)),
        byAccount.penalty(account.toLowerCase()),
      ]);
    },
    succeeded: async (account, address) => {
      await byPair.delete(pair(account, address));
    },
  };
}

export interface EnrollmentLimiter {
  /** Counts one enrollment request from this address (before its token is even looked up). */
  fromAddress: (address: string) => Promise<Wait>;
  /** Counts one enrollment request with this enrollment token (its id). */
  withToken: (tokenId: string) => Promise<Wait>;
  /** Counts one poll of a pending device. */
  claim: (deviceId: string) => Promise<Wait>;
  /** Counts one Zendesk app session opened from this address. */
  zendeskApp: (address: string) => Promise<Wait>;
}

export function createEnrollmentLimiter(limits: IdentityLimits): EnrollmentLimiter {
  const counter = (points: number) => {
    const limiter = new RateLimiterMemory({ points, duration: 60 });
    return async (key: string): Promise<Wait> => {
      try {
        await limiter.consume(key);
        return 0;
      } catch (refusal) {
        return secondsOf(refusal as RateLimiterRes, 0);
      }
    };
  };
  return {
    fromAddress: counter(limits.enrollmentsPerAddressPerMinute),
    withToken: counter(limits.enrollmentsPerTokenPerMinute),
    claim: counter(limits.claimsPerDevicePerMinute),
    zendeskApp: counter(limits.zendeskAppSessionsPerAddressPerMinute),
  };
}
