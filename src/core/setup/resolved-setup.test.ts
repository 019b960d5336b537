import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { model } from '../__fixtures__/models';
import { generateBundle } from '../generate/bundle';
import type { Model } from '../model';
import { diagnose } from '../verify/diagnose';
import { tracePathOf } from '../verify/trace-path';
import { resolveSetup } from './resolved-setup';

/*
 * One answer to "which istiod, which ConfigMap, which proxy, which namespace" for the files, the verify checklist
 * (its "paste the output of …" commands), the apply and check steps, and the trace path. The matrix below is the
 * held-out one of generate/matrix.test.ts plus the Sail format and the ambient waypoint setups; the expected names are
 * written here from Istio's rules, not read from the code under test.
 */

const MODES = ['operator', 'standalone'] as const;
const KINDS = ['saas', 'managed'] as const;
const FORMATS = ['istio-operator', 'helm', 'configmap', 'sail'] as const;
const MESHES = {
  default: {},
  'custom root namespace': { rootNamespace: 'mesh-root' },
  'custom istiod namespace': { istiodNamespace: 'istio-cp' },
  revision: { revision: '1-24-3' },
} as const;
const SCOPES = ['mesh-wide', 'namespace', 'selector', 'waypoint'] as const;

interface Case {
  name: string;
  model: Model;
  expected: {
    istiodNamespace: string;
    configMap: string;
    istiod: string;
    telemetryNamespace: string;
    proxy: string;
    proxyNamespace: string;
  };
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const mode of MODES)
    for (const kind of KINDS)
      for (const format of FORMATS)
        for (const [meshName, mesh] of Object.entries(MESHES))
          for (const scope of SCOPES) {
            const istio: Record<string, string> = { ...mesh };
            const root = istio.rootNamespace ?? 'istio-system';
            const istiodNamespace = istio.istiodNamespace ?? 'istio-system';
            const revision = istio.revision ?? '';
            const waypoint = scope === 'waypoint';
            const m = model({
              mode,
              istio: {
                version: '1.28.1',
                ...istio,
                ...(waypoint ? { ambient: true, ambientTracing: 'waypoints' } : {}),
              },
              dynatrace: { environmentKind: kind, host: kind === 'saas' ? '' : 'dynatrace.example.com' },
              token: mode === 'standalone' ? { storage: 'istiod-env' } : {},
              telemetry:
                scope === 'mesh-wide'
                  ? { namespace: root }
                  : scope === 'namespace'
                    ? { namespace: 'shop' }
                    : scope === 'selector'
                      ? { namespace: 'shop', selector: [{ key: 'app', value: 'checkout' }] }
                      : { namespace: root, waypoint: { name: 'waypoint', namespace: 'shop' } },
              output: { meshConfigFormat: format },
            });
            all.push({
              name: `${mode} ${kind} ${format} ${meshName} ${scope}`,
              model: m,
              expected: {
                istiodNamespace,
                configMap: revision === '' ? 'istio' : `istio-${revision}`,
                istiod: revision === '' ? 'deploy/istiod' : `deploy/istiod-${revision}`,
                telemetryNamespace: scope === 'mesh-wide' ? root : 'shop',
                proxy: waypoint ? 'deploy/waypoint' : 'deploy/<your-app>',
                proxyNamespace: scope === 'mesh-wide' ? '<namespace>' : 'shop',
              },
            });
          }
  return all;
}

type Doc = Record<string, any>;

