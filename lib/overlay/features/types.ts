import type { ReadonlySignal, Signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import type { Lang } from '../../../components/format';
import type { Translate } from '../../../components/i18n';
import type { FeatureSwitches, FeatureSwitchName, KeyCombo, Modifiers } from '../../core';
import type { CapturedFeedback, Insights } from '../../messaging';
import type { CaptureFeedback, CaptureScriptUsage } from '../../schema/messages';
import type { TicketContextInput } from '../../schema/ticket';

/**
 * The contract between the overlay's features and the place they run: the browser extension's overlay on a
 * helpdesk page (lib/overlay/extension-host.ts) or the native Zendesk sidebar app (helpdesk-apps/zendesk). A
 * feature sees only this; it never calls `browser.*`, `fetch` or the host page's DOM itself.
 */
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: string };

export type FeedbackCapture = import('zod').input<typeof CaptureFeedback>['event'];
export type ScriptUsageCapture = import('zod').input<typeof CaptureScriptUsage>['event'];
export type SuggestedScript = Insights['scripts'][number];

/** What putting a script into the reply came to. */
export interface InsertOutcome {
  inserted: boolean;
  /**
   * Why not: no editor, the editor refused the text, or it took the text and did not keep it (checked after every
   * insert, lib/adapters/editors): the agent is told which.
   */
  failure?: 'not-found' | 'refused' | 'not-kept';
  /** The editable that took it (extension only), so the composer can be followed until the reply is sent. */
  editor?: HTMLElement;
}

/** What the helpdesk shows now: the ticket in front of the agent, and required parts of the page not found. */
export interface TicketSnapshot {
  ticket?: TicketContextInput;
  missing: string[];
  /** Parts found but not readable as described (a described helpdesk's date format, pattern, map, dock anchor). */
  problems?: string[];
}

export interface FeatureHost {
  /** `zendesk`, `salesforce`, `generic:<id>`: named in the degraded message and the automation hooks. */
  readonly helpdesk: string;
  readonly t: Translate;
  readonly lang: Lang;
  /** Emit the ticket in front of the agent now and whenever it changes; everything stops with `signal`. */
  observe(signal: AbortSignal, onSnapshot: (snapshot: TicketSnapshot) => void): void;
  /** Tier, clocks, suggestions and the score already recorded, for one ticket: one round trip. */
  insights(ticket: TicketContextInput): Promise<HostResult<Insights>>;
  searchScripts(ticket: TicketContextInput, query: string): Promise<HostResult<SuggestedScript[]>>;
  captureFeedback(event: FeedbackCapture): Promise<HostResult<CapturedFeedback>>;
  /** Take a score back; answers the ticket's score in force afterwards (an earlier one, or none). */
  undoFeedback(eventId: string, ticket: TicketContextInput): Promise<HostResult<CapturedFeedback | undefined>>;
  captureScriptUsage(event: ScriptUsageCapture): void;
  reportHealth(missing: string[]): void;
  insertReply(text: string): Promise<InsertOutcome>;
  /** Follow the composer after an insertion to learn whether the script went out edited (where it can be seen). */
  followSent?(ticket: TicketContextInput, script: SuggestedScript, outcome: InsertOutcome): void;
}

export type OverlayState = 'loading' | 'ready' | 'degraded';

/** What stays for the whole page (or app frame), whichever ticket is in front. */
export interface PageStore {
  state: Signal<OverlayState>;
  missing: Signal<string[]>;
  /** Parts read only in part, by field, once they outlast the grace period: the overlay works and says so. */
  problems: Signal<string[]>;
  features: Signal<FeatureSwitches>;
  shortcuts: Signal<{ score: Modifiers | null; search: KeyCombo | null }>;
  expanded: Signal<boolean>;
  /** The one shared ticker for every countdown: moved when a clock would show something else (sla-clocks). */
  now: Signal<number>;
  /** The script search box is to take focus when next shown (its keyboard shortcut was pressed). */
  searchFocus: Signal<boolean>;
  active: Signal<TicketRun | undefined>;
}

