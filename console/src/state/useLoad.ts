import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ready'; data: T }
  | { state: 'failed'; message: string; data?: T };

/**
 * Loads whenever `key` changes; a reload keeps showing the previous figures until the new ones arrive, so a live
 * update does not blank the page. Answers that arrive after a newer request started are dropped.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> & { retry: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let stale = false;
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    load().then(
      (data) => {
        if (!stale) setResult({ state: 'ready', data });
      },
      (failure: unknown) => {
        if (!stale)
          setResult((previous) => ({
            state: 'failed',
            message: failure instanceof Error ? failure.message : String(failure),
            data: previous.data,
          }));
      },
    );
    return () => {
      stale = true;
    };
  }, [key, attempt]);
  return { ...result, retry: () => setAttempt((n) => n + 1) };
}
