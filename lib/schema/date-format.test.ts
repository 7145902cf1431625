import { describe, expect, it } from 'vitest';
import { dateFormatHasOffset, dateFormatProblem, isKnownTimeZone } from './date-format';

describe('dateFormatProblem', () => {
  it.each([
    'iso',
    'MM/DD/YYYY hh:mm A',
    'DD.MM.YYYY HH:mm',
    'YYYY-MM-DD HH:mm:ss ZZ',
    'YYYY年MM月DD日 HH:mm',
    'D MMM YYYY [at] H:mm',
  ])('%s is a usable format', (format) => {
    expect(dateFormatProblem(format)).toBeUndefined();
  });

  it.each([
    ['yyyy-MM-dd HH:mm', 'unknown token "yyyy"'],
    ['Y-m-d H:i', 'unknown token "Y"'],
    ['MM/DD/YYYY at hh:mm', 'unknown token "at"'],
    ['HH:mm', 'needs a year, a month and a day'],
    ['', 'expected "iso"'],
  ])('%s is refused: %s', (format, message) => {
    expect(dateFormatProblem(format)).toContain(message);
  });
});

describe('dateFormatHasOffset', () => {
  it.each([
    ['iso', true],
    ['YYYY-MM-DD HH:mm Z', true],
    ['YYYY-MM-DD HH:mm ZZ', true],
    ['MM/DD/YYYY hh:mm A', false],
    ['[Zulu] YYYY-MM-DD', false],
  ])('%s → %s', (format, expected) => {
    expect(dateFormatHasOffset(format)).toBe(expected);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['America/Sao_Paulo', true],
    ['Mars/Olympus', false],
    ['+08:00', true],
  ])('%s → %s', (zone, expected) => {
    expect(isKnownTimeZone(zone)).toBe(expected);
  });
});
