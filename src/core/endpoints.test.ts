import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from './__fixtures__/models';
import {
  parseEnvironmentUrl,
  reachesTenant,
  samplingConfigurationPath,
  tenantUrl,
  tenantOf,
  traceEndpoint,
} from './endpoints';

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

  it('ask the sampler under the same /e/<id> prefix as the traces', () => {
    expect(samplingConfigurationPath(standalone('saas'))).toBe('/api/v2/samplingConfiguration');
    expect(samplingConfigurationPath(standalone('managed'))).toBe('/e/abc12345/api/v2/samplingConfiguration');
    expect(samplingConfigurationPath(standalone('activegate'))).toBe('/e/abc12345/api/v2/samplingConfiguration');
  });

  it('reach the tenant from the mesh in standalone mode, and in Operator mode only for a tenant-fed sampler', () => {
    expect(reachesTenant(standalone('saas', { provider: { sampler: false } }))).toBe(true);
    expect(reachesTenant(operatorSaas({ provider: { sampler: true, samplerFromTenant: true } }))).toBe(true);
    // Operator mode sends traces to the in-cluster service; the tenant is reached only for the sampler's rates.
    expect(reachesTenant(operatorSaas({ provider: { sampler: true, samplerFromTenant: false } }))).toBe(false);
    expect(reachesTenant(operatorSaas({ provider: { sampler: false, samplerFromTenant: true } }))).toBe(false);
  });
});

describe('environment URLs as people paste them', () => {
  it('read a Managed URL without a trailing slash, a query or a fragment, and no port key when there is none', () => {
    const managed = { environmentKind: 'managed', environmentId: 'abc12345', host: 'dt.example.com' };
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345')).toStrictEqual(managed);
    expect(parseEnvironmentUrl('dt.example.com/e/abc12345')).toStrictEqual(managed);
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345?gtf=-2h')).toStrictEqual(managed);
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345#dashboards')).toStrictEqual(managed);
    // The default HTTPS port is no port at all: the tenant keeps 443 without saying so.
    expect(parseEnvironmentUrl('https://dt.example.com:443/e/abc12345/')).toStrictEqual(managed);
  });

  it('read an ID only as a whole path segment: /e/<id> followed by / or the end, never a longer word', () => {
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345/ui/apps')?.environmentId).toBe('abc12345');
    expect(parseEnvironmentUrl('https://dt.example.com/e/abc12345.json')).toBeUndefined();
    expect(parseEnvironmentUrl('https://dt.example.com/e/')).toBeUndefined();
    expect(parseEnvironmentUrl('https://dt.example.com/e')).toBeUndefined();
  });

  it('read /e/<id> only at the start of the path: a proxy prefix the tenant model cannot keep is not dropped silently', () => {
    expect(parseEnvironmentUrl('https://dt.example.com/dynatrace/e/abc12345/')).toBeUndefined();
    expect(parseEnvironmentUrl('https://dt.example.com/see/e/abc12345')).toBeUndefined();
  });

  it('keep a non-default port, and take only 9999 as the ActiveGate', () => {
    expect(parseEnvironmentUrl('https://dt.example.com:8443/e/abc12345')).toStrictEqual({
      environmentKind: 'managed',
      environmentId: 'abc12345',
      host: 'dt.example.com',
      port: 8443,
    });
    expect(parseEnvironmentUrl('ag.example.com:9999/e/abc12345')).toStrictEqual({
      environmentKind: 'activegate',
      environmentId: 'abc12345',
      host: 'ag.example.com',
      port: 9999,
    });
  });

  it('read padded pastes: spaces, tabs, line breaks and no-break spaces around the URL', () => {
    const saas = { environmentKind: 'saas', environmentId: 'abc12345', host: '' };
    for (const pad of [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\ufeff']) {
      expect(
        parseEnvironmentUrl(`${pad}https://abc12345.live.dynatrace.com/${pad}`),
        JSON.stringify(pad),
      ).toStrictEqual(saas);
      expect(parseEnvironmentUrl(`${pad}abc12345.apps.dynatrace.com${pad}`), JSON.stringify(pad)).toStrictEqual(saas);
      expect(parseEnvironmentUrl(`${pad}dt.example.com/e/abc12345${pad}`), JSON.stringify(pad)).toStrictEqual({
        environmentKind: 'managed',
        environmentId: 'abc12345',
        host: 'dt.example.com',
      });
    }
  });

  it('read a scheme only at the start: a URL without one keeps its host even when its query holds another URL', () => {
    expect(parseEnvironmentUrl('dt.example.com/e/abc12345/?next=https://other.example.com/')).toStrictEqual({
      environmentKind: 'managed',
      environmentId: 'abc12345',
      host: 'dt.example.com',
    });
    expect(parseEnvironmentUrl('abc12345.live.dynatrace.com/#/redirect=http://x.example.com')).toStrictEqual({
      environmentKind: 'saas',
      environmentId: 'abc12345',
      host: '',
    });
  });

  it('accept http and https and nothing else: other schemes are not an environment', () => {
    expect(parseEnvironmentUrl('HTTPS://ABC12345.LIVE.DYNATRACE.COM/')?.environmentId).toBe('abc12345');
    expect(parseEnvironmentUrl('http://dt.example.com/e/abc12345')).toStrictEqual({
      environmentKind: 'managed',
      environmentId: 'abc12345',
      host: 'dt.example.com',
    });
    for (const other of [
      'ftp://dt.example.com/e/abc12345',
      'wss://dt.example.com/e/abc12345',
      'ssh://abc12345.live.dynatrace.com/',
      'file://dt.example.com/e/abc12345',
      'javascript://dt.example.com/e/abc12345',
    ]) {
      expect(parseEnvironmentUrl(other), other).toBeUndefined();
    }
  });

  it('never read a look-alike host as a SaaS environment', () => {
    for (const lookAlike of [
      'https://abc12345.live.dynatrace.com.attacker.example/',
      'https://abc12345.live.dynatrace.community/',
      'https://abc12345.live-dynatrace.com/',
      'https://abc12345.livexdynatrace.com/',
      'https://abc12345.live.dynatracexcom/',
      'https://evil.abc12345.live.dynatrace.com/',
      'https://abc12345.dev.dynatrace.com/',
      'https://-abc.live.dynatrace.com/',
      'https://live.dynatrace.com/',
    ]) {
      expect(parseEnvironmentUrl(lookAlike), lookAlike).toBeUndefined();
    }
    // A look-alike with a Managed path is what it says: a Managed host, never the SaaS tenant it imitates.
    expect(parseEnvironmentUrl('https://abc12345.live.dynatrace.com.attacker.example/e/abc12345')).toStrictEqual({
      environmentKind: 'managed',
      environmentId: 'abc12345',
      host: 'abc12345.live.dynatrace.com.attacker.example',
    });
  });
});
