import { camelCase } from './mesh-config-schema';

/** A parsed YAML map, a JSON object or a stored draft as plain data: anything nobody vouches for. */
export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asObject(value: unknown): Plain | undefined {
  return isPlainObject(value) ? value : undefined;
}

/** Reads a MeshConfig field by its camelCase or snake_case name: istiod accepts both (facts §1.5). */
export function meshField(object: Plain | undefined, snake: string): unknown {
  if (!object) return undefined;
  return object[camelCase(snake)] ?? object[snake];
}

/** A value from a user's config as text for a message: scalars as they are, anything else as JSON. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}
