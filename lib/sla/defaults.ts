import { BusinessCalendar, SlaPolicy } from '../schema/sla';

/** Monday–Friday 09:00–18:00 in Shanghai: a common default for the teams DeskLens is built for. */
export const DEFAULT_CALENDAR: BusinessCalendar = BusinessCalendar.parse({
  id: 'default',
  name: 'Office hours',
  timeZone: 'Asia/Shanghai',
  weekly: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '18:00']],
  },
});

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const each = (
  metric: SlaPolicy['targets'][number]['metric'],
  minutes: Record<(typeof PRIORITIES)[number], number>,
  businessHours: boolean,
) => PRIORITIES.map((priority) => ({ metric, priority, targetMinutes: minutes[priority], businessHours }));

/**
 * The service levels PRODUCT.md quotes: urgent complaints answered within 30 minutes; VIPs first reply within
 * 1 hour, others within 6 business hours; first response 15 minutes for urgent tickets; complaints closed in 24 h.
 */
export const DEFAULT_SLA_POLICIES: SlaPolicy[] = [
  SlaPolicy.parse({
    id: 'urgent-complaints',
    title: 'Urgent complaints (funds lost, fraud)',
    conditions: { grades: ['urgent'] },
    targets: [
      ...each('first_reply_time', { urgent: 30, high: 30, normal: 30, low: 30 }, false),
      ...each('next_reply_time', { urgent: 30, high: 30, normal: 30, low: 30 }, false),
      ...each('resolution_time', { urgent: 1440, high: 1440, normal: 1440, low: 1440 }, false),
    ],
  }),
  SlaPolicy.parse({
    id: 'vip',
    title: 'VIP and high-value customers',
    conditions: { tiers: ['vip', 'high_value'] },
    targets: [
      ...each('first_reply_time', { urgent: 15, high: 30, normal: 60, low: 60 }, false),
      ...each('next_reply_time', { urgent: 30, high: 60, normal: 120, low: 120 }, false),
      ...each('periodic_update_time', { urgent: 120, high: 240, normal: 480, low: 480 }, false),
    ],
  }),
  SlaPolicy.parse({
    id: 'standard',
    title: 'Everyone else',
    conditions: {},
    targets: [
      ...each('first_reply_time', { urgent: 15, high: 120, normal: 360, low: 480 }, true),
      ...each('next_reply_time', { urgent: 60, high: 240, normal: 480, low: 960 }, true),
      ...each('requester_wait_time', { urgent: 480, high: 960, normal: 2400, low: 4800 }, true),
    ],
  }),
];
