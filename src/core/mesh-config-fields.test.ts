import { describe, expect, it } from 'vitest';
import facts from './__fixtures__/mesh-config-fields.json';
import { MESH_CONFIG_MESSAGE, camelCase, type Field, type FieldType } from './mesh-config-schema';

/*
 * Holds the hand-written MeshConfig table against Istio's own field list: our fact table, extracted from istio/api
 * mesh/v1alpha1/config.proto at every release tag 1.22.0 … 1.30.x by scripts/extract-mesh-config-fields.mjs
 * (the tags and commits are in the JSON). A field Istio adds, renames or retypes fails here, not in a user's mesh.
 */

interface FactField {
  name: string;
  jsonName: string;
  type: string;
  firstSeen: string;
  lastSeen?: string;
}

const messages = facts.messages as Record<string, FactField[]>;
const enums = facts.enums as Record<string, { name: string }[]>;
const FIRST_TAG = Object.keys(facts.source.tags)[0]!;
/** The oldest Istio the wizard supports (1.22): a field that old needs no `since`. */
const OLDEST_MINOR = 22;

const SCALARS: Record<string, FieldType> = {
  string: 'string',
  bool: 'bool',
  uint32: 'uint32',
  int32: 'int32',
  double: 'double',
  'google.protobuf.Duration': 'duration',
};

/** Resolves a type name used inside `scope` the way protoc does: innermost enclosing message first. */
function resolve(kind: 'message' | 'enum', name: string, scope: string): string | undefined {
  const known = kind === 'message' ? messages : enums;
  for (let parts = scope.split('.'); parts.length >= 0; parts = parts.slice(0, -1)) {
    const candidate = [...parts, name].join('.');
    if (candidate in known) return candidate;
    if (parts.length === 0) return undefined;
  }
  return undefined;
}

/*
 * Groups the table lets a user set only one of although config.proto has no oneof for them, because istiod's
 * validation rejects both: "OpenTelemetryTracingProvider cannot specify both grpc and http" (istio/istio
 * pkg/config/validation/agent/extensionprovider.go, since 1.24.0).
 */
const VALIDATION_ONEOFS: Record<string, string[][]> = {
  'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider': [['grpc', 'http']],
};

/**
 * Every way the table differs from the facts, as readable lines (empty when they agree). `since` is the version
 * the enclosing field needs already: a field of a message that is itself new needs no version of its own.
 */
function drift(ours: FieldType, protoType: string, scope: string, where: string, since?: number): string[] {
  if (typeof ours === 'object' && ours.kind === 'any') return []; // a field whose value we deliberately do not type
  const repeated = /^repeated (.+)$/.exec(protoType);
  if (repeated) {
    if (typeof ours !== 'object' || ours.kind !== 'list') return [`${where}: is repeated ${repeated[1]}, not a list`];
    return drift(ours.of, repeated[1]!, scope, `${where}[]`, since);
  }
  if (protoType in SCALARS) {
    return ours === SCALARS[protoType] ? [] : [`${where}: is ${protoType}, the table says ${JSON.stringify(ours)}`];
  }
  const enumName = resolve('enum', protoType, scope);
  if (enumName) {
    const values = enums[enumName]!.map((value) => value.name);
    if (typeof ours !== 'object' || ours.kind !== 'enum') return [`${where}: is the enum ${protoType}`];
    return JSON.stringify(ours.values) === JSON.stringify(values)
      ? []
      : [`${where}: enum values are ${values.join(', ')}`];
  }
  const messageName = resolve('message', protoType, scope);
  if (!messageName) return [`${where}: ${protoType} is a message the fact table does not have; extract it too`];
  if (typeof ours !== 'object' || ours.kind !== 'message') return [`${where}: is the message ${protoType}`];
  return messageDrift(ours.fields, messageName, where, ours.oneof, since);
}

