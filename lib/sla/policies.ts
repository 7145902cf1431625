import type { ComplaintGrade, SlaPolicy } from '../schema/sla';
import type { TicketPriority } from '../schema/ticket';

export interface PolicyFacts {
  tier?: string;
  priority?: TicketPriority;
  channel?: string;
  tags: string[];
  group?: string;
  grade?: ComplaintGrade;
}

const inList = <T>(list: T[] | undefined, value: T | undefined) =>
  !list || (value !== undefined && list.includes(value));

/** Policies are ordered; the first whose every condition holds applies (Zendesk's rule). */
export function matchPolicy(policies: SlaPolicy[], facts: PolicyFacts): SlaPolicy | undefined {
  return policies.find(({ conditions: c }) => {
    const tagsAny = !c.tagsAny || c.tagsAny.some((tag) => facts.tags.includes(tag));
    const tagsAll = !c.tagsAll || c.tagsAll.every((tag) => facts.tags.includes(tag));
    return (
      inList(c.tiers, facts.tier) &&
      inList(c.priorities, facts.priority) &&
      inList(c.channels, facts.channel) &&
      inList(c.groups, facts.group) &&
      inList(c.grades, facts.grade) &&
      tagsAny &&
      tagsAll
    );
  });
}
