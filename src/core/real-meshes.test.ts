import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { model, operatorSaas, standalone } from './__fixtures__/models';
import { generateBundle } from './generate/bundle';
import { generateMeshConfig } from './generate/mesh-config';
import { generateServiceEntry } from './generate/service-entry';
import { generateVerification } from './generate/verification';
import { findRequirements } from './findings';
import { REQUIREMENT_COMMANDS } from './requirement-commands';
import { defaultModel, withDefaults } from './defaults';
import { validateModel } from './model';

/* Issue 10: right on meshes with a revision, a custom istiod namespace, cluster domain or a selector. */

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
const commands = (m: Parameters<typeof generateVerification>[0]) => {
  const v = generateVerification(m);
  return [...v.apply, ...v.restart, ...v.checks].map((step) => step.command ?? '').join('\n');
};

function issuesOf(patch: Record<string, unknown>) {
  const base = withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '1' } }, defaultModel);
  const result = validateModel(withDefaults(patch, base));
  return result.ok ? [] : result.issues;
}

describe('a Telemetry with a workload selector (item 1)', () => {
  it('is refused in the root namespace, where it would match only that namespace’s pods', () => {
    const issues = issuesOf({ telemetry: { selector: [{ key: 'app', value: 'checkout' }] } });
    expect(issues).toEqual([expect.objectContaining({ path: 'telemetry.namespace' })]);
    expect(issues[0]!.message).toMatch(/only to pods in its own namespace/);
  });

  it('is accepted in the workloads’ namespace, and never called mesh-wide', () => {
    const m = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'checkout' }] } });
    const step = generateVerification(m).apply.find((s) => s.id === 'telemetry')!;
    expect(step.description).not.toMatch(/whole mesh/);
    expect(step.description).toContain('app=checkout in shop');
  });
});

describe('the mesh ConfigMap (item 2)', () => {
  it('goes to istiod’s namespace, named istio-<revision> for a revision, whatever the root namespace', () => {
    const doc = read(
      generateMeshConfig(
        operatorSaas({
          istio: { rootNamespace: 'mesh-root', istiodNamespace: 'istio-cp', revision: '1-24-3' },
          output: { meshConfigFormat: 'configmap' },
        }),
      ).text,
    );
    expect(doc.metadata).toEqual({ name: 'istio-1-24-3', namespace: 'istio-cp' });
  });

  it('is istio in istio-system by default', () => {
    const doc = read(generateMeshConfig(operatorSaas({ output: { meshConfigFormat: 'configmap' } })).text);
    expect(doc.metadata).toEqual({ name: 'istio', namespace: 'istio-system' });
  });
});

