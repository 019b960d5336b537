import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkMeshConfig } from './mesh-config-schema';

const provider = (otel: string) =>
  parse(`extensionProviders:\n- name: dynatrace-otel\n  opentelemetry:\n${otel.replace(/^/gm, '    ')}`);

describe('the MeshConfig field table', () => {
  it('accepts the guide’s provider in snake_case and in camelCase', () => {
    const snake = provider(
      'port: 4318\nservice: a.b.svc.cluster.local\nhttp: {path: /v1/traces, timeout: 10s}\nresource_detectors: {dynatrace: {}}\ndynatrace_sampler: {tenant: abc, cluster_id: -5}',
    );
    const camel = provider(
      'port: 4318\nservice: a.b.svc.cluster.local\nhttp: {path: /v1/traces, timeout: 10s}\nresourceDetectors: {dynatrace: {}}\ndynatraceSampler: {tenant: abc, clusterId: -5}',
    );
    expect(checkMeshConfig(snake)).toEqual([]);
    expect(checkMeshConfig(camel)).toEqual([]);
  });

  it('rejects a misspelt key, naming where it is', () => {
    const issues = checkMeshConfig(
      provider('port: 4318\nservice: a.b\nhttp: {path: /v1/traces, timeout: 10s}\nresource_detector: {dynatrace: {}}'),
    );
    expect(issues).toEqual([
      {
        path: 'meshConfig.extensionProviders[0].opentelemetry.resource_detector',
        message: expect.stringContaining('silently ignore'),
      },
    ]);
    expect(checkMeshConfig({ extensionProvider: [] })[0]?.path).toBe('meshConfig.extensionProvider');
  });

  it('rejects wrong types: an unsigned or 64-bit cluster ID, a port as text, a timeout without a unit', () => {
    const issues = checkMeshConfig(
      provider(
        'port: "4318"\nservice: a.b\nhttp: {path: /x, timeout: 500}\ndynatrace_sampler: {tenant: a, cluster_id: 3000000000}',
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'meshConfig.extensionProviders[0].opentelemetry.port',
      'meshConfig.extensionProviders[0].opentelemetry.http.timeout',
      'meshConfig.extensionProviders[0].opentelemetry.dynatrace_sampler.cluster_id',
    ]);
  });

  it('rejects two provider types under one name and http together with grpc', () => {
    const two = parse(
      'extensionProviders:\n- name: x\n  opentelemetry: {port: 1, service: a.b}\n  envoyOtelAls: {port: 1, service: a.b}',
    );
    expect(checkMeshConfig(two)[0]?.message).toMatch(/only one of opentelemetry, envoyOtelAls/);
    const both = provider('port: 1\nservice: a.b\nhttp: {path: /x}\ngrpc: {}');
    expect(checkMeshConfig(both)[0]?.message).toMatch(/only one of http, grpc/);
  });

  it('flags fields newer than the user’s Istio', () => {
    const env = provider(
      'port: 80\nservice: a.b\nhttp: {path: /x, timeout: 1s, headers: [{name: Authorization, env_name: T}]}',
    );
    expect(checkMeshConfig(env, 25)).toEqual([
      {
        path: 'meshConfig.extensionProviders[0].opentelemetry.http.headers[0].env_name',
        message: 'needs Istio 1.26 or later',
      },
    ]);
    expect(checkMeshConfig(env, 26)).toEqual([]);
  });
});
