import { batch, signal as createSignal } from '@preact/signals';
import {
  DEFAULT_FEATURES,
  DEFAULT_SCORE_SHORTCUT,
  DEFAULT_SEARCH_SHORTCUT,
  type KeyCombo,
  type Modifiers,
  parseKeyShortcut,
  parseScoreShortcut,
} from '../../core';
import type { Insights } from '../../messaging';
import type { TicketContextInput } from '../../schema/ticket';
import { whenQuiet } from '../when-quiet';
import type {
  AnyFeature,
  FeatureHost,
  OverlayFeature,
  OverlayState,
  PageStore,
  TicketRun,
  TicketSnapshot,
} from './types';

/** How long a required part of the page may stay missing before the overlay calls itself degraded. */
const DEGRADED_AFTER_MS = 3000;
/** Business-hours clocks change pace at shift boundaries; the figures are recomputed this often. */
const INSIGHTS_REFRESH_MS = 60_000;
/** Tickets whose last figures are kept for an instant switch back (an agent rarely juggles more). */
const SEEN_LIMIT = 50;
/**
 * Tickets whose run (the features' state for it, and in the extension its panel) outlives leaving the front, the
 * one in front included: the tabs an agent goes back and forth between. Going back to one shows what is already
 * there instead of rebuilding the panel's texts, which is most of what a switch costs the helpdesk's page
 * (docs/developers/performance.md). The fifth ticket taken up lets the least recently shown one go.
 */
export const KEPT_TICKETS = 4;
/**
 * How long the figures of the ticket on screen stay up when the URL already names the next ticket but its pane is
 * not shown yet. Helpdesks usually show the pane within a few hundred ms; a slower one gets "loading" after this.
 */
export const SWITCH_HOLD_MS = 400;
/**
 * How long the background's answer for a ticket, read exactly as it is now, is shown again without asking: an agent
 * going back and forth between two tickets costs the helpdesk's page no message and no second render. Figures stay
 * right meanwhile (clocks count from absolute deadlines); the minute's refresh, a tab coming back, new team rules and
 * anything the agent records on the ticket ask again. An older answer is shown too, and re-checked later
 * (RECHECK_AFTER_MS), so the round trip never lands in the switch itself.
 */
export const FRESH_ANSWER_MS = 10_000;
/**
 * A ticket shown with an older answer (FRESH_ANSWER_MS) is asked about again once the agent has stayed on it this
 * long and the helpdesk's page has gone quiet (whenQuiet): the re-check costs the page neither a frame of the switch
 * nor a core while the background answers, and a ticket the agent only passed through on the way to another (a queue
 * stepped through by keyboard) is not asked about at all.
 */
export const RECHECK_AFTER_MS = 1_000;

export function createPageStore(): PageStore {
  return {
    state: createSignal<OverlayState>('loading'),
    missing: createSignal<string[]>([]),
    problems: createSignal<string[]>([]),
    features: createSignal({ ...DEFAULT_FEATURES }),
    shortcuts: createSignal<{ score: Modifiers | null; search: KeyCombo | null }>({
      score: parseScoreShortcut(DEFAULT_SCORE_SHORTCUT) as Modifiers,
      search: parseKeyShortcut(DEFAULT_SEARCH_SHORTCUT) as KeyCombo,
    }),
    expanded: createSignal(true),
    now: createSignal(Date.now()),
    searchFocus: createSignal(false),
    active: createSignal<TicketRun | undefined>(undefined),
  };
}

export const ticketKey = (ticket: Pick<TicketContextInput, 'helpdesk' | 'ticketId'>) =>
  `${ticket.helpdesk}\u0000${ticket.ticketId}`;

/**
 * What the overlay would show from these figures: the same text for two answers that differ only in when they were
 * computed. A running clock is compared by the instant it reaches zero (to the second), which is what the agent
 * sees; everything else as it is.
 */
export function shownFigures(insights: Insights): string {
  return JSON.stringify({
    ...insights,
    computedAt: 0,
    sla: insights.sla.map((clock) =>
      clock.ticking ? { ...clock, msLeft: Math.round((insights.computedAt + clock.msLeft) / 1000) } : clock,
    ),
  });
}