describe('the files, the checks and the trace path name the same objects', () => {
  it.each(cases().map((c) => [c.name, c] as const))('%s', (_name, { model: m, expected }) => {
    const setup = resolveSetup(m);
    expect(setup.controlPlane.istiodNamespace).toBe(expected.istiodNamespace);
    expect(setup.controlPlane.meshConfigMapName).toBe(expected.configMap);
    expect(setup.controlPlane.istiodResource).toBe(expected.istiod);
    expect(setup.telemetry.namespace).toBe(expected.telemetryNamespace);
    expect(setup.dataPlane.proxyUnderTest.target).toBe(expected.proxy);
    expect(setup.dataPlane.proxyUnderTest.namespace).toBe(expected.proxyNamespace);

    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error(`blocked: ${JSON.stringify(bundle.findings)}`);

    // The files.
    const telemetry = parse(bundle.telemetry.text, { version: '1.1' }) as Doc;
    expect(telemetry.metadata.namespace).toBe(expected.telemetryNamespace);
    if (m.output.meshConfigFormat === 'configmap') {
      const configMap = parse(bundle.meshConfig.text, { version: '1.1' }) as Doc;
      expect(configMap.metadata).toEqual({ name: expected.configMap, namespace: expected.istiodNamespace });
    }
    const provider = bundle.meshConfig.meshConfig.extensionProviders[0]!.opentelemetry;
    expect(provider.service.split('/').pop()).toBe(setup.endpoints.collectorHost);
    if (bundle.serviceEntry.needed) {
      for (const doc of parseAllDocuments(bundle.serviceEntry.text)) {
        expect((doc.toJS() as Doc).metadata.namespace).toBe(setup.endpoints.serviceEntryNamespace);
      }
      expect(provider.service.split('/')[0]).toBe(setup.endpoints.serviceEntryNamespace);
    }

    // The apply and check steps.
    const { apply, checks } = bundle.verification;
    expect(apply.find((step) => step.id === 'telemetry')?.command).toContain(`-n ${expected.telemetryNamespace} `);
    const proxyTarget = `${expected.proxy} -n ${expected.proxyNamespace}`;
    for (const id of ['proxy-cluster', 'proxy-tracer']) {
      expect(checks.find((step) => step.id === id)?.command).toContain(proxyTarget);
    }
    expect(checks.find((step) => step.id === 'mesh-config-loaded')?.command).toContain(
      `-n ${expected.istiodNamespace} get configmap ${expected.configMap} `,
    );
    expect(checks.find((step) => step.id === 'istiod-log')?.command).toContain(
      `-n ${expected.istiodNamespace} logs ${expected.istiod} `,
    );

    // The verify checklist: what it asks the user to paste.
    const items = diagnose([], m).items;
    const commandOf = (id: string) => items.find((item) => item.id === id)?.command ?? '';
    expect(commandOf('mesh.provider')).toBe(
      `kubectl -n ${expected.istiodNamespace} get configmap ${expected.configMap} -o yaml`,
    );
    expect(commandOf('istiod.log')).toContain(`-n ${expected.istiodNamespace} logs ${expected.istiod} `);
    expect(commandOf('proxy.cluster')).toContain(proxyTarget);
    expect(commandOf('proxy.tracer')).toContain(proxyTarget);
    expect(commandOf('proxy.log')).toContain(`-n ${expected.proxyNamespace} logs ${expected.proxy} `);

    // The trace path.
    const path = tracePathOf(m);
    const first = path.spans[0]!;
    expect(first.details.join(' | ')).toContain(`Telemetry in ${expected.telemetryNamespace}`);
    if (setup.dataPlane.waypoint) expect(first.details.join(' | ')).toContain('waypoint waypoint in shop');
    const egress = path.spans.find((hop) => hop.id === 'egress');
    if (m.mode === 'standalone')
      expect(egress?.details).toContain(`namespace ${setup.endpoints.serviceEntryNamespace}`);
    const collector = path.spans.find((hop) => hop.id === 'collector');
    if (m.mode === 'operator') expect(collector?.details.join(' ')).toContain(setup.endpoints.collectorHost);
  });
});