describe('istiod namespace and revision (item 3)', () => {
  const revisioned = standalone('saas', {
    istio: { rootNamespace: 'mesh-root', istiodNamespace: 'istio-cp', revision: 'canary', version: '1.28.1' },
    token: { storage: 'istiod-env', value: '' },
    telemetry: { namespace: 'mesh-root' },
    output: { meshConfigFormat: 'configmap' },
  });

  it('are validated like istio.io/rev values and namespace names', () => {
    expect(issuesOf({ istio: { revision: 'Canary!' } }).map((i) => i.path)).toEqual(['istio.revision']);
    expect(issuesOf({ istio: { revision: 'default' } })[0]?.message).toMatch(/leave this field empty/);
    expect(issuesOf({ istio: { revision: 'a'.repeat(64) } }).map((i) => i.path)).toEqual(['istio.revision']);
    expect(issuesOf({ istio: { istiodNamespace: 'Istio_System' } }).map((i) => i.path)).toEqual([
      'istio.istiodNamespace',
    ]);
    expect(issuesOf({ istio: { revision: '1-24-3' } })).toEqual([]);
  });

  it('name the Secret’s namespace, the deployment, the ConfigMap and the logs in every command', () => {
    const text = commands(revisioned);
    expect(text).toContain('kubectl -n istio-cp create secret generic dynatrace-otel-token');
    expect(text).toContain('kubectl -n istio-cp set env deployment/istiod-canary --from=secret/dynatrace-otel-token');
    expect(text).toContain('kubectl -n istio-cp get configmap istio-canary');
    expect(text).toContain('kubectl -n istio-cp logs deploy/istiod-canary');
    expect(text).not.toMatch(/istio-system|deployment\/istiod |deploy\/istiod /);
  });

  it('restart namespaces labelled istio.io/rev=<revision>, or both default labels without a revision', () => {
    expect(generateVerification(revisioned).restart[0]!.command).toContain('-l istio.io/rev=canary');
    expect(generateVerification(revisioned).restart[0]!.command).not.toContain('istio-injection');
    const plain = generateVerification(operatorSaas()).restart[0]!.command!;
    expect(plain).toContain('-l istio-injection=enabled');
    expect(plain).toContain('-l istio.io/rev=default');
  });

  it('set spec.revision (and the namespace) in an IstioOperator, and revision in Helm values', () => {
    const operator = read(
      generateMeshConfig(operatorSaas({ istio: { istiodNamespace: 'istio-cp', revision: 'canary' } })).text,
    );
    expect(operator.spec.revision).toBe('canary');
    expect(operator.spec.namespace).toBe('istio-cp');
    expect(operator.spec.values.global.istioNamespace).toBe('istio-cp');
    const helm = read(
      generateMeshConfig(operatorSaas({ istio: { revision: 'canary' }, output: { meshConfigFormat: 'helm' } })).text,
    );
    expect(helm.revision).toBe('canary');
    const plain = read(generateMeshConfig(operatorSaas()).text);
    expect(plain.spec).not.toHaveProperty('revision');
    expect(plain.spec).not.toHaveProperty('namespace');
  });

  it('keep the ServiceEntry where the provider’s <namespace>/<host> reference points', () => {
    const m = standalone('saas', { istio: { rootNamespace: 'mesh-root', istiodNamespace: 'istio-cp' } });
    const se = generateServiceEntry(m);
    if (!se.needed) throw new Error('expected a ServiceEntry');
    const [entry] = parseAllDocuments(se.text, { version: '1.1' }).map((d) => d.toJS() as Record<string, any>);
    const provider = read(generateMeshConfig(m).text).spec.meshConfig.extensionProviders[0];
    expect(provider.opentelemetry.service).toBe(`${entry!.metadata.namespace}/${entry!.spec.hosts[0]}`);
    expect(entry!.metadata.namespace).toBe('mesh-root');
  });
});

describe('the cluster domain (item 4)', () => {
  it('is part of the telemetry-ingest host istiod looks up', () => {
    const m = operatorSaas({ istio: { clusterDomain: 'corp.example' } });
    const provider = read(generateMeshConfig(m).text).spec.meshConfig.extensionProviders[0];
    expect(provider.opentelemetry.service).toBe('dynakube-telemetry-ingest.dynatrace.svc.corp.example');
    expect(commands(m)).toContain('--fqdn dynakube-telemetry-ingest.dynatrace.svc.corp.example');
  });

  it('is validated as a DNS name', () => {
    expect(issuesOf({ istio: { clusterDomain: 'Cluster Local' } }).map((i) => i.path)).toEqual(['istio.clusterDomain']);
    expect(issuesOf({ istio: { clusterDomain: 'svc.cluster.local' } })[0]?.message).toMatch(/without svc\./);
    expect(issuesOf({ istio: { clusterDomain: '' } }).map((i) => i.path)).toEqual(['istio.clusterDomain']);
    expect(issuesOf({ istio: { clusterDomain: 'k8s.corp.example' } })).toEqual([]);
  });
});

describe('every generated bundle on a revisioned mesh', () => {
  it('never names the default control plane', () => {
    const bundle = generateBundle(
      model({
        istio: { rootNamespace: 'root', istiodNamespace: 'cp', revision: 'blue' },
        telemetry: { namespace: 'root' },
        output: { meshConfigFormat: 'configmap' },
      }),
    );
    if (bundle.blocked) throw new Error('unexpected blocker');
    const text = bundle.files.map((f) => f.content).join('\n');
    expect(text).not.toMatch(/istio-system|name: istio$|deploy\/istiod /m);
  });
});

