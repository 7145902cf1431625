import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GenericAdapterDescription, parseGenericAdapter } from '../../lib/schema/adapter';

/**
 * Chrome and Edge validate the extension's managed configuration against public/managed_schema.json and silently
 * drop what does not fit (unknown keys, wrong types). A described helpdesk given by policy must come through whole.
 * This keeps Chrome's rules (one type per schema, `id`/`$ref`, `additionalProperties`) in a small walker and puts
 * every worked description, in the object form a policy takes, through it.
 */
type Schema = {
  type?: string;
  id?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
};
const managed = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as Schema;
const byId = new Map<string, Schema>();
(function collect(schema: Schema | undefined) {
  if (!schema) return;
  if (schema.id) byId.set(schema.id, schema);
  for (const child of Object.values(schema.properties ?? {})) collect(child);
  collect(schema.additionalProperties);
  collect(schema.items);
})(managed);

/** What Chrome keeps of a value, and where it dropped something. */
function keep(value: unknown, schema: Schema, path: string, dropped: string[]): unknown {
  const resolved = schema.$ref ? byId.get(schema.$ref) : schema;
  if (!resolved) throw new Error(`${path}: $ref ${schema.$ref} names no schema`);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const fits = resolved.type === type || (resolved.type === 'integer' && Number.isInteger(value) && type === 'number');
  if (!fits) {
    dropped.push(`${path}: ${type} where the schema has ${resolved.type}`);
    return undefined;
  }
  if (type === 'array')
    return (value as unknown[]).map((item, i) => keep(item, resolved.items ?? {}, `${path}.${i}`, dropped));
  if (type !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childSchema = resolved.properties?.[key] ?? resolved.additionalProperties;
    if (!childSchema) dropped.push(`${path}.${key}: unknown to the schema`);
    else kept[key] = keep(child, childSchema, `${path}.${key}`, dropped);
  }
  return kept;
}

const examples = [
  'docs/adapters/redmine.json',
  'docs/adapters/freshdesk-like.json',
  'docs/adapters/zammad-like.json',
  ...readdirSync('docs/adapters/editors').map((name) => `docs/adapters/editors/${name}`),
];

describe('the managed schema takes described helpdesks whole', () => {
  it('is a schema Chrome loads: one type or a $ref everywhere, no additionalProperties at the top', () => {
    expect(managed.additionalProperties).toBeUndefined();
    (function check(schema: Schema, path: string) {
      expect(Boolean(schema.type) !== Boolean(schema.$ref), `${path} needs exactly one of type or $ref`).toBe(true);
      if (schema.$ref) expect(byId.has(schema.$ref), `${path}: $ref ${schema.$ref}`).toBe(true);
      for (const [key, child] of Object.entries(schema.properties ?? {})) check(child, `${path}.${key}`);
      if (schema.additionalProperties) check(schema.additionalProperties, `${path}.*`);
      if (schema.items) check(schema.items, `${path}[]`);
    })(managed, '(schema)');
  });

  it.each(examples)('%s, written as a policy, comes through Chrome unchanged and valid', (file) => {
    const parsed = parseGenericAdapter(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    // The object form: what an admin writes in a policy (and what the parsed description is).
    const policy = JSON.parse(JSON.stringify(parsed.description));
    const dropped: string[] = [];
    const kept = keep({ genericAdapters: [policy] }, managed, '(policy)', dropped);
    expect(dropped).toEqual([]);
    expect(kept).toEqual({ genericAdapters: [policy] });
    expect(parseGenericAdapter(policy).ok).toBe(true);
  });

  it('names every key a description can have', () => {
    const item = managed.properties?.genericAdapters?.items;
    expect(Object.keys(item?.properties ?? {}).sort()).toEqual(Object.keys(GenericAdapterDescription.shape).sort());
    const fields = GenericAdapterDescription.shape.fields.shape;
    expect(Object.keys(item?.properties?.fields?.properties ?? {}).sort()).toEqual(Object.keys(fields).sort());
  });

  it('a bare selector string, fine on the server, is what Chrome would drop from a policy', () => {
    const dropped: string[] = [];
    keep({ genericAdapters: [{ fields: { subject: 'h1' } }] }, managed, '(policy)', dropped);
    expect(dropped).toEqual(['(policy).genericAdapters.0.fields.subject: string where the schema has object']);
  });
});
