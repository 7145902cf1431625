import { describe, expect, it } from 'vitest';
import { type AlertRule, AlertRuleInput } from '../../../../lib/schema/alerts';
import { changedFields, draftOf, inputOf, newAlertDraft } from './alertDraft';

const stored: AlertRule = {
  id: 'rule_1',
  name: 'SLA slipping',
  metric: 'sla_attainment',
  slaMetric: 'first_reply_time',
  scope: { type: 'team', id: 'team_support', eachTeam: false },
  condition: { kind: 'change', direction: 'below', percent: 5 },
  windowDays: 90,
  level: 'orange',
  minimumN: 30,
  enabled: true,
  builtIn: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('alert rule drafts', () => {
  it('round-trips a stored rule into the body the schema accepts unchanged', () => {
    const parsed = AlertRuleInput.parse(inputOf(draftOf(stored)));
    expect(parsed).toEqual({
      name: 'SLA slipping',
      metric: 'sla_attainment',
      slaMetric: 'first_reply_time',
      scope: { type: 'team', id: 'team_support', eachTeam: false },
      condition: { kind: 'change', direction: 'below', percent: 5 },
      windowDays: 90,
      level: 'orange',
      minimumN: 30,
      enabled: true,
    });
  });

  it('an empty number stays empty, so the schema names the field instead of a guessed value being saved', () => {
    const result = AlertRuleInput.safeParse(inputOf({ ...newAlertDraft(), name: 'CSAT low', amount: Number.NaN }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['condition.value']);
  });

  it('an org-wide scope sends no id, and a new rule passes as it starts once named', () => {
    const input = inputOf({ ...newAlertDraft(), name: 'CSAT low', scopeId: 'left over' });
    expect(input.scope).toEqual({ type: 'org', eachTeam: false });
    expect(AlertRuleInput.safeParse(input).success).toBe(true);
  });

  it('an edit sends only the fields the admin changed', () => {
    const draft = { ...draftOf(stored), level: 'red' as const, amount: 7 };
    expect(changedFields(stored, inputOf(draft))).toEqual({
      level: 'red',
      condition: { kind: 'change', direction: 'below', percent: 7 },
    });
    expect(changedFields(stored, inputOf(draftOf(stored)))).toEqual({});
  });

  it('an SLA metric the admin cleared is sent as taken off, so the rule does not keep it', () => {
    expect(changedFields(stored, inputOf({ ...draftOf(stored), slaMetric: '' }))).toEqual({ slaMetric: null });
    expect(changedFields(stored, inputOf({ ...draftOf(stored), metric: 'csat', slaMetric: '' }))).toEqual({
      metric: 'csat',
      slaMetric: null,
    });
  });
});
