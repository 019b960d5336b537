import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from '../__fixtures__/models';
import { defaultModel, withDefaults } from '../defaults';
import { validateModel, type ModelInput } from '../model';
import { tracePathOfDraft } from './draft-trace-path';
import { describeTracePath, tracePathOf } from './trace-path';

type Patch = Parameters<typeof withDefaults>[0];
const input = (patch: Patch): ModelInput => withDefaults(patch, defaultModel);
const issuesOf = (values: ModelInput) => {
  const validation = validateModel(values);
  return validation.ok ? [] : validation.issues;
};
const draft = (values: ModelInput) => tracePathOfDraft(values, issuesOf(values));
const hop = (path: ReturnType<typeof draft>, id: string) =>
  [...path.spans, ...(path.sampler ? [path.sampler] : [])].find((h) => h.id === id);

const VALID: Patch[] = [
  { dynatrace: { environmentId: 'abc12345', clusterId: '1' } },
  {
    dynatrace: { environmentId: 'abc12345', clusterId: '1' },
    operator: { namespace: 'dt', dynakubeName: 'kube', serviceName: 'ingest' },
    istio: { clusterDomain: 'corp.local' },
    provider: { samplerFromTenant: true },
    token: { value: SAMPLE_TOKEN, storage: 'inline' },
  },
  {
    mode: 'standalone',
    dynatrace: {
      environmentKind: 'managed',
      environmentId: 'e1',
      host: 'dt.example.com',
      port: '8443',
      clusterId: '1',
    },
    token: { value: SAMPLE_TOKEN, storage: 'inline' },
    telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'checkout' }] },
  },
  {
    mode: 'standalone',
    dynatrace: { environmentKind: 'activegate', environmentId: 'e1', host: 'ag.example.com', clusterId: '1' },
    token: { value: SAMPLE_TOKEN, storage: 'inline' },
    provider: { sampler: false },
  },
  {
    dynatrace: { environmentId: 'abc12345', clusterId: '1' },
    istio: { ambient: true, ambientTracing: 'waypoints' },
    telemetry: { waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
  },
];

describe('the path drawn while the user types', () => {
  it.each(VALID.map((patch, index) => [index, patch] as const))(
    'is the verified path, unchecked, once the configuration is valid (case %i)',
    (_, patch) => {
      const values = input(patch);
      const validation = validateModel(values);
      if (!validation.ok) throw new Error(JSON.stringify(validation.issues));
      const expected = tracePathOf(validation.model);
      const path = draft(values);
      expect(path.missing).toEqual([]);
      expect(path.spans.map(({ incomplete: _, ...rest }) => rest)).toEqual(expected.spans);
      expect(path.sampler && { ...path.sampler, incomplete: undefined }).toEqual(
        expected.sampler && { ...expected.sampler, incomplete: undefined },
      );
      expect([...path.spans, path.sampler].every((h) => !h || h.status === 'unknown')).toBe(true);
    },
  );

  it('names the environment ID as missing where the tenant is shown, before the user types it', () => {
    const path = draft(input({ mode: 'standalone', token: { value: SAMPLE_TOKEN, storage: 'inline' } }));
    expect(path.missing).toEqual(['environment ID']);
    expect(hop(path, 'egress')?.details[0]).toBe('‹environment ID›.live.dynatrace.com:80 → TLS to :443');
    expect(hop(path, 'egress')?.incomplete).toBe(true);
    expect(hop(path, 'sidecar')?.incomplete).toBe(false);
  });

  it('does not ask for the environment ID when nothing on the path goes to the tenant (Operator, sampler via the collector)', () => {
    const path = draft(input({}));
    expect(path.missing).toEqual([]);
    expect(hop(path, 'collector')?.details[0]).toBe('dynakube-telemetry-ingest.dynatrace.svc.cluster.local:4318');
  });

  it('follows the DynaKube namespace key by key, and marks it while it is invalid', () => {
    expect(hop(draft(input({ operator: { namespace: 'dynatrace-sys' } })), 'collector')?.details).toContain(
      'namespace dynatrace-sys',
    );
    const invalid = draft(input({ operator: { namespace: 'Dyna' } }));
    expect(invalid.missing).toEqual(['DynaKube namespace']);
    expect(hop(invalid, 'collector')?.details[0]).toBe(
      'dynakube-telemetry-ingest.‹DynaKube namespace›.svc.cluster.local:4318',
    );
    expect(hop(invalid, 'collector')?.incomplete).toBe(true);
  });

  it('marks an invalid port without inventing a default one', () => {
    const path = draft(
      input({
        mode: 'standalone',
        dynatrace: { environmentKind: 'managed', environmentId: 'e1', host: 'dt.example.com', port: '99999' },
        token: { value: SAMPLE_TOKEN, storage: 'inline' },
      }),
    );
    expect(path.missing).toContain('HTTPS port');
    expect(hop(path, 'egress')?.details[0]).toBe('dt.example.com:80 → TLS to :‹HTTPS port›');
    expect(hop(path, 'tenant')?.details[0]).toBe('https://dt.example.com:‹HTTPS port›');
  });

  it('asks for the Managed cluster host by its name', () => {
    const path = draft(
      input({
        mode: 'standalone',
        dynatrace: { environmentKind: 'managed', environmentId: 'e1' },
        token: { value: SAMPLE_TOKEN, storage: 'inline' },
      }),
    );
    expect(path.missing).toEqual(['Managed cluster host']);
  });

  it('starts at the waypoint as its name is typed, and asks for its namespace', () => {
    const waypoints = (waypoint: { name: string; namespace: string }) =>
      draft(
        input({
          dynatrace: { environmentId: 'abc12345', clusterId: '1' },
          istio: { ambient: true, ambientTracing: 'waypoints' },
          telemetry: { waypoint },
        }),
      );
    expect(hop(waypoints({ name: '', namespace: '' }), 'sidecar')?.title).toBe('Waypoints and gateways');
    const noNamespace = waypoints({ name: 'shop-waypoint', namespace: '' });
    expect(hop(noNamespace, 'sidecar')?.title).toBe('Waypoint proxy');
    expect(hop(noNamespace, 'sidecar')?.details[0]).toBe('waypoint shop-waypoint in ‹waypoint namespace›');
    expect(noNamespace.missing).toEqual(['waypoint namespace']);
    expect(waypoints({ name: 'Shop', namespace: 'shop' }).missing).toEqual(['waypoint name']);
  });

  it('says what is missing in the text for screen readers', () => {
    const lines = describeTracePath(draft(input({ mode: 'standalone' })));
    expect(lines.at(-1)).toBe('Not known yet (missing or invalid): environment ID.');
    expect(lines[0]).toMatch(/not checked yet\.$/);
  });

  it('never throws, whatever the form holds', () => {
    fc.assert(
      fc.property(fc.anything(), fc.array(fc.record({ path: fc.string(), message: fc.string() })), (raw, issues) => {
        const values = withDefaults(raw && typeof raw === 'object' ? raw : {}, defaultModel);
        const path = tracePathOfDraft(values, issues);
        expect(path.spans.length).toBeGreaterThan(1);
        describeTracePath(path);
      }),
    );
  });
});
