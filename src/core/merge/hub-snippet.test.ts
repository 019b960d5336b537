import { describe, expect, it } from 'vitest';
import {
  FACTS_STANDALONE_MESH_CONFIG,
  FACTS_STANDALONE_SERVICE_ENTRY,
  fill,
  GUIDE_OPERATOR_MESH_CONFIG,
} from '../__fixtures__/guide-snippets';
import { SAMPLE_TOKEN } from '../__fixtures__/models';
import { readHubSnippet } from './hub-snippet';

describe('reading a Dynatrace Hub snippet', () => {
  it('fills environment, cluster ID, endpoint and token from the standalone snippet with its ServiceEntry', () => {
    const values = {
      'your-environment-id': 'abc12345',
      'your-tenant-id': 'abc12345',
      API_TOKEN: SAMPLE_TOKEN,
      'cluster-id': '-1743916452',
    };
    const snippet = `${fill(FACTS_STANDALONE_MESH_CONFIG, values)}---\n${fill(FACTS_STANDALONE_SERVICE_ENTRY, values)}`;
    const result = readHubSnippet(snippet);
    expect(result).toEqual({
      ok: true,
      values: {
        mode: 'standalone',
        providerName: 'dynatrace-otel',
        dynatrace: { environmentKind: 'saas', environmentId: 'abc12345', host: '', clusterId: '-1743916452' },
        token: SAMPLE_TOKEN,
      },
      found: ['environment ID', 'cluster ID', 'endpoint', 'API token'],
    });
  });

  it('reads a Managed endpoint and an ActiveGate port', () => {
    const managed = `extensionProviders:\n- name: dynatrace-otel\n  opentelemetry:\n    port: 80\n    service: istio-system/ag.example.com\n    http:\n      path: /e/xyz98765/api/v2/otlp/v1/traces\n    dynatrace_sampler: {tenant: xyz98765, cluster_id: 5}\n---\nkind: ServiceEntry\nspec:\n  ports:\n  - {number: 80, targetPort: 9999}\n`;
    const result = readHubSnippet(managed);
    expect(result.ok && result.values.dynatrace).toEqual({
      environmentKind: 'activegate',
      environmentId: 'xyz98765',
      host: 'ag.example.com',
      port: '9999',
      clusterId: '5',
    });
  });

  it('recognises the Operator endpoint and ignores placeholder tokens', () => {
    const operator = fill(GUIDE_OPERATOR_MESH_CONFIG, {
      'dynakube-name': 'dk',
      'dynatrace-operator-namespace': 'dt',
      'your-tenant-id': 'abc12345',
      'cluster-id': '9',
    });
    const result = readHubSnippet(operator);
    expect(result.ok && result.values.mode).toBe('operator');
    expect(result.ok && result.values.operator).toEqual({ dynakubeName: 'dk', namespace: 'dt' });
    const custom = readHubSnippet(
      'extensionProviders:\n- name: x\n  opentelemetry: {port: 4318, service: telemetry-ingest.dynatrace.svc.cluster.local, http: {path: /v1/traces}}\n',
    );
    expect(custom.ok && custom.values.operator).toEqual({ serviceName: 'telemetry-ingest', namespace: 'dynatrace' });
    const placeholder = readHubSnippet(fill(FACTS_STANDALONE_MESH_CONFIG, { 'cluster-id': '1' }));
    expect(placeholder.ok && placeholder.values.token).toBeUndefined();
  });

  it('explains what it needs when the paste is something else', () => {
    expect(readHubSnippet('hello: world')).toMatchObject({ ok: false, code: 'NO_PROVIDER' });
    expect(readHubSnippet('a: [')).toMatchObject({ ok: false, code: 'INVALID_YAML' });
    expect(readHubSnippet('a: [')).toMatchObject({ message: expect.stringMatching(/\(line \d+, column \d+\)/) });
    expect(readHubSnippet('['.repeat(1_000_000))).toMatchObject({ ok: false, code: 'TOO_DEEP' });
  });
});
