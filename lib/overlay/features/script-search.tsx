import { type Signal, signal } from '@preact/signals';
import { ScriptSearch } from '../../../components/ScriptSearch';
import { comboMatches, describeShortcut, type KeyCombo } from '../../core';
import { insertScript, rateScript, scripts } from './scripts';
import { defineFeature, type FeatureHost, type SuggestedScript, type TicketRun } from './types';

/** Long enough to wait out a word being typed, short enough to feel immediate. */
const SEARCH_DEBOUNCE_MS = 150;

interface SearchSlice {
  query: Signal<string>;
  results: Signal<SuggestedScript[] | undefined>;
  timer?: ReturnType<typeof setTimeout>;
  /** Only the latest search counts. */
  seq: number;
}

/** `Alt+Shift+S` for a combination (aria-keyshortcuts names keys as the key's own character). */
function searchKeys(combo: KeyCombo | null): string | undefined {
  return combo ? describeShortcut(combo, combo.code.replace(/^(Key|Digit)/, '')) : undefined;
}

/** Asks the host (the catalog and its index live in the background) once typing pauses. */
function search(host: FeatureHost, run: TicketRun, state: SearchSlice, query: string) {
  state.query.value = query;
  clearTimeout(state.timer);
  if (!query.trim()) {
    state.results.value = undefined;
    return;
  }
  const seq = ++state.seq;
  state.timer = setTimeout(async () => {
    const answer = await host.searchScripts(run.ticket.value, query);
    if (seq !== state.seq || run.signal.aborted) return;
    state.results.value = answer.ok ? answer.value : [];
  }, SEARCH_DEBOUNCE_MS);
}

/** The agent's own search over the catalog, in English or Chinese, filled in for this ticket. */
export const scriptSearch = defineFeature<SearchSlice>({
  id: 'script-search',
  // Part of the scripts panel: switched with it.
  switch: 'scripts',
  strings: ['scriptsLabel', 'scriptSearchLabel', 'scriptSearchPlaceholder', 'scriptSearchCount'],
  messages: ['searchScripts', 'insertReply', 'captureScriptUsage'],
  slice: () => ({ query: signal(''), results: signal(undefined), seq: 0 }),
  init({ state, signal: ticketSignal }) {
    ticketSignal.addEventListener('abort', () => clearTimeout(state.timer), { once: true });
  },
  setup({ page, signal: pageSignal }) {
    // Alt+Shift+S (or the agent's own) opens the panel on the search (free in Zendesk's and Salesforce's own
    // shortcut lists). A key already taken by scoring stays scoring's.
    addEventListener(
      'keydown',
      (event) => {
        if (event.defaultPrevented || !page.features.value.scripts || !comboMatches(page.shortcuts.value.search, event))
          return;
        if (!page.active.value || page.state.value !== 'ready') return;
        event.preventDefault();
        page.expanded.value = true;
        page.searchFocus.value = true;
      },
      { signal: pageSignal },
    );
  },
  views: {
    details: ({ host, page, run, state }) => (
      <>
        <h2 class="dl-heading">{host.t('scriptsLabel')}</h2>
        <ScriptSearch
          t={host.t}
          query={state.query.value}
          results={state.results.value}
          onQuery={(query) => search(host, run, state, query)}
          onInsert={(script) => void insertScript(host, run, script)}
          onRate={(script, rating) => rateScript(host, run, script, rating)}
          status={run.slice(scripts).status.value}
          keyShortcut={searchKeys(page.shortcuts.value.search)}
          focus={page.searchFocus.value}
          onFocused={() => {
            page.searchFocus.value = false;
          }}
        />
      </>
    ),
  },
});