/**
 * One ticket in front of the agent. Made new when the ticket changes, with a new slice for every feature, so no
 * state of one ticket can leak into the next; its `signal` aborts when the agent moves on.
 */
export interface TicketRun {
  readonly key: string;
  readonly ticket: Signal<TicketContextInput>;
  readonly insights: Signal<Insights | undefined>;
  readonly signal: AbortSignal;
  /**
   * The agent recorded something that changes this ticket's figures (a score, its undo): its next showing asks
   * the background again rather than showing the answer it had. Called when the record is sent and when it lands.
   */
  recorded(): void;
  slice<S>(feature: OverlayFeature<S>): S;
}

export interface PageContext {
  host: FeatureHost;
  page: PageStore;
  /** Lives as long as the overlay (content-script context or app frame). */
  signal: AbortSignal;
}

export interface TicketContext<S> extends PageContext {
  run: TicketRun;
  state: S;
  /**
   * Aborts when the overlay lets the ticket go: it left the front and is not among the tickets kept for a switch
   * back (KEPT_TICKETS, ./runtime.ts), or the overlay stops.
   */
  signal: AbortSignal;
}

export type Place = 'bar' | 'summary' | 'details' | 'footer';

/**
 * The page as one panel's views see it. The extension keeps a panel per recent ticket (lib/overlay/panel-hosts.tsx);
 * a panel out of sight sees the page's state and ticker as they were when it was last in front, so a switch or a
 * tick does not re-render the panels nobody sees. Views change the page only through what is shared (expanded, the
 * search focus).
 */
export interface PageView extends Omit<PageStore, 'state' | 'now' | 'active'> {
  state: ReadonlySignal<OverlayState>;
  now: ReadonlySignal<number>;
  /** The ticket this panel shows. */
  active: ReadonlySignal<TicketRun | undefined>;
}

export interface ViewProps<S> {
  host: FeatureHost;
  page: PageView;
  run: TicketRun;
  state: S;
}

export type FeatureId = 'tier-badge' | 'sla-clocks' | 'scripts' | 'script-search' | 'feedback' | 'health';

/**
 * One overlay feature, the way refined-github shapes its features: everything it needs in one file, registered
 * in one list (./registry.ts). The meta-test (./registry.test.ts) checks each one has a switch, strings in every
 * language, a unit test and an end-to-end path.
 */
export interface OverlayFeature<S = unknown> {
  id: FeatureId;
  /** The organisation's switch that turns it off; `always` for what must stay (the degraded notice). */
  switch: FeatureSwitchName | 'always';
  /** Message keys its view and code use, checked against every locale. */
  strings: readonly string[];
  /** The host calls it makes (lib/background answers them in the extension). */
  messages: readonly (keyof FeatureHost)[];
  /** A fresh slice for a ticket. */
  slice(): S;
  /** Once for the page: keyboard shortcuts and other page-wide listeners, tied to `signal`. */
  setup?(context: PageContext): void;
  /** Once per ticket the overlay takes up (a kept ticket coming back to the front is not taken up again). */
  init?(context: TicketContext<S>): void;
  /** Its views by place: the top bar, under the ticket line (always shown), the expandable details, the foot. */
  views: Partial<Record<Place, FunctionComponent<ViewProps<S>>>>;
  /** Shown instead of the whole panel while the helpdesk page is not understood (degraded). */
  Notice?: FunctionComponent<{ host: FeatureHost; page: PageView }>;
}

/** Keeps `S` tied together inside one feature's definition. */
export function defineFeature<S>(feature: OverlayFeature<S>): OverlayFeature<S> {
  return feature;
}

/**
 * A feature of any slice type, for lists of them. Each feature's slice is only ever made by its own `slice()` and
 * handed back to its own `init` and views (TicketRun.slice), so the slice type never crosses features.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; `unknown` would reject every feature whose slice is typed.
export type AnyFeature = OverlayFeature<any>;
