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

  it.each([
    // Alternatives under one repetition that can start with the same character: a run of that character splits
    // between them in exponentially many ways. Each of these takes over a second in V8 on 27–53 characters.
    ['/users/(a|a)*$'],
    ['(a|aa)*c'],
    ['(\\w|\\d)+$'],
    ['(.|\\s)*x'],
    ['(a|b|ab)*c'],
    ['(x(a|a))*$'], // deeper inside the repeated group
    ['(?:a|a){2,}$'], // a counted repetition
    ['(a(?:a|))*c'], // an empty alternative, then the next iteration: (a|aa)*
    ['((?:a|)a)*c'], // an empty alternative, then the rest of the group
    ['([\\d-z]|-)*(x)'], // through a character class
    ['(?:[^a]|b)*(x)'], // through a negated class
    ['(?<id>a)(\\k<id>|a)*c'], // through a named back-reference
    ['(?=(a|aa)*c)(.)'], // inside a lookahead
    // Conservative: only quadratic in V8 (one way to split per start position), refused all the same.
    ['(a|ab)*c'],
    ['(ab|a)*c'],
  ])('%s is refused: overlapping alternatives under a repetition', (source) => {
    expect(regexProblem(source, { captureGroup: true })).toContain('could backtrack catastrophically');
  });

  it.each([
    // Alternatives that start differently stay usable under a repetition; overlapping ones outside of one too.
    ['"((?:[^"\\\\]|\\\\.)*)"'],
    ['((?:.|\\n)*)$'],
    ['((?:\\w|-)+)$'],
    ['(?:\\s|&nbsp;)*(\\S+)'],
    ['(?:ab|cd)+(x)'],
    ['(a|aa)x'],
    ['(?:a|a)?(x)'],
    ['(?:(?=a|a)x)*(y)'],
  ])('%s is usable: alternatives start differently or are not repeated', (source) => {
    expect(regexProblem(source, { captureGroup: true })).toBeUndefined();
  });

  it('names the repetition, its overlapping alternatives and a character they share', () => {
    expect(regexProblem('/users/(a|a)*$', { captureGroup: true })).toBe(
      'could backtrack catastrophically on long text: in (a|a)* the alternatives a and a can both start with "a", so a run of such text can be split between them in exponentially many ways; make the alternatives start with different characters, or merge them (\\w, not (\\w|\\d))',
    );
    expect(regexProblem('(\\w|\\d)+$', { captureGroup: true })).toContain(
      'in (\\w|\\d)+ the alternatives \\w and \\d can both start with "0"',
    );
    expect(regexProblem('(.|\\s)*x', { captureGroup: true })).toContain('. and \\s can both start with a space');
    expect(regexProblem('(a(?:a|))*c', { captureGroup: true })).toContain(
      'in (a(?:a|))* the alternatives a and the empty alternative can both start with "a"',
    );
    expect(regexProblem('(?<id>a)(\\k<id>|a)*c', { captureGroup: true })).toContain('in (\\k<id>|a)* the alternatives');
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
