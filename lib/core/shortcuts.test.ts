import { describe, expect, it } from 'vitest';
import { AgentSettings, ManagedPolicy } from '../schema/config';
import {
  comboMatches,
  describeShortcut,
  parseKeyShortcut,
  parseScoreShortcut,
  scoreFromKey,
  shortcutClash,
} from './shortcuts';

const press = (code: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}) => ({
  code,
  ctrlKey: Boolean(mods.ctrl),
  altKey: Boolean(mods.alt),
  shiftKey: Boolean(mods.shift),
  metaKey: Boolean(mods.meta),
});

describe('keyboard shortcuts', () => {
  it('score with the configured modifiers and a digit 1–5, by physical key, and nothing else', () => {
    const ctrlAlt = parseScoreShortcut('Ctrl+Alt');
    if (!ctrlAlt || typeof ctrlAlt === 'string') throw new Error('Ctrl+Alt should parse');
    expect(scoreFromKey(ctrlAlt, press('Digit3', { ctrl: true, alt: true }))).toBe(3);
    expect(scoreFromKey(ctrlAlt, press('Digit3', { alt: true, shift: true }))).toBeUndefined();
    expect(scoreFromKey(ctrlAlt, press('Digit6', { ctrl: true, alt: true }))).toBeUndefined();
    expect(scoreFromKey(ctrlAlt, press('Digit3', { ctrl: true, alt: true, shift: true }))).toBeUndefined();
    expect(scoreFromKey(null, press('Digit3', { alt: true, shift: true }))).toBeUndefined();
  });

  it('open the search with modifiers and one key, case-insensitively, or not at all when off', () => {
    const altK = parseKeyShortcut('alt+k');
    expect(altK).toEqual({ ctrl: false, alt: true, shift: false, meta: false, code: 'KeyK' });
    expect(comboMatches(altK as never, press('KeyK', { alt: true }))).toBe(true);
    expect(comboMatches(altK as never, press('KeyK', { alt: true, shift: true }))).toBe(false);
    expect(parseKeyShortcut('off')).toBeNull();
    expect(describeShortcut(parseScoreShortcut('Shift+Alt'))).toBe('Alt+Shift');
  });

  it('refuse what would take over typing or is not a key, saying why', () => {
    expect(parseScoreShortcut('Shift')).toMatch(/needs Ctrl, Alt or Meta/);
    expect(parseKeyShortcut('Alt+Shift+F5')).toMatch(/expected one letter/);
    expect(parseKeyShortcut('Hyper+S')).toMatch(/"Hyper" is not a modifier/);
    expect(parseScoreShortcut('Alt+Alt')).toMatch(/named twice/);
  });

  it('are validated in the agent’s options and in policy, clashes named on the search field', () => {
    const clash = AgentSettings.safeParse({ scoreShortcut: 'Alt+Shift', searchShortcut: 'Alt+Shift+2' });
    expect(clash.success).toBe(false);
    expect(clash.error?.issues[0]).toMatchObject({ path: ['searchShortcut'], message: /scoring 2/ });
    expect(shortcutClash('Alt+Shift', 'Alt+Shift+S')).toBeUndefined();
    expect(AgentSettings.safeParse({ scoreShortcut: 'Ctrl+Alt', searchShortcut: 'Alt+K' }).success).toBe(true);
    expect(ManagedPolicy.shape.scoreShortcut.safeParse('Shift').success).toBe(false);
  });
});
