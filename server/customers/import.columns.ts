import { NUMERIC_ATTRIBUTES } from '../../lib/schema/tiers';

/**
 * How a CRM export's header names map to customer fields. Matching ignores case, spaces, dashes and underscores,
 * so `Lifetime Value`, `lifetime_value` and `lifetimeValue` are the same column. `org.<name>` columns fill the
 * organisation fields tier rules address as `org.<name>`.
 */
export type ColumnTarget =
  | { kind: 'id' | 'email' | 'name' | 'helpdesk' | 'requesterId' | 'tags' }
  | { kind: 'number'; field: (typeof NUMERIC_ATTRIBUTES)[number] }
  | { kind: 'org'; field: string };

const squash = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');

const FIXED: Record<string, ColumnTarget> = {
  id: { kind: 'id' },
  customerid: { kind: 'id' },
  email: { kind: 'email' },
  name: { kind: 'name' },
  helpdesk: { kind: 'helpdesk' },
  requesterid: { kind: 'requesterId' },
  tags: { kind: 'tags' },
  ...Object.fromEntries(NUMERIC_ATTRIBUTES.map((field) => [squash(field), { kind: 'number' as const, field }])),
};

export function columnTarget(header: string): ColumnTarget | undefined {
  const trimmed = header.trim();
  if (/^org\./i.test(trimmed) && trimmed.length > 4) return { kind: 'org', field: trimmed.slice(4) };
  return FIXED[squash(trimmed)];
}

export const KNOWN_COLUMNS = [
  'id',
  'email',
  'name',
  'helpdesk',
  'requester_id',
  'tags',
  ...NUMERIC_ATTRIBUTES,
  'org.<field>',
];
