import { describe, expect, it } from 'vitest';
import { model, operatorSaas, standalone } from './__fixtures__/models';
import { findRequirements, type Finding } from './findings';
import { RESTART_WHEN_NEEDED } from './generate/restart';

/*
 * Each finding: when it appears and when it must not, its level and step, and the facts its message and fix carry
 * (names the user must act on). Written against the mutation-testing survivors of findings.ts (issue 27).
 */

const ids = (findings: Finding[]) => findings.map((finding) => finding.id);
const byId = (findings: Finding[], id: string): Finding => {
  const finding = findings.find((f) => f.id === id);
  if (!finding) throw new Error(`no finding ${id} in ${ids(findings).join(', ')}`);
  return finding;
};

describe('operator-sampler-enable-istio', () => {
  it('warns on the requirements step when the Operator’s enableIstio meets the tenant sampler, naming the ServiceEntry', () => {
    const finding = byId(
      findRequirements(
        operatorSaas({
          operator: { enableIstio: true },
          provider: { samplerFromTenant: true },
          token: { storage: 'istiod-env' },
          istio: { rootNamespace: 'mesh-root' },
        }),
      ),
      'operator-sampler-enable-istio',
    );
    expect(finding.level).toBe('warning');
    expect(finding.step).toBe('requirements');
    expect(finding.message).toMatch(/enableIstio creates ServiceEntries .*conflicting/);
    expect(finding.fix).toContain('Set enableIstio: false');
    expect(finding.fix).toContain('mesh-root/<host>');
  });

  it('does not appear in standalone mode, without enableIstio, or when the sampler does not reach the tenant', () => {
    const standaloneWithEnableIstio = standalone('saas', { operator: { enableIstio: true } });
    expect(ids(findRequirements(standaloneWithEnableIstio))).not.toContain('operator-sampler-enable-istio');
    expect(
      ids(findRequirements(operatorSaas({ provider: { samplerFromTenant: true }, token: { storage: 'istiod-env' } }))),
    ).not.toContain('operator-sampler-enable-istio');
    expect(ids(findRequirements(operatorSaas({ operator: { enableIstio: true } })))).not.toContain(
      'operator-sampler-enable-istio',
    );
  });
});

describe('token findings', () => {
  it('names the scopes the token needs, with the plural only for more than one scope', () => {
    const two = byId(findRequirements(standalone('saas')), 'token-scopes');
    expect(two.level).toBe('info');
    expect(two.step).toBe('configuration');
    expect(two.message).toBe(
      'The API token needs the scopes openTelemetryTrace.ingest and adaptiveTrafficManagement.read.',
    );
    expect(two.fix).toContain('Access tokens');
    const one = byId(findRequirements(standalone('saas', { provider: { sampler: false } })), 'token-scopes');
    expect(one.message).toBe('The API token needs the scope openTelemetryTrace.ingest.');
  });

  it('does not ask for a token when nothing reaches the tenant (Operator mode, sampler on its fallback)', () => {
    const findings = ids(findRequirements(operatorSaas()));
    expect(findings).not.toContain('token-scopes');
    expect(findings).not.toContain('token-in-mesh-config');
    expect(findings).not.toContain('token-in-istiod-env');
  });

  it('warns about an inline token on the mesh-config step, suggesting the Secret only from Istio 1.26', () => {
    const on126 = byId(findRequirements(standalone('saas', { istio: { version: '1.26' } })), 'token-in-mesh-config');
    expect(on126.level).toBe('warning');
    expect(on126.step).toBe('mesh-config');
    expect(on126.message).toContain('clear text');
    expect(on126.fix).toContain('Istio 1.26+ reads the header from istiod’s environment');
    const on125 = byId(findRequirements(standalone('saas', { istio: { version: '1.25' } })), 'token-in-mesh-config');
    expect(on125.fix).toContain('Do not commit meshconfig.yaml to Git');
    expect(on125.fix).not.toContain('1.26+ reads');
  });

  it('names the istiod variable and the Secret when the token is kept in a Secret', () => {
    const finding = byId(
      findRequirements(
        standalone('saas', { token: { storage: 'istiod-env', envName: 'MY_DT_TOKEN', secretName: 'my-dt-secret' } }),
      ),
      'token-in-istiod-env',
    );
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('mesh-config');
    expect(finding.message).toContain('istiod’s MY_DT_TOKEN environment variable, filled from the Secret my-dt-secret');
    expect(finding.fix).toContain('from the MY_DT_TOKEN variable');
    expect(finding.fix).toContain('"Api-Token <token>"');
  });
});

