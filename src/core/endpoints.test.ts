import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from './__fixtures__/models';
import { parseEnvironmentUrl, tenantUrl, tenantOf, traceEndpoint } from './endpoints';

describe('endpoints', () => {
  it('read SaaS, Managed and ActiveGate URLs as users copy them', () => {
    expect(parseEnvironmentUrl('https://abc12345.live.dynatrace.com/')).toEqual({
      environmentKind: 'saas',
      environmentId: 'abc12345',
      host: '',
    });
    expect(parseEnvironmentUrl('abc12345.apps.dynatrace.com/ui/apps')).toEqual({
      environmentKind: 'saas',
      environmentId: 'abc12345',
      host: '',
    });
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345/#dashboard')).toEqual({
      environmentKind: 'managed',
      environmentId: 'abc12345',
      host: 'dt.example.com',
    });
    expect(parseEnvironmentUrl('https://ag.example.com:9999/e/abc12345/api/v2/otlp')).toEqual({
      environmentKind: 'activegate',
      environmentId: 'abc12345',
      host: 'ag.example.com',
      port: 9999,
    });
    expect(parseEnvironmentUrl('https://example.com/')).toBeUndefined();
    expect(parseEnvironmentUrl('not a url at all')).toBeUndefined();
  });

  it('send Operator-mode traces to the telemetry-ingest service on 4318', () => {
    expect(traceEndpoint(operatorSaas())).toEqual({
      service: 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
      port: 4318,
      path: '/v1/traces',
    });
  });

  it('send standalone traces to port 80 of the namespaced tenant host, under /e/<id> where needed', () => {
    expect(traceEndpoint(standalone('saas'))).toEqual({
      service: 'istio-system/abc12345.live.dynatrace.com',
      port: 80,
      path: '/api/v2/otlp/v1/traces',
    });
    expect(traceEndpoint(standalone('activegate'))).toEqual({
      service: 'istio-system/activegate.example.com',
      port: 80,
      path: '/e/abc12345/api/v2/otlp/v1/traces',
    });
    expect(tenantUrl(tenantOf(standalone('activegate')))).toBe('https://activegate.example.com:9999/e/abc12345');
    expect(tenantUrl(tenantOf(standalone('managed')))).toBe('https://dynatrace.example.com/e/abc12345');
  });
});
