/**
 * Learning from agents: what agents and customers said about each script after it was used, turned into a
 * prior that nudges its ranking. Computed on the server (server/scripts/priors.ts) and shipped with the catalog.
 *
 * Signals, each a vote for or against the script:
 *   thumbs up / down                 1 for / 1 against
 *   sent as inserted / edited first  0.5 for / 0.5 against (an edit says the wording did not fit as it was)
 *   CSAT of the ticket after use     4–5: 1 for, 1–2: 1 against, 3: half each
 *
 * Shrinkage (empirical Bayes, two levels): a script's rate is pulled towards its scenario's rate, and the
 * scenario's towards the organisation's, each by a pseudo-count. A script with 3 votes barely moves; one with
 * 100 speaks for itself; a new script starts at what its scenario's scripts earned.
 */
export interface ScriptSignals {
  scriptId: string;
  scenario: string;
  /** Weighted votes for and against (see above). */
  votesFor: number;
  votesAgainst: number;
}

export interface ScriptPrior {
  scriptId: string;
  scenario: string;
  /** Shrunk rate of favourable votes, 0–1. */
  rate: number;
  /** Votes counted for this script. */
  n: number;
  /** The scenario's shrunk rate and the organisation's rate it is compared with. */
  scenarioRate: number;
  orgRate: number;
}

/** Pseudo-counts: how many votes a scenario / a script needs before its own rate outweighs the level above. */
export const SCENARIO_STRENGTH = 20;
export const SCRIPT_STRENGTH = 10;
/** The most a prior moves a score, either way: a nudge between close candidates, never a reason on its own. */
export const MAX_NUDGE = 0.25;

export const VOTE_WEIGHTS = {
  ratedUp: 1,
  ratedDown: 1,
  sentUnedited: 0.5,
  sentEdited: 0.5,
  csatSatisfied: 1,
  csatDissatisfied: 1,
} as const;

export function computePriors(signals: ScriptSignals[]): ScriptPrior[] {
  let allFor = 0;
  let all = 0;
  const scenarios = new Map<string, { for: number; all: number }>();
  for (const s of signals) {
    allFor += s.votesFor;
    all += s.votesFor + s.votesAgainst;
    const scenario = scenarios.get(s.scenario) ?? { for: 0, all: 0 };
    scenario.for += s.votesFor;
    scenario.all += s.votesFor + s.votesAgainst;
    scenarios.set(s.scenario, scenario);
  }
  // Laplace: with no votes at all the organisation's rate is one half.
  const orgRate = (allFor + 1) / (all + 2);
  const scenarioRates = new Map(
    [...scenarios].map(([id, v]) => [id, (v.for + SCENARIO_STRENGTH * orgRate) / (v.all + SCENARIO_STRENGTH)]),
  );
  return signals
    .filter((s) => s.votesFor + s.votesAgainst > 0)
    .map((s) => {
      const scenarioRate = scenarioRates.get(s.scenario) ?? orgRate;
      const n = s.votesFor + s.votesAgainst;
      return {
        scriptId: s.scriptId,
        scenario: s.scenario,
        rate: (s.votesFor + SCRIPT_STRENGTH * scenarioRate) / (n + SCRIPT_STRENGTH),
        n,
        scenarioRate,
        orgRate,
      };
    });
}

/** The factor a prior applies to a script's score: above the organisation's rate lifts, below lowers. */
export function priorMultiplier(prior: Pick<ScriptPrior, 'rate' | 'orgRate'>): number {
  return 1 + Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, prior.rate - prior.orgRate));
}
