import { describe, expect, it } from 'vitest';
import { SalesforceCaseMilestone, ZendeskPolicyMetric } from '../schema/sla';
import { fromSalesforceMilestones, fromZendeskSlas } from './helpdesk';

const M = 60_000;
const now = Date.parse('2026-11-23T10:00:00Z');

describe('the helpdesk’s own SLA', () => {
  it('maps Zendesk policy metrics: active with minutes left, paused without a breach instant, achieved', () => {
    const metrics = [
      { metric: 'first_reply_time', stage: 'active', breach_at: '2026-11-23T10:10:00Z' },
      { metric: 'requester_wait_time', stage: 'paused', breach_at: null },
      { metric: 'next_reply_time', stage: 'achieved', breach_at: '2026-11-23T09:00:00Z' },
      { metric: 'periodic_update_time', stage: 'active', breach_at: '2026-11-23T09:45:00Z' },
    ].map((m) => ZendeskPolicyMetric.parse(m));
    const [first, wait, next, periodic] = fromZendeskSlas(metrics, now);
    expect(first).toMatchObject({
      state: 'active',
      msLeft: 10 * M,
      level: 'urgent',
      breached: false,
      deadline: '2026-11-23T10:10:00.000Z',
      label: { en: 'First reply', zh_CN: '首次回复' },
      businessHours: false,
    });
    expect(wait).toMatchObject({ state: 'paused', level: 'ok', breached: false, deadline: undefined });
    expect(next).toMatchObject({ state: 'fulfilled', breached: false, level: 'ok' });
    expect(periodic).toMatchObject({ state: 'active', breached: true, msLeft: -15 * M, level: 'breached' });
  });

  it('maps Salesforce milestones: late completion is violated, an open one past its target is breached', () => {
    const milestones = [
      {
        name: 'First Response',
        TargetDate: '2026-11-23T09:00:00Z',
        CompletionDate: '2026-11-23T09:30:00Z',
        IsCompleted: true,
        IsViolated: true,
      },
      { name: 'Resolution', TargetDate: '2026-11-23T09:50:00Z', IsCompleted: false, IsViolated: false },
      { name: 'Follow-up', TargetDate: '2026-11-23T12:00:00Z', IsCompleted: false, TargetResponseInMins: 480 },
      { name: 'Callback', TargetDate: '2026-11-23T10:30:00Z', CompletionDate: '2026-11-23T09:55:00Z' },
    ].map((m) => SalesforceCaseMilestone.parse(m));
    const [response, resolution, followUp, callback] = fromSalesforceMilestones(milestones, now);
    expect(response).toMatchObject({ metric: 'First Response', state: 'fulfilled', breached: true, msLeft: -30 * M });
    expect(response?.label).toEqual({ en: 'First Response', zh_CN: 'First Response' });
    expect(resolution).toMatchObject({ state: 'active', breached: true, msLeft: -10 * M, level: 'breached' });
    // 120 of 480 minutes left is 25%: the warn band applies when Salesforce gives the target length.
    expect(followUp).toMatchObject({ state: 'active', breached: false, msLeft: 120 * M, level: 'warn' });
    expect(callback).toMatchObject({ state: 'fulfilled', breached: false, msLeft: 35 * M, level: 'ok' });
  });

  it('rejects a malformed helpdesk payload naming the field', () => {
    const result = SalesforceCaseMilestone.safeParse({ name: 'X', TargetDate: 'tomorrow' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['TargetDate']);
  });
});
