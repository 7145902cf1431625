import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Insights } from '../lib/messaging';
import type { Translate } from './i18n';
import { type ScriptStatus, ScriptSuggestions } from './ScriptSuggestions';

type Script = Insights['scripts'][number];

interface Props {
  t: Translate;
  query: string;
  results: Script[] | undefined;
  onQuery: (query: string) => void;
  onInsert: (script: Script) => void;
  onRate: (script: Script, rating: 'rated_up' | 'rated_down') => void;
  status?: ScriptStatus;
  /** The keys that open the search (`Alt+Shift+S`), when on. */
  keyShortcut?: string;
  /** Take focus (the keys were pressed); `onFocused` says it was done. */
  focus?: boolean;
  onFocused?: () => void;
}

/**
 * The agent's own search over the catalog, in English or Chinese. Enter inserts the best match; Escape clears
 * the box first, then (a second Escape) closes the panel as everywhere else in the overlay.
 */
export function ScriptSearch({
  t,
  query,
  results,
  onQuery,
  onInsert,
  onRate,
  status,
  keyShortcut,
  focus,
  onFocused,
}: Props) {
  const input = useRef<HTMLInputElement>(null);
  // A layout effect: it runs as the render commits, so a ticket switch schedules no frame and no timer after paint
  // for an effect that does nothing unless the search was asked to take focus.
  useLayoutEffect(() => {
    if (!focus) return;
    input.current?.focus();
    onFocused?.();
  }, [focus, onFocused]);
  return (
    <div class="dl-search">
      <label class="dl-search-label" for="dl-script-search">
        {t('scriptSearchLabel')}
      </label>
      <input
        ref={input}
        id="dl-script-search"
        class="dl-search-input"
        type="search"
        autocomplete="off"
        value={query}
        placeholder={t('scriptSearchPlaceholder')}
        aria-keyshortcuts={keyShortcut}
        aria-describedby="dl-search-count"
        onInput={(event) => onQuery((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && results?.[0]) {
            event.preventDefault();
            onInsert(results[0]);
          } else if (event.key === 'Escape' && query) {
            event.preventDefault();
            event.stopPropagation();
            onQuery('');
          }
        }}
      />
      <p id="dl-search-count" class="dl-search-count" aria-live="polite">
        {query.trim() && results ? t('scriptSearchCount', [String(results.length)]) : ''}
      </p>
      {query.trim() && results && (
        <ScriptSuggestions scripts={results} t={t} onInsert={onInsert} onRate={onRate} status={status} />
      )}
    </div>
  );
}
