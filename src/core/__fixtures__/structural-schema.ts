/*
 * A small checker for the subset of Kubernetes structural (OpenAPI v3) schemas our trimmed CRD fixtures
 * use: type, enum, required, properties, additionalProperties, items, int32/int64 ranges, minimum, and
 * x-kubernetes-validations rules of the form `(has(self.a)?1:0) + (has(self.b)?1:0) <= 1`. Fields a
 * structural schema does not declare are pruned by the API server, i.e. silently lost, so they are
 * reported, except under objects marked `x-trimmed` (the fixture left their other fields out).
 * Other CEL rules are not evaluated; tests check those by hand.
 */

export interface StructuralSchema {
  type?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  format?: string;
  minimum?: number;
  'x-kubernetes-validations'?: { rule: string; message: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-trimmed'?: boolean;
}

const AT_MOST_ONE = /^\(has\(self\.\w+\)\?1:0\)(?: \+ \(has\(self\.\w+\)\?1:0\))* <= 1$/;

export function checkStructural(value: unknown, schema: StructuralSchema, path = ''): string[] {
  const issues: string[] = [];
  const at = path || '(root)';
  if (value === undefined || value === null) return issues;
  switch (schema.type) {
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      break;
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected a list`];
      break;
    case 'string':
      if (typeof value !== 'string') return [`${at}: expected a string, got ${JSON.stringify(value)}`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${at}: expected true or false`];
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`${at}: expected an integer`];
      if (schema.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31))
        issues.push(`${at}: out of int32 range`);
      break;
    case 'number':
      if (typeof value !== 'number') return [`${at}: expected a number`];
      break;
  }
  if (schema.enum && !schema.enum.includes(value))
    issues.push(`${at}: ${JSON.stringify(value)} is not one of the allowed values`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum)
    issues.push(`${at}: below the minimum ${schema.minimum}`);

  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => issues.push(...checkStructural(item, schema.items!, `${path}[${index}]`)));
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) issues.push(`${at}: ${key} is required`);
    for (const [key, inner] of Object.entries(object)) {
      const child = `${path ? `${path}.` : ''}${key}`;
      const declared = schema.properties?.[key];
      if (declared) issues.push(...checkStructural(inner, declared, child));
      else if (typeof schema.additionalProperties === 'object')
        issues.push(...checkStructural(inner, schema.additionalProperties, child));
      else if (schema.properties && !schema['x-trimmed'] && !schema['x-kubernetes-preserve-unknown-fields'])
        issues.push(`${child}: not in the schema (the API server would drop it)`);
    }
    for (const validation of schema['x-kubernetes-validations'] ?? []) {
      if (!AT_MOST_ONE.test(validation.rule)) continue;
      const names = [...validation.rule.matchAll(/has\(self\.(\w+)\)/g)].map((match) => match[1]!);
      if (names.filter((name) => name in object).length > 1) issues.push(`${at}: ${validation.message}`);
    }
  }
  return issues;
}
