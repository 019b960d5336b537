import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { loadMeshConfig } from '../istiod/mesh-providers';
import { mergeIntoExistingMeshConfig } from './merge-provider';

/* Two providers of one name: istiod keeps the last entry's settings (pkg/config/mesh/mesh.go), facts §12. */

const configMap = (providers: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |-\n    extensionProviders:\n${providers}`;
const entry = (name: string, service: string) =>
  `    - name: ${name}\n      opentelemetry:\n        service: ${service}\n        port: 4318\n`;

describe('merging into a mesh config with two providers of our name', () => {
  const input = configMap(entry('dynatrace-otel', 'old-a') + entry('zipkin', 'z') + entry('dynatrace-otel', 'old-b'));
  // Merged inside each test, not when the file is collected: a merge run at collection time is one the mutation
  // runner cannot tie to a test (MUTATION.md, "static").
  const merge = () => {
    const result = mergeIntoExistingMeshConfig(input, operatorSaas());
    if (!result.ok) throw new Error(result.problem.message);
    return { result, mesh: parse(parse(result.merged, { version: '1.1' }).data.mesh, { version: '1.1' }) };
  };

  it('leaves exactly one, the generated provider, in the first one’s place', () => {
    const { mesh } = merge();
    const names = mesh.extensionProviders.map((p: { name: string }) => p.name);
    expect(names).toEqual(['dynatrace-otel', 'zipkin']);
    expect(mesh.extensionProviders[0].opentelemetry.service).not.toMatch(/^old-/);
    // As istiod loads it: one provider of that name, with the generated settings.
    const loaded = loadMeshConfig(mesh);
    expect(loaded.duplicates).toEqual([]);
    expect(loaded.providers.filter((p) => p.name === 'dynatrace-otel')).toHaveLength(1);
  });

  it('says what istiod does with duplicates (keeps the last), not that istiod rejects them', () => {
    const { result } = merge();
    const finding = result.findings.find((f) => f.id === 'duplicate-provider-dynatrace-otel');
    expect(finding?.message).toContain('istiod keeps one: the last entry');
    expect(finding?.message).toContain('exactly one');
    expect(finding?.message).not.toMatch(/istiod rejects/);
  });

  it('keeps the other providers as they were', () => {
    const { mesh } = merge();
    expect(mesh.extensionProviders[1]).toEqual({ name: 'zipkin', opentelemetry: { service: 'z', port: 4318 } });
  });
});

describe('istiod’s loading of duplicate names (the rules module)', () => {
  it('keeps the last entry’s settings at the first one’s place', () => {
    const loaded = loadMeshConfig({
      extensionProviders: [
        { name: 'dt', opentelemetry: { service: 'a', port: 1 } },
        { name: 'x', zipkin: { service: 'z', port: 1 } },
        { name: 'dt', opentelemetry: { service: 'b', port: 1 } },
      ],
    });
    expect(loaded.providers.map((p) => p.name)).toEqual(['prometheus', 'stackdriver', 'envoy', 'dt', 'x']);
    expect((loaded.providers[3]!.entry!.opentelemetry as { service: string }).service).toBe('b');
    expect(loaded.duplicates).toEqual([{ name: 'dt', count: 2 }]);
  });
});
