import { computed, effect, signal } from '@preact/signals';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'desklens.console.theme';

function saved(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export const themeChoice = signal<ThemeChoice>(saved());

const systemDark = signal(false);
const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
if (query) {
  systemDark.value = query.matches;
  query.addEventListener('change', (event) => {
    systemDark.value = event.matches;
  });
}

/** The scheme in force: the viewer's choice, else the system's. Charts pick their theme from it. */
export const scheme = computed<'light' | 'dark'>(() =>
  themeChoice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : themeChoice.value,
);

export function setTheme(choice: ThemeChoice) {
  themeChoice.value = choice;
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

effect(() => {
  const root = globalThis.document?.documentElement;
  if (root) root.dataset.scheme = scheme.value;
});
