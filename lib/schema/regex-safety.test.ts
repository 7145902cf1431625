import { describe, expect, it } from 'vitest';
import { captureGroupCount, regexProblem } from './regex-safety';

describe('regexProblem', () => {
  it.each([
    // Patterns admins write for real helpdesks: accepted.
    ['^/issues/(\\d+)(?:$|[?#/])', undefined],
    ['#ticket/zoom/(\\d+)', undefined],
    ['^/a/tickets/(\\d+)', undefined],
    ['^Status changed from .+ to (.+)$', undefined],
    ['<([^<>@\\s]+@[^<>\\s]+)>', undefined],
    ['^#\\d+: (.*)$', undefined],
    ['/users/(\\d+)$', undefined],
    ['(?<id>\\d+)$', undefined],
  ])('%s is usable', (source, expected) => {
    expect(regexProblem(source, { captureGroup: true })).toBe(expected);
  });

  it.each([
    // Nested repetition: exponential backtracking on a long line of host-page text.
    ['(a+)+$', 'could backtrack catastrophically'],
    ['^(\\w+\\s?)*$', 'could backtrack catastrophically'],
    ['^([a-z0-9]+)*@', 'could backtrack catastrophically'],
    ['(x+x+)+y', 'could backtrack catastrophically'],
    ['(?<=#)(\\d+)', 'could backtrack catastrophically'],
    ['([', 'not a valid regular expression'],
    ['\\d+', 'needs a capture group'],
    ['(?:\\d+)', 'needs a capture group'],
    ['', 'empty regular expression'],
    [`(${'a'.repeat(300)})`, 'longer than 300 characters'],
  ])('%s is refused: %s', (source, message) => {
    expect(regexProblem(source, { captureGroup: true })).toContain(message);
  });

  it('takes a pattern without a group where none is needed', () => {
    expect(regexProblem('^/tickets/\\d+$', { captureGroup: false })).toBeUndefined();
  });
});

describe('captureGroupCount', () => {
  it.each([
    ['(\\d+)', 1],
    ['(a)(b)(?:c)', 2],
    ['(?<id>\\d+)', 1],
    ['\\(\\d+\\)', 0],
  ])('%s has %i', (source, count) => {
    expect(captureGroupCount(source)).toBe(count);
  });
});
