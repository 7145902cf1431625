/** One line of a body diff, as the API gives it. */
export interface DiffLine {
  change: 'same' | 'added' | 'removed';
  text: string;
}

/** A row of the side-by-side view: the old line on the left, the new on the right; null where there is none. */
export interface DiffRow {
  before: DiffLine | null;
  after: DiffLine | null;
}

/**
 * The API's line-by-line diff laid out side by side: unchanged lines on both sides, and each run of removed lines
 * paired with the run of added lines that replaced it, so an edited line sits next to what it was.
 */
export function sideBySide(lines: DiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++)
      rows.push({ before: removed[i] ?? null, after: added[i] ?? null });
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.change === 'removed') removed.push(line);
    else if (line.change === 'added') added.push(line);
    else {
      flush();
      rows.push({ before: line, after: line });
    }
  }
  flush();
  return rows;
}
