import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GenericAdapterDescription, parseGenericAdapter } from '../../lib/schema/adapter';
import {
  schemasById as byId,
  keep,
  managedSchema as managed,
  type ManagedSchema as Schema,
} from '../harness/managed-schema';

/**
 * Chrome and Edge validate the extension's managed configuration against public/managed_schema.json and silently
 * drop what does not fit (unknown keys, wrong types). A described helpdesk given by policy must come through whole.
 * Every worked description, in the object form a policy takes, goes through Chrome's reading of the schema
 * (test/harness/managed-schema.ts).
 */
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
    const activeTicket = GenericAdapterDescription.shape.activeTicket.shape;
    expect(Object.keys(item?.properties?.activeTicket?.properties ?? {}).sort()).toEqual(
      Object.keys(activeTicket).sort(),
    );
    const conversation = GenericAdapterDescription.shape.conversation.unwrap().shape;
    expect(Object.keys(item?.properties?.conversation?.properties ?? {}).sort()).toEqual(
      Object.keys(conversation).sort(),
    );
  });

  it('a bare selector string, fine on the server, is what Chrome would drop from a policy', () => {
    const dropped: string[] = [];
    keep({ genericAdapters: [{ fields: { subject: 'h1' } }] }, managed, '(policy)', dropped);
    expect(dropped).toEqual(['(policy).genericAdapters.0.fields.subject: string where the schema has object']);
  });
});