function messageDrift(
  fields: Record<string, Field>,
  messageName: string,
  where: string,
  oneof: string[][] | undefined,
  since: number | undefined,
): string[] {
  const problems: string[] = [];
  const protoFields = messages[messageName]!;
  const protoNames = new Set(protoFields.map((field) => field.name));
  for (const name of Object.keys(fields)) {
    if (!protoNames.has(name)) problems.push(`${where}.${name}: not a field of ${messageName} in any of the tags`);
  }
  for (const fact of protoFields) {
    const field = fields[fact.name];
    const at = `${where}.${fact.name}`;
    if (!field) {
      problems.push(`${at}: missing (a ${fact.type} since ${fact.firstSeen})`);
      continue;
    }
    if (camelCase(fact.name) !== fact.jsonName) problems.push(`${at}: JSON name is ${fact.jsonName}`);
    const needs = Math.max(since ?? OLDEST_MINOR, field.since ?? OLDEST_MINOR);
    problems.push(...sinceDrift(since ?? OLDEST_MINOR, needs, field.since, fact, at));
    problems.push(...drift(field.type, fact.type, messageName, at, needs));
  }
  // Fields of one proto oneof may not be set together; the table's groups must be exactly those.
  const protoGroups = new Map<string, string[]>();
  for (const fact of protoFields as (FactField & { oneof?: string })[]) {
    if (fact.oneof) protoGroups.set(fact.oneof, [...(protoGroups.get(fact.oneof) ?? []), fact.name]);
  }
  const expected = [...protoGroups.values(), ...(VALIDATION_ONEOFS[messageName] ?? [])]
    .filter((group) => group.length > 1)
    .map((group) => [...group].sort());
  const actual = (oneof ?? []).map((group) => [...group].sort());
  if (JSON.stringify(actual.sort()) !== JSON.stringify(expected.sort())) {
    problems.push(`${where}: oneof groups are ${JSON.stringify(expected)}, the table has ${JSON.stringify(actual)}`);
  }
  return problems;
}

/** The field must need exactly the newer of: the Istio its enclosing field needs, and the first Istio that has it. */
function sinceDrift(inherited: number, needs: number, own: number | undefined, fact: FactField, at: string): string[] {
  const [major, minor, patch] = fact.firstSeen.split('.').map(Number) as [number, number, number];
  if (fact.firstSeen !== FIRST_TAG && (major !== 1 || patch !== 0)) {
    return [`${at}: first appears in a patch release (${fact.firstSeen}); a minor version cannot say so`];
  }
  const expected = Math.max(inherited, fact.firstSeen === FIRST_TAG ? OLDEST_MINOR : minor);
  return needs === expected ? [] : [`${at}: needs Istio 1.${expected}, the table says ${own ?? 'nothing'}`];
}

describe('the MeshConfig field table, against istio/api config.proto (1.22.0 … 1.30.x)', () => {
  it('has every field Istio has, under its proto and JSON name, with its type and first version, and no other', () => {
    expect(drift(MESH_CONFIG_MESSAGE, 'MeshConfig', '', 'meshConfig')).toEqual([]);
  });

  it('reads the facts from the tags it says it read', () => {
    expect(FIRST_TAG).toBe('1.22.0');
    expect(facts.newestTag).toMatch(/^1\.30\.\d+$/);
    expect(Object.values(facts.source.tags).every((commit) => /^[0-9a-f]{40}$/.test(commit))).toBe(true);
  });

  it('would notice drift: a missing field, a wrong type, a wrong version, a field Istio does not have', () => {
    const otel = 'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider';
    const header = { kind: 'message', fields: { name: { type: 'string' } } } as const;
    expect(drift(header, 'HttpHeader', otel, 'h')).toEqual([
      'h.value: missing (a string since 1.22.0)',
      'h.env_name: missing (a string since 1.26.0)',
      'h: oneof groups are [["env_name","value"]], the table has []',
    ]);
    const unversioned: FieldType = {
      kind: 'message',
      fields: { name: { type: 'string' }, value: { type: 'string' }, env_name: { type: 'string' } },
      oneof: [['value', 'env_name']],
    };
    expect(drift(unversioned, 'HttpHeader', otel, 'h')).toEqual([
      'h.env_name: needs Istio 1.26, the table says nothing',
    ]);
    const wrong: FieldType = {
      kind: 'message',
      fields: { path: { type: 'uint32' }, timeout: { type: 'duration', since: 25 }, headers: { type: 'string' } },
    };
    expect(drift(wrong, 'HttpService', otel, 's')).toEqual([
      's.path: is string, the table says "uint32"',
      's.timeout: needs Istio 1.22, the table says 25',
      's.headers: is repeated HttpHeader, not a list',
    ]);
    const extra: FieldType = { kind: 'message', fields: { tracing: { type: { kind: 'list', of: 'string' } } } };
    expect(drift(extra, 'DefaultProviders', 'MeshConfig', 'd')).toEqual([
      'd.metrics: missing (a repeated string since 1.22.0)',
      'd.access_logging: missing (a repeated string since 1.22.0)',
    ]);
    const unknown: FieldType = {
      kind: 'message',
      fields: { environment: { type: { kind: 'any' } }, gcp: { type: 'bool' } },
    };
    expect(drift(unknown, 'ResourceDetectors', otel, 'r')).toEqual([
      'r.gcp: not a field of MeshConfig.ExtensionProvider.ResourceDetectors in any of the tags',
      'r.dynatrace: missing (a DynatraceResourceDetector since 1.22.0)',
    ]);
  });
});
