import { KNOWN_VARIABLES } from '../../../../lib/scripts/template';

/** An open `{{` before the caret with the name typed so far: what the editor offers to complete. */
export interface OpenPlaceholder {
  /** Where the name starts (just after `{{` and any spaces). */
  start: number;
  typed: string;
  /** Variables that start with what was typed (all of them right after `{{`). */
  choices: string[];
}

/**
 * The placeholder the caret is in, if the trainer is typing one: `{{` with no `}}` yet between it and the caret,
 * and only name characters typed since. A default (`| there`) or a closed placeholder offers nothing.
 */
export function openPlaceholder(body: string, caret: number): OpenPlaceholder | null {
  const before = body.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return null;
  const typedWithSpace = before.slice(open + 2);
  const match = /^(\s*)([\w.]*)$/.exec(typedWithSpace);
  if (!match) return null;
  const typed = match[2] ?? '';
  const choices = KNOWN_VARIABLES.filter((name) => name.startsWith(typed));
  return { start: open + 2 + (match[1]?.length ?? 0), typed, choices };
}

/** The body with the open placeholder completed as `{{name}}`, and where the caret goes (after the braces). */
export function completePlaceholder(
  body: string,
  caret: number,
  placeholder: OpenPlaceholder,
  name: string,
): { body: string; caret: number } {
  const rest = body.slice(caret);
  // The trainer may already have typed the closing braces after the caret; never double them.
  const closing = /^[\w.]*\s*\}\}/.exec(rest);
  const after = closing ? rest.slice(closing[0].length) : rest;
  const head = `${body.slice(0, placeholder.start)}${name}}}`;
  return { body: `${head}${after}`, caret: head.length };
}
