import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './paths';

/**
 * Chrome's reading of public/managed_schema.json, kept small: one type per schema, `id`/`$ref`,
 * `additionalProperties`. Chrome and Edge silently drop what does not fit, so tests put policies through `keep`
 * and expect nothing dropped.
 */
export type ManagedSchema = {
  type?: string;
  id?: string;
  $ref?: string;
  enum?: unknown[];
  properties?: Record<string, ManagedSchema>;
  additionalProperties?: ManagedSchema;
  items?: ManagedSchema;
};

export const managedSchema = JSON.parse(
  readFileSync(resolve(ROOT, 'public/managed_schema.json'), 'utf8'),
) as ManagedSchema;

export const schemasById = new Map<string, ManagedSchema>();
(function collect(schema: ManagedSchema | undefined) {
  if (!schema) return;
  if (schema.id) schemasById.set(schema.id, schema);
  for (const child of Object.values(schema.properties ?? {})) collect(child);
  collect(schema.additionalProperties);
  collect(schema.items);
})(managedSchema);

/** What Chrome keeps of a value, and where it dropped something. */
export function keep(value: unknown, schema: ManagedSchema, path: string, dropped: string[]): unknown {
  const resolved = schema.$ref ? schemasById.get(schema.$ref) : schema;
  if (!resolved) throw new Error(`${path}: $ref ${schema.$ref} names no schema`);
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const fits = resolved.type === type || (resolved.type === 'integer' && Number.isInteger(value) && type === 'number');
  if (!fits) {
    dropped.push(`${path}: ${type} where the schema has ${resolved.type}`);
    return undefined;
  }
  if (resolved.enum && !resolved.enum.includes(value)) {
    dropped.push(`${path}: ${String(value)} is not one of ${resolved.enum.join(', ')}`);
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