describe('TLS findings for Managed and ActiveGate', () => {
  it('warns that a public-CA check fails on private certificates, naming Managed or ActiveGate', () => {
    const managed = byId(findRequirements(standalone('managed')), 'activegate-certificate');
    expect(managed.level).toBe('warning');
    expect(managed.step).toBe('service-entry');
    expect(managed.message).toContain('originates TLS to the Managed cluster and verifies');
    expect(managed.message).not.toContain('ActiveGate');
    const activegate = byId(findRequirements(standalone('activegate')), 'activegate-certificate');
    expect(activegate.message).toContain('originates TLS to the ActiveGate and verifies');
    expect(activegate.message).not.toContain('Managed cluster');
  });

  it('does not warn about certificates on SaaS, nor the public-CA check when certificates are not verified', () => {
    const saas = ids(findRequirements(standalone('saas')));
    expect(saas).not.toContain('activegate-certificate');
    expect(saas).not.toContain('tls-insecure-skip-verify');
    const skip = findRequirements(standalone('managed', { dynatrace: { tls: 'insecure-skip-verify' } }));
    expect(ids(skip)).not.toContain('activegate-certificate');
    const insecure = byId(skip, 'tls-insecure-skip-verify');
    expect(insecure.level).toBe('warning');
    expect(insecure.step).toBe('service-entry');
    expect(insecure.message).toContain('insecureSkipVerify');
    expect(insecure.fix).toContain('Trust my CA certificate');
    expect(ids(findRequirements(standalone('managed')))).not.toContain('tls-insecure-skip-verify');
    // SaaS keeps Dynatrace's public certificate whatever the TLS choice says: no insecureSkipVerify there, no warning.
    const saasSkip = ids(findRequirements(standalone('saas', { dynatrace: { tls: 'insecure-skip-verify' } })));
    expect(saasSkip).not.toContain('tls-insecure-skip-verify');
    expect(saasSkip).not.toContain('activegate-certificate');
  });
});

describe('sampling findings', () => {
  it('explains the sampler’s fallback rate only in Operator mode without the tenant endpoint', () => {
    const finding = byId(findRequirements(operatorSaas()), 'sampler-fallback-rate');
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('mesh-config');
    expect(finding.fix).toContain('token with adaptiveTrafficManagement.read');
    expect(ids(findRequirements(standalone('saas')))).not.toContain('sampler-fallback-rate');
  });

  it('says the sampler forces 100 % sampling, on the Telemetry step', () => {
    const finding = byId(findRequirements(operatorSaas()), 'sampler-forces-full-sampling');
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('telemetry');
    expect(finding.message).toContain('istiod sets 100 % random sampling');
    expect(finding.fix).toContain('only its fallback');
  });

  it('warns about 0 % and from 50 % on, naming the rate, and not below 50 %', () => {
    const off = (samplingPercentage: string) =>
      findRequirements(operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage } }));
    const zero = byId(off('0'), 'sampling-zero');
    expect(zero.level).toBe('warning');
    expect(zero.step).toBe('telemetry');
    expect(zero.message).toContain('records no traces');
    expect(zero.fix).toContain('above 0');
    const fifty = byId(off('50'), 'sampling-high');
    expect(fifty.level).toBe('warning');
    expect(fifty.step).toBe('telemetry');
    expect(fifty.message).toMatch(/^50 % of all requests will be traced/);
    expect(fifty.fix).toContain('Start low');
    expect(ids(off('49'))).not.toContain('sampling-high');
    expect(ids(off('49'))).not.toContain('sampling-zero');
  });

  it('mentions custom-trace licensing unless both the sampler and the resource detector are on', () => {
    const detectorOff = byId(
      findRequirements(operatorSaas({ provider: { resourceDetector: false } })),
      'licensing-custom-traces',
    );
    expect(detectorOff.level).toBe('info');
    expect(detectorOff.step).toBe('mesh-config');
    expect(detectorOff.fix).toContain('Keep both on');
    expect(ids(findRequirements(operatorSaas()))).not.toContain('licensing-custom-traces');
  });
});