describe('restarts (item 6)', () => {
  it('are opt-in advice that says when they are needed, not a step of the setup', () => {
    const m = operatorSaas();
    const [restart] = generateVerification(m).restart;
    expect(restart!.title).toMatch(/only if needed/);
    expect(restart!.description).toMatch(/Not needed for tracing itself/);
    expect(restart!.description).toMatch(/metadata enrichment/);
    const finding = findRequirements(m).find((f) => f.id === 'restart-pods')!;
    expect(finding.message).not.toMatch(/only when their pods start/);
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error('unexpected blocker');
    const script = bundle.files.find((f) => f.name === 'apply.sh')!.content;
    expect(script).toContain('if [ "${RESTART:-0}" = "1" ]; then');
    expect(script).toMatch(/No restart needed/);
    for (const row of generateVerification(m).troubleshooting) expect(row.fix).not.toMatch(/restart/i);
  });
});

describe('troubleshooting rows that match the source (items 7, 8, 9)', () => {
  const row = (m: Parameters<typeof generateVerification>[0], symptom: RegExp) =>
    generateVerification(m).troubleshooting.find((r) => symptom.test(r.symptom))!;

  it('503s: lowering the configured rate does nothing while the sampler fetches its rate', () => {
    const r = row(operatorSaas(), /503/);
    expect(r.fix).not.toMatch(/^Lower root spans/);
    expect(r.fix).toMatch(/only when fetching fails/);
    expect(r.cause).toMatch(/every request consults the sampler/);
    const finding = findRequirements(operatorSaas()).find((f) => f.id === 'sampler-forces-full-sampling')!;
    expect(finding.fix).not.toMatch(/lower root spans per minute/i);
  });

  it('“Stopped to query” is expected in the default Operator mode, with no token check to run', () => {
    const r = row(operatorSaas(), /Stopped to query/);
    expect(r.cause).toMatch(/Expected in this mode/);
    expect(r.fix).not.toMatch(/token/);
    const tenant = row(standalone('managed'), /Stopped to query/);
    expect(tenant.fix).toMatch(/token check/);
  });

  it('“found invalid extension provider” is a warning: istiod keeps the provider', () => {
    const r = row(operatorSaas(), /invalid extension provider/);
    expect(r.cause).toMatch(/keeps the provider/);
    expect(r.cause).not.toMatch(/ignores the provider/);
  });
});

describe('Operator-side advice (items 11, 12, 13)', () => {
  it('warns when the tenant ServiceEntry for the sampler meets enableIstio in Operator mode', () => {
    const clash = operatorSaas({
      operator: { enableIstio: true },
      provider: { samplerFromTenant: true },
      token: { storage: 'istiod-env' },
    });
    expect(findRequirements(clash).map((f) => f.id)).toContain('operator-sampler-enable-istio');
    const fine = operatorSaas({ operator: { enableIstio: true } });
    expect(findRequirements(fine).map((f) => f.id)).not.toContain('operator-sampler-enable-istio');
  });

  it('lists everything the Operator’s validation needs to enable telemetry ingest', () => {
    const blocked = findRequirements(operatorSaas({ operator: { telemetryIngestEnabled: false } })).find(
      (f) => f.id === 'telemetry-ingest-disabled',
    )!;
    for (const part of [
      'otlp',
      'spec.templates.otelCollector.imageRef',
      '-extension-controller',
      '-activegate',
      '-webhook',
    ])
      expect(blocked.fix).toContain(part);
  });

  it('refuses every service-name suffix the Operator refuses', () => {
    for (const name of ['x-telemetry-ingest', 'x-extension-controller', 'x-activegate', 'x-webhook']) {
      expect(issuesOf({ operator: { serviceName: name } }).map((i) => i.path)).toEqual(['operator.serviceName']);
    }
    expect(issuesOf({ operator: { serviceName: 'telemetry-ingest' } })).toEqual([]);
  });

  it('finds the ingest service by the Operator’s real component labels, old and new', () => {
    expect(REQUIREMENT_COMMANDS.ingestService).toContain('dynatrace-otel-collector');
    expect(REQUIREMENT_COMMANDS.ingestService).toContain('dynatrace-opentelemetry-collector');
    expect(REQUIREMENT_COMMANDS.istiod).toBe('kubectl get pods -A -l app=istiod -L istio.io/rev');
  });

  it('does not promise Full-Stack coverage to Application-Observability-only deployments', () => {
    const finding = findRequirements(operatorSaas({ provider: { sampler: false } })).find(
      (f) => f.id === 'licensing-custom-traces',
    )!;
    expect(finding.message).toMatch(/Application-Observability-only/);
    expect(finding.message).not.toMatch(/rather than being included in Full-Stack/);
  });
});
