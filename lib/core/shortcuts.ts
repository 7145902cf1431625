/**
 * The overlay's keyboard shortcuts, configurable by the agent (options) or the admin (policy). Pure and free of
 * zod: the content script matches keys with it, and lib/schema/config.ts validates settings with it.
 *
 * - The score shortcut is a set of modifiers; the digits 1–5 complete it (`Alt+Shift` → Alt+Shift+1 … 5).
 * - The search shortcut is modifiers plus one letter or digit (`Alt+Shift+S`).
 * - `off` turns one off.
 * Keys are matched by `KeyboardEvent.code` (the physical key), so Alt producing a special character on macOS or a
 * non-Latin layout does not defeat them.
 */
export const DEFAULT_SCORE_SHORTCUT = 'Alt+Shift';
export const DEFAULT_SEARCH_SHORTCUT = 'Alt+Shift+S';

export interface Modifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}
export interface KeyCombo extends Modifiers {
  /** `KeyboardEvent.code`: `KeyS`, `Digit7`. */
  code: string;
}
type KeyEventLike = Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'code'>;

const NAMES: Record<string, keyof Modifiers> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
  meta: 'meta',
  cmd: 'meta',
  command: 'meta',
};

function parseModifierList(parts: string[]): Modifiers | string {
  const modifiers: Modifiers = { ctrl: false, alt: false, shift: false, meta: false };
  for (const part of parts) {
    const name = NAMES[part.trim().toLowerCase()];
    if (!name) return `"${part}" is not a modifier (use Ctrl, Alt, Shift or Meta)`;
    if (modifiers[name]) return `${part} is named twice`;
    modifiers[name] = true;
  }
  // Shift alone would take over typing capitals and symbols.
  if (!modifiers.ctrl && !modifiers.alt && !modifiers.meta)
    return 'needs Ctrl, Alt or Meta, so typing is never taken over';
  return modifiers;
}

/** `Alt+Shift` → modifiers; `off` → null; otherwise the reason it is not a shortcut. */
export function parseScoreShortcut(text: string): Modifiers | null | string {
  if (text.trim().toLowerCase() === 'off') return null;
  return parseModifierList(text.split('+'));
}

/** `Alt+Shift+S` → a key combination; `off` → null; otherwise the reason it is not a shortcut. */
export function parseKeyShortcut(text: string): KeyCombo | null | string {
  if (text.trim().toLowerCase() === 'off') return null;
  const parts = text.split('+');
  const key = parts.pop()?.trim().toUpperCase() ?? '';
  if (!/^[A-Z0-9]$/.test(key)) return `ends in "${key}": expected one letter A–Z or digit 0–9`;
  const modifiers = parseModifierList(parts);
  if (typeof modifiers === 'string') return modifiers;
  return { ...modifiers, code: /\d/.test(key) ? `Digit${key}` : `Key${key}` };
}

const sameModifiers = (a: Modifiers, event: KeyEventLike) =>
  a.ctrl === event.ctrlKey && a.alt === event.altKey && a.shift === event.shiftKey && a.meta === event.metaKey;

export function comboMatches(combo: KeyCombo | null, event: KeyEventLike): boolean {
  return combo !== null && event.code === combo.code && sameModifiers(combo, event);
}

/** The score 1–5 a key press stands for under these modifiers, if any. */
export function scoreFromKey(modifiers: Modifiers | null, event: KeyEventLike): number | undefined {
  if (!modifiers || !sameModifiers(modifiers, event)) return undefined;
  const digit = /^Digit([1-5])$/.exec(event.code)?.[1];
  return digit ? Number(digit) : undefined;
}

/** Why two settings clash (the search shortcut being one of the score keys), if they do. */
export function shortcutClash(score: string, search: string): string | undefined {
  const modifiers = parseScoreShortcut(score);
  const combo = parseKeyShortcut(search);
  if (!modifiers || typeof modifiers === 'string' || !combo || typeof combo === 'string') return undefined;
  const clash = scoreFromKey(modifiers, {
    ctrlKey: combo.ctrl,
    altKey: combo.alt,
    shiftKey: combo.shift,
    metaKey: combo.meta,
    code: combo.code,
  });
  return clash ? `is the same keys as scoring ${clash} (${score}+${clash})` : undefined;
}

/** For `aria-keyshortcuts` and labels: `Alt+Shift+S`, or undefined when off or invalid. */
export function describeShortcut(modifiers: Modifiers | null | string, key?: string): string | undefined {
  if (!modifiers || typeof modifiers === 'string') return undefined;
  const names = [
    modifiers.ctrl && 'Control',
    modifiers.alt && 'Alt',
    modifiers.shift && 'Shift',
    modifiers.meta && 'Meta',
  ];
  return [...names.filter(Boolean), ...(key ? [key] : [])].join('+');
}