function createRun(
  ticket: TicketContextInput,
  pageSignal: AbortSignal,
  recorded: (key: string) => void,
): { run: TicketRun; end: () => void } {
  const controller = new AbortController();
  const slices = new Map<string, unknown>();
  const key = ticketKey(ticket);
  const run: TicketRun = {
    key,
    recorded: () => recorded(key),
    ticket: createSignal(ticket),
    insights: createSignal<Insights | undefined>(undefined),
    signal: AbortSignal.any([pageSignal, controller.signal]),
    slice<S>(feature: OverlayFeature<S>): S {
      // Made on first use and never reset: a new ticket is a new run, with new slices.
      let slice = slices.get(feature.id) as S | undefined;
      if (slice === undefined) {
        slice = feature.slice();
        slices.set(feature.id, slice);
      }
      return slice;
    },
  };
  return { run, end: () => controller.abort() };
}

/**
 * The feature manager: follows the host's ticket snapshots, gives each ticket in front of the agent its own run
 * (fresh feature slices, a signal that aborts when the ticket is let go; KEPT_TICKETS), asks the host for the figures
 * (one round trip), and keeps the page's loading / ready / degraded state. Everything stops with `signal`.
 */
export function startFeatures(options: {
  host: FeatureHost;
  page: PageStore;
  features: readonly AnyFeature[];
  signal: AbortSignal;
}): { refresh: () => void } {
  const { host, page, signal } = options;
  const features = options.features;
  for (const feature of features) feature.setup?.({ host, page, signal });

  /**
   * The last figures shown for each ticket. Switching back shows them in the same task (clocks count from
   * absolute deadlines, so they are right), and the fresh answer follows unless this one is fresh: answered within
   * FRESH_ANSWER_MS for the ticket read as `asked`.
   */
  const seen = new Map<string, { insights: Insights; fresh?: { asked: string; at: number } }>();
  /** Records and new rules change figures: an answer to a question asked before one of them is not fresh. */
  let changes = 0;
  function remember(key: string, insights: Insights | undefined, fresh: { asked: string; at: number } | undefined) {
    if (!insights) return;
    seen.delete(key);
    seen.set(key, { insights, fresh });
    if (seen.size > SEEN_LIMIT) seen.delete(seen.keys().next().value as string);
  }
  function changed(key?: string) {
    changes += 1;
    for (const [known, entry] of seen) if (key === undefined || known === key) entry.fresh = undefined;
  }
  function showSeen(run: TicketRun): boolean {
    const known = seen.get(run.key)?.insights;
    if (!known) return false;
    batch(() => {
      run.insights.value = known;
      page.now.value = Date.now();
      page.state.value = 'ready';
    });
    return true;
  }

  /** What each ticket's last question was about, so a snapshot that changed nothing asks nothing. */
  const lastAsked = new WeakMap<TicketRun, string>();
  let requestSeq = 0;
  /** The newest answer shown per ticket: an older one arriving after it is dropped. */
  const shownSeq = new WeakMap<TicketRun, number>();
  function refresh(run: TicketRun, asked = JSON.stringify(run.ticket.value)) {
    // Answers for a ticket the overlay let go are dropped (its run has ended). Any answer newer than the one shown
    // is shown at once, so a second question (the ticket changed meanwhile) never makes the agent wait for its
    // answer when the first one is already there. A kept ticket no longer in front takes its answer quietly: its
    // panel is right when the agent comes back, and the page's state stays the front ticket's.
    const seq = ++requestSeq;
    const changesBefore = changes;
    void host.insights(run.ticket.value).then((answer) => {
      if (seq < (shownSeq.get(run) ?? 0) || run.signal.aborted) return;
      shownSeq.set(run, seq);
      const front = page.active.peek() === run;
      // The fresh answer for a ticket switched back to is usually what is already shown: rendering it again would
      // cost the helpdesk's page a full re-render of the panel on every switch for nothing (the countdowns included:
      // their deadlines are the same, and the ticker moves them).
      const shown = run.insights.value;
      const same = answer.ok && shown !== undefined && shownFigures(shown) === shownFigures(answer.value);
      batch(() => {
        if (answer.ok && !same) {
          run.insights.value = answer.value;
          if (front) page.now.value = Date.now();
        }
        if (front) page.state.value = 'ready';
      });
      const fresh = answer.ok && changes === changesBefore ? { asked, at: Date.now() } : undefined;
      remember(run.key, run.insights.value, fresh);
    });
  }
  const refresher = setInterval(() => {
    const run = page.active.value;
    if (run && page.state.value === 'ready') refresh(run);
  }, INSIGHTS_REFRESH_MS);
  signal.addEventListener('abort', () => clearInterval(refresher), { once: true });
  // A tab coming back from sleep or from the background gets fresh figures at once.
  document.addEventListener(
    'visibilitychange',
    () => {
      const run = page.active.value;
      if (document.visibilityState === 'visible' && run) refresh(run);
    },
    { signal },
  );

  /** The kept tickets' runs, least recently in front first. */
  const kept = new Map<string, { run: TicketRun; end: () => void }>();
  /** The run for the ticket coming to the front: its kept one, or a new one (`taken`: its features start now). */
  function begin(ticket: TicketContextInput | undefined): { run: TicketRun; taken: boolean } | undefined {
    if (!ticket) return undefined;
    const key = ticketKey(ticket);
    const known = kept.get(key);
    if (known) {
      kept.delete(key);
      kept.set(key, known);
      // Back in front: whether to ask again is decided afresh (FRESH_ANSWER_MS), as for a ticket seen before.
      lastAsked.delete(known.run);
      if (JSON.stringify(known.run.ticket.peek()) !== JSON.stringify(ticket)) known.run.ticket.value = ticket;
      return { run: known.run, taken: false };
    }
    const made = createRun(ticket, signal, changed);
    kept.set(key, made);
    for (const [oldKey, oldest] of kept) {
      if (kept.size <= KEPT_TICKETS) break;
      kept.delete(oldKey);
      oldest.end();
    }
    return { run: made.run, taken: true };
  }

  let degradeTimer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(degradeTimer), { once: true });

  // Parts read only in part wait out the same grace period as missing ones (pages render in stages).
  let problemTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingProblems = '';
  signal.addEventListener('abort', () => clearTimeout(problemTimer), { once: true });
  function followProblems(problems: string[]) {
    const key = problems.join('\n');
    if (key === pendingProblems) return;
    pendingProblems = key;
    clearTimeout(problemTimer);
    if (problems.length === 0) {
      if (page.problems.value.length > 0) page.problems.value = [];
      return;
    }
    problemTimer = setTimeout(() => {
      page.problems.value = problems;
    }, DEGRADED_AFTER_MS);
  }

  /**
   * The next ticket, named by the URL before the helpdesk shows its pane. Until the pane is there, the screen still
   * shows the previous ticket's pane, and its figures are still the right ones for what the agent sees; switching
   * to "loading" and back would render the panel twice per switch and drop its details in between. The switch
   * waits for the new pane, for SWITCH_HOLD_MS at most (counted from the first such snapshot, so a page that keeps
   * changing cannot hold it longer).
   */
  let hold: { key: string; latest: TicketSnapshot; timer: ReturnType<typeof setTimeout> } | undefined;
  signal.addEventListener('abort', () => clearTimeout(hold?.timer), { once: true });
  function release() {
    if (!hold) return;
    clearTimeout(hold.timer);
    hold = undefined;
  }

  host.observe(signal, (snapshot) => {
    const shown = page.active.value;
    const next = snapshot.ticket && ticketKey(snapshot.ticket);
    const paneNotYetShown =
      next !== undefined &&
      shown !== undefined &&
      next !== shown.key &&
      snapshot.missing.length > 0 &&
      page.state.value === 'ready';
    if (!paneNotYetShown) {
      release();
      return apply(snapshot);
    }
    if (hold?.key === next) {
      hold.latest = snapshot;
      return;
    }
    release();
    const started = {
      key: next,
      latest: snapshot,
      timer: setTimeout(() => {
        if (hold !== started) return;
        hold = undefined;
        apply(started.latest);
      }, SWITCH_HOLD_MS),
    };
    hold = started;
  });

  function apply(snapshot: TicketSnapshot) {
    followProblems(snapshot.missing.length === 0 ? (snapshot.problems ?? []) : []);
    const ticket = snapshot.ticket;
    let run = page.active.value;
    if ((ticket && ticketKey(ticket)) !== run?.key) {
      const next = begin(ticket);
      run = next?.run;
      const started = run;
      batch(() => {
        page.active.value = started;
        if (!(started && snapshot.missing.length === 0 && showSeen(started))) page.state.value = 'loading';
      });
      if (started && next?.taken)
        for (const feature of features)
          feature.init?.({ host, page, run: started, state: started.slice(feature), signal: started.signal });
    } else if (run && ticket) run.ticket.value = ticket;

    clearTimeout(degradeTimer);
    if (snapshot.missing.length > 0) {
      // Helpdesks render in stages: only a part still missing after the grace period means our selectors broke.
      if (page.state.value !== 'degraded') page.state.value = 'loading';
      degradeTimer = setTimeout(() => {
        batch(() => {
          page.missing.value = snapshot.missing;
          page.state.value = 'degraded';
        });
      }, DEGRADED_AFTER_MS);
      return;
    }
    if (page.missing.value.length > 0) page.missing.value = [];
    if (!run) {
      page.state.value = 'loading';
      return;
    }
    // The URL often names the new ticket before its pane is shown (the id changed while parts were missing): show
    // the figures last seen for it as soon as the pane is there, as for any switch back (a kept ticket has them on
    // its run already, and only the page's state is to follow).
    if (!run.insights.value || page.state.peek() !== 'ready') showSeen(run);
    // Helpdesks re-render a ticket in stages and on unrelated changes; only what the figures depend on changing
    // (a new message, a status, a tag) is worth a round trip to the background.
    const asked = JSON.stringify(ticket);
    if (lastAsked.get(run) === asked) return;
    lastAsked.set(run, asked);
    const fresh = seen.get(run.key)?.fresh;
    if (run.insights.value && fresh?.asked === asked) {
      // Back on a ticket answered moments ago, read the same: its figures are on screen already.
      if (Date.now() - fresh.at < FRESH_ANSWER_MS) return;
      // Answered longer ago, still read the same: what is on screen is that reading's own answer (clocks count from
      // absolute deadlines), so re-checking it waits until the agent stays on the ticket (RECHECK_AFTER_MS). A ticket
      // that reads differently, or anything recorded meanwhile (no `fresh`), is asked at once.
      return recheckOnceStayed(run, asked);
    }
    refresh(run, asked);
  }
  /** The re-check each ticket waits to make (RECHECK_AFTER_MS, then whenQuiet); a newer switch to it replaces it. */
  const pendingRecheck = new WeakMap<TicketRun, { timer: ReturnType<typeof setTimeout> }>();
  function recheckOnceStayed(run: TicketRun, asked: string) {
    clearTimeout(pendingRecheck.get(run)?.timer);
    const pending = {
      timer: setTimeout(() => {
        whenQuiet(
          () => {
            // Passed through on the way to another ticket (or the URL already names the next one: its pane is
            // coming), read anew, or switched to again meanwhile (that switch decides for itself): nothing to ask.
            const current = pendingRecheck.get(run) === pending && page.active.peek() === run && !hold;
            if (!current || lastAsked.get(run) !== asked) return;
            pendingRecheck.delete(run);
            refresh(run, asked);
          },
          { signal: run.signal },
        );
      }, RECHECK_AFTER_MS),
    };
    pendingRecheck.set(run, pending);
  }
  return {
    /** Ask again for the ticket in front (the host learned something new, e.g. a score synced, new team rules). */
    refresh() {
      changed();
      const run = page.active.value;
      if (run && page.state.value === 'ready') refresh(run);
    },
  };
}