describe('the resolved setup', () => {
  it('is computed once per model', () => {
    const m = model();
    expect(resolveSetup(m)).toBe(resolveSetup(m));
    expect(resolveSetup({ ...m })).not.toBe(resolveSetup(m));
  });

  it('needs no token and no TLS from the mesh in Operator mode without the tenant', () => {
    const setup = resolveSetup(model({ mode: 'operator' }));
    expect(setup.token).toEqual({ needed: false, storage: 'none' });
    expect(setup.tls).toEqual({ kind: 'in-cluster', rules: [], carriers: [] });
    expect(setup.endpoints.reachesTenant).toBe(false);
    expect(setup.endpoints.tenant).toBeUndefined();
    expect(setup.endpoints.serviceEntryNamespace).toBeUndefined();
    expect(setup.endpoints.collectorCluster).toBe(
      'outbound|4318||dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
    // Without http_service the sampler asks the exporter's host, which the collector answers with 404 (expected).
    expect(setup.endpoints.sampler).toEqual({
      host: 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
      cluster: 'outbound|4318||dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
      path: '/api/v2/samplingConfiguration',
      ownEndpoint: false,
    });
  });

  it('sends the sampler of an Operator setup to the tenant when it fetches its rate from there', () => {
    const setup = resolveSetup(model({ mode: 'operator', provider: { samplerFromTenant: true } }));
    expect(setup.endpoints.sampler).toEqual({
      host: 'abc12345.live.dynatrace.com',
      cluster: 'outbound|80||abc12345.live.dynatrace.com',
      path: '/api/v2/samplingConfiguration',
      ownEndpoint: true,
    });
    expect(setup.token.needed).toBe(true);
    expect(setup.endpoints.serviceEntryNamespace).toBe('istio-system');
  });

  it('keeps the token in istiod’s Secret in istiod’s namespace, and names the CA file for a private CA', () => {
    const setup = resolveSetup(
      model({
        mode: 'standalone',
        istio: { version: '1.27.0', istiodNamespace: 'istio-cp' },
        dynatrace: {
          environmentKind: 'managed',
          host: 'dt.example.com',
          tls: 'ca-certificates',
          caNamespaces: 'shop',
        },
        token: { storage: 'istiod-env' },
      }),
    );
    expect(setup.token).toEqual({
      needed: true,
      storage: 'istiod-env',
      envName: 'DYNATRACE_API_TOKEN',
      secretName: 'dynatrace-otel-token',
      secretNamespace: 'istio-cp',
    });
    expect(setup.tls).toMatchObject({
      kind: 'ca-certificates',
      caFile: '/etc/dynatrace-ca/ca.crt',
      secretName: 'dynatrace-ca',
    });
    expect(Object.keys(setup.tls.kind === 'ca-certificates' ? setup.tls.podAnnotations : {})).toEqual([
      'sidecar.istio.io/userVolume',
      'sidecar.istio.io/userVolumeMount',
    ]);
    expect(setup.endpoints.sampler?.path).toBe('/e/abc12345/api/v2/samplingConfiguration');
    expect(setup.endpoints.trace.path).toBe('/e/abc12345/api/v2/otlp/v1/traces');
  });

  it('never calls a SaaS tenant private-CA, whatever the hidden TLS field says', () => {
    const setup = resolveSetup(
      model({ mode: 'standalone', dynatrace: { tls: 'ca-certificates' }, token: { storage: 'istiod-env' } }),
    );
    expect(setup.tls.kind).toBe('public');
    expect(setup.tls.rules.map((rule) => rule.tls)).toEqual([{ mode: 'SIMPLE' }]);
  });

  it('describes what each install format replaces', () => {
    const replaces = (format: 'istio-operator' | 'helm' | 'configmap' | 'sail') =>
      resolveSetup(model({ output: { meshConfigFormat: format } })).controlPlane.install.replaces;
    expect(replaces('istio-operator')).toMatch(/whole installation/);
    expect(replaces('helm')).toMatch(/lists/);
    expect(replaces('configmap')).toMatch(/ConfigMap istio$/);
    expect(replaces('sail')).toMatch(/lists it sets in spec\.values/);
    const sail = resolveSetup(model({ output: { meshConfigFormat: 'sail' }, istio: { sailName: 'mesh-a' } }));
    expect(sail.controlPlane.install.command).toBe(
      'kubectl patch istio mesh-a --type merge --patch-file meshconfig.yaml',
    );
    expect(sail.controlPlane.install.keeps).toMatch(/spec\.version, spec\.updateStrategy, spec\.profile/);
  });

  it('reads the waypoint, never a sidecar, when tracing at a named waypoint; a placeholder when none is named', () => {
    const named = resolveSetup(
      model({
        istio: { ambient: true, ambientTracing: 'waypoints' },
        telemetry: { waypoint: { name: 'wp', namespace: 'shop' } },
      }),
    );
    expect(named.dataPlane).toMatchObject({ kind: 'waypoints', waypoint: { name: 'wp', namespace: 'shop' } });
    expect(named.dataPlane.proxyUnderTest).toMatchObject({
      target: 'deploy/wp',
      namespace: 'shop',
      placeholder: false,
    });
    expect(named.telemetry).toMatchObject({ scope: 'waypoint', namespace: 'shop' });
    const unnamed = resolveSetup(model({ istio: { ambient: true, ambientTracing: 'waypoints' } }));
    expect(unnamed.dataPlane.waypoint).toBeUndefined();
    expect(unnamed.dataPlane.proxyUnderTest).toMatchObject({ target: 'deploy/<waypoint>', placeholder: true });
    expect(unnamed.telemetry.scope).toBe('mesh');
    const sidecars = resolveSetup(model({ telemetry: { namespace: 'shop' } }));
    expect(sidecars.dataPlane).toMatchObject({ kind: 'sidecars' });
    expect(sidecars.dataPlane.waypoint).toBeUndefined();
  });

  it('restarts one namespace, or every namespace this control plane injects', () => {
    expect(resolveSetup(model({ telemetry: { namespace: 'shop' } })).restart.command).toBe(
      'kubectl rollout restart deployment -n shop',
    );
    const revisioned = resolveSetup(model({ istio: { revision: 'canary' } })).restart;
    expect(revisioned.command).toContain('-l istio.io/rev=canary ');
    expect(revisioned.command).not.toContain('istio-injection=enabled');
    expect(revisioned.scope).toContain('istio.io/rev=canary');
  });
});
