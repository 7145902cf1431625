import { signal } from '@preact/signals';
import type { CapturedFeedback, Insights } from '../messaging';
import type { FeatureSwitches } from '../schema/config';
import type { TicketContextInput } from '../schema/ticket';
import {
  DEFAULT_SCORE_SHORTCUT,
  DEFAULT_SEARCH_SHORTCUT,
  type KeyCombo,
  type Modifiers,
  parseKeyShortcut,
  parseScoreShortcut,
} from './shortcuts';

/** Mirrors lib/schema/config.ts DEFAULT_FEATURES (that module is zod; this runs in the host page). */
const DEFAULT_FEATURES: FeatureSwitches = { tierBadge: true, slaClocks: true, scripts: true, feedback: true };

export type OverlayState = 'loading' | 'ready' | 'degraded';

/** Everything the overlay shows, as signals; one store per page, keyed to the active ticket. */
export function createOverlayStore() {
  return {
    ticket: signal<TicketContextInput | undefined>(undefined),
    state: signal<OverlayState>('loading'),
    missing: signal<string[]>([]),
    /** Parts of the page found but not readable as described (generic adapters): shown, and reported. */
    problems: signal<string[]>([]),
    insights: signal<Insights | undefined>(undefined),
    feedback: signal<CapturedFeedback | undefined>(undefined),
    error: signal<string | undefined>(undefined),
    /** The one shared ticker for every countdown on the page. */
    now: signal(Date.now()),
    expanded: signal(true),
    scriptStatus: signal<{ scriptId: string; message: string; rated?: 'rated_up' | 'rated_down' } | undefined>(
      undefined,
    ),
    /** The follow-up score (second round, after an improvement) recorded for this ticket in this page. */
    followUp: signal<CapturedFeedback | undefined>(undefined),
    /** The optional details (NPS, dimensions, comment) were saved with the current score. */
    detailsSaved: signal(false),
    /** The agent's script search: what they typed and what it found (for the current ticket). */
    searchQuery: signal(''),
    searchResults: signal<Insights['scripts'] | undefined>(undefined),
    /** What the organisation left switched on (effective configuration). */
    features: signal<FeatureSwitches>({ ...DEFAULT_FEATURES }),
    /** The keyboard shortcuts in force (agent's options, or the admin's policy). */
    shortcuts: signal<{ score: Modifiers | null; search: KeyCombo | null }>({
      score: parseScoreShortcut(DEFAULT_SCORE_SHORTCUT) as Modifiers,
      search: parseKeyShortcut(DEFAULT_SEARCH_SHORTCUT) as KeyCombo,
    }),
    /** The score that can still be undone (for a few seconds after the click). */
    undoable: signal<string | undefined>(undefined),
  };
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;
