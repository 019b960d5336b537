import { describe, expect, it } from 'vitest';
import { model, SAMPLE_TOKEN } from './__fixtures__/models';
import { defaultModel, needsToken, requiredTokenScopes, withDefaults } from './defaults';
import { validateModel } from './model';

function issuesFor(patch: unknown) {
  const base = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '1' } });
  const result = validateModel(withDefaults(patch, base));
  return result.ok ? {} : Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
}

describe('the configuration model', () => {
  it('accepts the defaults once the user has entered environment ID and cluster ID', () => {
    expect(validateModel(withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } })).ok).toBe(
      true,
    );
  });

  it('reports the two fields a new user must fill in, by path, with a specific message', () => {
    const result = validateModel(defaultModel);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => issue.path);
    expect(paths).toEqual(['dynatrace.environmentId', 'dynatrace.clusterId']);
    expect(result.issues[0]?.message).toContain('environment ID');
  });

  it('takes the cluster ID as a signed 32-bit integer, from text or a number', () => {
    expect(model({ dynatrace: { clusterId: '-2147483648' } }).dynatrace.clusterId).toBe(-2147483648);
    expect(model({ dynatrace: { clusterId: 2147483647 } }).dynatrace.clusterId).toBe(2147483647);
    expect(issuesFor({ dynatrace: { clusterId: '2147483648' } })['dynatrace.clusterId']).toMatch(
      /between -2147483648 and 2147483647/,
    );
    expect(issuesFor({ dynatrace: { clusterId: '12a' } })['dynatrace.clusterId']).toMatch(/whole number/);
    expect(issuesFor({ dynatrace: { clusterId: '1.5' } })['dynatrace.clusterId']).toMatch(/whole number/);
  });

  it('tells users who paste a URL or uppercase ID what an environment ID is', () => {
    expect(
      issuesFor({ dynatrace: { environmentId: 'https://abc12345.live.dynatrace.com' } })['dynatrace.environmentId'],
    ).toMatch(/not a URL/);
    expect(issuesFor({ dynatrace: { environmentId: 'ABC12345' } })['dynatrace.environmentId']).toMatch(/lowercase/);
  });

  it('checks the API token format and explains the usual mistakes', () => {
    const standalone = { mode: 'standalone', token: { storage: 'inline' } };
    expect(issuesFor({ ...standalone, token: { storage: 'inline', value: '' } })['token.value']).toMatch(
      /Enter the Dynatrace API token/,
    );
    expect(
      issuesFor({ ...standalone, token: { storage: 'inline', value: `Api-Token ${SAMPLE_TOKEN}` } })['token.value'],
    ).toMatch(/without the 'Api-Token ' prefix/);
    expect(issuesFor({ ...standalone, token: { storage: 'inline', value: 'dt0s16.ABC.DEF' } })['token.value']).toMatch(
      /not a classic API token/,
    );
    expect(
      issuesFor({ ...standalone, token: { storage: 'inline', value: SAMPLE_TOKEN.slice(0, -1) } })['token.value'],
    ).toMatch(/copied whole/);
    expect(issuesFor({ ...standalone, token: { storage: 'inline', value: SAMPLE_TOKEN } })).toEqual({});
  });

  it('needs no token in Operator mode unless the sampler fetches its rate from the tenant', () => {
    expect(needsToken(model())).toBe(false);
    expect(needsToken(model({ provider: { samplerFromTenant: true } }))).toBe(true);
    expect(requiredTokenScopes(model({ provider: { samplerFromTenant: true } }))).toEqual([
      'adaptiveTrafficManagement.read',
    ]);
    expect(requiredTokenScopes(model({ mode: 'standalone', token: { storage: 'istiod-env' } }))).toEqual([
      'openTelemetryTrace.ingest',
      'adaptiveTrafficManagement.read',
    ]);
  });

  it('offers the istiod environment for the token only from Istio 1.26', () => {
    expect(
      issuesFor({ mode: 'standalone', istio: { version: '1.25' }, token: { storage: 'istiod-env' } })['token.storage'],
    ).toMatch(/1\.26/);
    expect(issuesFor({ mode: 'standalone', istio: { version: '1.26.0' }, token: { storage: 'istiod-env' } })).toEqual(
      {},
    );
  });

  it('requires a host for Managed and ActiveGate, and rejects URLs and IPs there', () => {
    expect(issuesFor({ dynatrace: { environmentKind: 'managed' } })['dynatrace.host']).toMatch(/Managed cluster/);
    expect(
      issuesFor({ dynatrace: { environmentKind: 'managed', host: 'https://x.example.com/e/abc' } })['dynatrace.host'],
    ).toMatch(/host name only/);
    expect(issuesFor({ dynatrace: { environmentKind: 'activegate', host: '10.0.0.1' } })['dynatrace.host']).toMatch(
      /fully qualified/,
    );
    expect(
      issuesFor({ dynatrace: { environmentKind: 'activegate', host: 'ag.example.com:9999' } })['dynatrace.host'],
    ).toMatch(/port in its own field/);
  });

  it('accepts Go durations for the timeout, as istiod’s jsonpb parses them, above zero', () => {
    for (const timeout of ['500ms', '1m', '1m30s', '2.5s', '10s']) {
      expect(issuesFor({ provider: { timeout } })).toEqual({});
    }
    expect(issuesFor({ provider: { timeout: '10' } })['provider.timeout']).toMatch(/with a unit/);
    expect(issuesFor({ provider: { timeout: '10 sec' } })['provider.timeout']).toMatch(/with a unit/);
    expect(issuesFor({ provider: { timeout: '0s' } })['provider.timeout']).toMatch(/longer than 0s/);
    expect(issuesFor({ provider: { timeout: '-1s' } })['provider.timeout']).toMatch(/longer than 0s/);
  });

  it('rejects duplicate selector labels and bad label keys', () => {
    const issues = issuesFor({
      telemetry: {
        selector: [
          { key: 'app', value: 'a' },
          { key: 'app', value: 'b' },
          { key: '-x', value: '' },
        ],
      },
    });
    expect(issues['telemetry.selector.1.key']).toMatch(/listed twice/);
    expect(issues['telemetry.selector.2.key']).toMatch(/label key/);
  });

  it('lays partial input over the defaults and drops keys it does not know', () => {
    const merged = withDefaults({ provider: { name: 'x' }, evil: 1, istio: { version: '1.24', extra: true } });
    expect(merged.provider.name).toBe('x');
    expect(merged.provider.timeout).toBe('10s');
    expect(merged).not.toHaveProperty('evil');
    expect(merged.istio).not.toHaveProperty('extra');
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      null,
      undefined,
      42,
      'x',
      [],
      { mode: 'nope' },
      { istio: null },
      withDefaults({ istio: 'x' }),
    ]) {
      expect(() => validateModel(input)).not.toThrow();
      expect(validateModel(input).ok).toBe(false);
    }
  });
});