describe('mesh-config format findings', () => {
  it('warns that istioctl install resets to the profile of this setup', () => {
    const finding = byId(findRequirements(operatorSaas()), 'istioctl-install-whole-config');
    expect(finding.level).toBe('warning');
    expect(finding.step).toBe('mesh-config');
    expect(finding.message).toContain('reset to the default profile');
    expect(finding.fix).toContain('istioctl install -f yours.yaml -f meshconfig.yaml');
    const ambient = byId(findRequirements(operatorSaas({ istio: { ambient: true } })), 'istioctl-install-whole-config');
    expect(ambient.message).toContain('reset to the ambient profile');
  });

  it('warns that Helm replaces lists, naming envVarFrom only when the token is in istiod’s environment', () => {
    const env = byId(
      findRequirements(standalone('saas', { token: { storage: 'istiod-env' }, output: { meshConfigFormat: 'helm' } })),
      'helm-lists-replace',
    );
    expect(env.level).toBe('warning');
    expect(env.step).toBe('mesh-config');
    expect(env.message).toContain('the envVarFrom list');
    expect(env.fix).toContain('merge into them');
    const inline = byId(
      findRequirements(standalone('saas', { output: { meshConfigFormat: 'helm' } })),
      'helm-lists-replace',
    );
    expect(inline.message).toContain('replace any extensionProviders in your current istiod values');
    expect(inline.message).not.toContain('envVarFrom');
  });

  it('warns that the ConfigMap replaces the whole mesh config', () => {
    const finding = byId(
      findRequirements(operatorSaas({ output: { meshConfigFormat: 'configmap' } })),
      'configmap-replaces-mesh',
    );
    expect(finding.level).toBe('warning');
    expect(finding.step).toBe('mesh-config');
    expect(finding.message).toContain('replaces the whole mesh config');
    expect(finding.fix).toContain('Merge into your current ConfigMap');
  });

  it('explains the Sail merge patch with the Istio resource’s name, and pilot.envVarFrom only with a Secret', () => {
    const sail = (storage: 'inline' | 'istiod-env') =>
      findRequirements(
        standalone('saas', {
          istio: { sailName: 'my-istio' },
          token: { storage },
          output: { meshConfigFormat: 'sail' },
        }),
      );
    const env = byId(sail('istiod-env'), 'sail-apply-sets-values');
    expect(env.level).toBe('warning');
    expect(env.step).toBe('mesh-config');
    expect(env.message).toContain('your Istio resource my-istio (kubectl patch istio my-istio --type merge)');
    expect(env.message).toContain('extensionProviders and pilot.envVarFrom are replaced');
    expect(env.fix).toContain('kubectl get istio my-istio -o yaml');
    const inline = byId(sail('inline'), 'sail-apply-sets-values');
    expect(inline.message).toContain('extensionProviders are replaced');
    expect(inline.message).not.toContain('envVarFrom');
    // Only the Sail format gets the Sail warning, and it gets none of the others.
    expect(ids(sail('inline'))).not.toContain('istioctl-install-whole-config');
    expect(ids(findRequirements(operatorSaas()))).not.toContain('sail-apply-sets-values');
  });
});

describe('Telemetry scope findings', () => {
  it('warns about a second namespace-wide Telemetry, naming its namespace', () => {
    const finding = byId(
      findRequirements(model({ istio: { version: '1.26' }, telemetry: { namespace: 'shop' } })),
      'one-telemetry-per-namespace',
    );
    expect(finding.level).toBe('warning');
    expect(finding.step).toBe('telemetry');
    expect(finding.message).toContain('may exist in shop;');
    expect(finding.message).toContain('IST0160');
    expect(finding.fix).toContain('kubectl get telemetry -n shop.');
  });

  it('says tracing covers only the Telemetry’s namespace when it is not the root namespace, and not otherwise', () => {
    const finding = byId(
      findRequirements(model({ istio: { rootNamespace: 'mesh-root' }, telemetry: { namespace: 'shop' } })),
      'telemetry-namespace-scope',
    );
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('telemetry');
    expect(finding.message).toBe(
      'Tracing is enabled only for workloads in shop. Put the Telemetry in mesh-root (the root namespace) to trace the whole mesh.',
    );
    expect(finding.fix).toContain('Nothing to do');
    expect(ids(findRequirements(model()))).not.toContain('telemetry-namespace-scope');
  });

  it('does not say so for a waypoint Telemetry, which targets its waypoint, not the namespace', () => {
    const findings = findRequirements(
      model({
        istio: { version: '1.26', ambient: true, ambientTracing: 'waypoints' },
        telemetry: { namespace: 'shop', waypoint: { name: 'wp', namespace: 'shop' } },
      }),
    );
    expect(ids(findings)).not.toContain('telemetry-namespace-scope');
  });
});

describe('formatter tags', () => {
  const literal = { name: 'team', type: 'literal' as const, value: 'payments', defaultValue: '' };
  const formatter = (name: string) => ({
    name,
    type: 'formatter' as const,
    value: '%REQUESTED_SERVER_NAME%',
    defaultValue: '',
  });
  const withTags = (customTags: unknown[]) =>
    findRequirements(model({ istio: { version: '1.29' }, telemetry: { customTags: customTags as never } }));

  it('names only the formatter tags, singular for one', () => {
    const finding = byId(withTags([literal, formatter('sni')]), 'custom-tag-formatter-proxies');
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('telemetry');
    expect(finding.message).toMatch(/^The formatter tag sni needs Istio 1\.29 or later on the proxies too/);
    expect(finding.message).not.toContain('team');
    expect(finding.fix).toContain('istioctl version');
  });

  it('uses the plural for several formatter tags', () => {
    const finding = byId(withTags([formatter('sni'), formatter('sni2')]), 'custom-tag-formatter-proxies');
    expect(finding.message).toMatch(/^The formatter tags sni, sni2 need Istio 1\.29 or later/);
  });

  it('does not appear for literal tags alone', () => {
    expect(ids(withTags([literal]))).not.toContain('custom-tag-formatter-proxies');
  });
});

describe('restart-pods', () => {
  it('says on the verify step that running proxies need no restart, and how apply.sh restarts', () => {
    const finding = byId(findRequirements(operatorSaas()), 'restart-pods');
    expect(finding.level).toBe('info');
    expect(finding.step).toBe('verify');
    expect(finding.message).toContain('Running proxies get the provider and the Telemetry without a restart');
    expect(finding.fix).toBe(`${RESTART_WHEN_NEEDED} apply.sh restarts only when run as RESTART=1 ./apply.sh.`);
  });
});
