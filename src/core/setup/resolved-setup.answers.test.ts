import { describe, expect, it } from 'vitest';
import { model, standalone } from '../__fixtures__/models';
import { AMBIENT_COMMANDS } from '../ambient-findings';
import { generateMeshConfig } from '../generate/mesh-config';
import { outboundClusterName, resolveSetup } from './resolved-setup';

/*
 * Each answer of the resolved setup, with the sentence the user reads where it carries a fact, and what must not
 * be answered (no token for the in-cluster collector, no profile line for a sidecar mesh, …). Sources beside the
 * code in resolved-setup.ts (istio/istio tags named there; facts §12).
 */

const ambientWaypoints = { ambient: true, ambientTracing: 'waypoints' } as const;

describe('the Istio version', () => {
  it('is trimmed and parsed; ambient as given', () => {
    const setup = resolveSetup(model({ istio: { version: ' 1.28.1 ', ...ambientWaypoints } }));
    expect(setup.istio).toEqual({ version: '1.28.1', parsed: { major: 1, minor: 28, patch: 1 }, ambient: true });
    expect(resolveSetup(model({ istio: { version: '1.28.1' } })).istio.ambient).toBe(false);
  });

  it('a hand-made model (not through the schema, which trims and refuses): trimmed here; unreadable: no parsed version', () => {
    const base = model();
    const padded = resolveSetup({ ...base, istio: { ...base.istio, version: ' 1.28.1 ' } });
    expect(padded.istio).toEqual({ version: '1.28.1', parsed: { major: 1, minor: 28, patch: 1 }, ambient: false });
    const unreadable = resolveSetup({ ...base, istio: { ...base.istio, version: 'main' } });
    expect(unreadable.istio).toEqual({ version: 'main', ambient: false });
  });
});

describe('the control plane', () => {
  it('names istiod, its ConfigMap, its Helm release and the injection labels, without a revision', () => {
    const { install, ...controlPlane } = resolveSetup(model()).controlPlane;
    expect(controlPlane).toEqual({
      istiodNamespace: 'istio-system',
      revision: '',
      meshConfigMapName: 'istio',
      istiodDeployment: 'istiod',
      istiodResource: 'deploy/istiod',
      helmRelease: 'istiod',
      rootNamespace: 'istio-system',
      clusterDomain: 'cluster.local',
      injectionLabels: ['istio-injection=enabled', 'istio.io/rev=default'],
      sailName: 'default',
    });
    expect(install.format).toBe('istio-operator');
  });

  it('with a revision, every name carries it', () => {
    const controlPlane = resolveSetup(
      model({ istio: { revision: 'canary', clusterDomain: 'corp.local' } }),
    ).controlPlane;
    expect(controlPlane).toMatchObject({
      revision: 'canary',
      meshConfigMapName: 'istio-canary',
      istiodResource: 'deploy/istiod-canary',
      helmRelease: 'istiod-canary',
      clusterDomain: 'corp.local',
      injectionLabels: ['istio.io/rev=canary'],
    });
  });
});

describe('the install path: what applying the mesh config file does', () => {
  const install = (patch: Parameters<typeof model>[0]) => resolveSetup(model(patch)).controlPlane.install;

  it('IstioOperator: replaces the whole installation, keeps only what the file names', () => {
    expect(install({ output: { meshConfigFormat: 'istio-operator' } })).toEqual({
      format: 'istio-operator',
      command: 'istioctl install -f meshconfig.yaml',
      replaces:
        'the whole installation: every install option and component not in the file is reset to its default or removed',
      keeps:
        'what the file names: the ambient profile (ztunnel, CNI) when the mesh is ambient, the revision and a custom root namespace; nothing else',
      restarts:
        'istiod (deploy/istiod) and any component whose settings differ from the file; an istioctl of another version upgrades or downgrades the control plane',
      keepsInFile: {},
    });
    expect(
      install({
        output: { meshConfigFormat: 'istio-operator' },
        istio: { ambient: true, revision: 'canary', rootNamespace: 'mesh-root' },
      }).keepsInFile,
    ).toEqual({ profile: 'ambient', rootNamespace: 'mesh-root', revision: 'canary' });
  });

  it('writes the root namespace unless both the chart and the ConfigMap defaults give it (istio-system twice)', () => {
    const keeps = (istio: Record<string, string>) =>
      install({ output: { meshConfigFormat: 'configmap' }, istio }).keepsInFile;
    expect(keeps({})).toEqual({});
    // The chart would default it to istiod's namespace, istio-cp: istio-system must be written.
    expect(keeps({ istiodNamespace: 'istio-cp' })).toEqual({ rootNamespace: 'istio-system' });
    expect(keeps({ rootNamespace: 'istio-cp', istiodNamespace: 'istio-cp' })).toEqual({ rootNamespace: 'istio-cp' });
    expect(keeps({ rootNamespace: 'mesh-root' })).toEqual({ rootNamespace: 'mesh-root' });
  });

  it('Helm: replaces the lists it sets; istiod restarts only when its environment changes', () => {
    expect(install({ output: { meshConfigFormat: 'helm' } })).toEqual({
      format: 'helm',
      command: 'helm upgrade istiod istio/istiod --reuse-values -f meshconfig.yaml',
      replaces:
        'the lists it sets (meshConfig.extensionProviders, and envVarFrom when the token is in a Secret); other values are kept',
      keeps: 'every other value of the release (maps are merged) and the chart version it runs (pinned by apply.sh)',
      restarts: 'nothing: istiod reads the mesh config within seconds and pushes it to the proxies',
      keepsInFile: {},
    });
    const revisioned = install({
      output: { meshConfigFormat: 'helm' },
      istio: { revision: 'canary', rootNamespace: 'r' },
    });
    expect(revisioned.command).toBe('helm upgrade istiod-canary istio/istiod --reuse-values -f meshconfig.yaml');
    expect(revisioned.keepsInFile).toEqual({ revision: 'canary' });
    expect(
      resolveSetup(standalone('saas', { output: { meshConfigFormat: 'helm' }, token: { storage: 'istiod-env' } }))
        .controlPlane.install.restarts,
    ).toBe('istiod (deploy/istiod) restarts because its environment changes; proxies keep running');
    expect(install({ output: { meshConfigFormat: 'helm' }, istio: { nativeSidecars: 'off-istiod' } }).restarts).toBe(
      'istiod (deploy/istiod) restarts because its environment changes; proxies keep running',
    );
    expect(
      install({ output: { meshConfigFormat: 'helm' }, istio: { nativeSidecars: 'off-workloads' } }).restarts,
    ).toMatch(/^nothing:/);
  });

  it('Operator mode without the tenant: no token variable in the file, so no istiod restart is announced', () => {
    // The token storage resolves to istiod-env here, but the mesh never sends the token (resolveToken).
    for (const format of ['helm', 'sail'] as const) {
      const m = model({ mode: 'operator', output: { meshConfigFormat: format } });
      expect(m.token.storage).toBe('istiod-env');
      expect(generateMeshConfig(m).text).not.toContain('envVarFrom');
      expect(resolveSetup(m).controlPlane.install.restarts).toMatch(/^nothing: /);
      expect(resolveSetup(m).controlPlane.install.restarts).not.toContain('environment changes');
    }
    // Standalone with the token written inline: the mesh reaches the tenant, but istiod's environment is unchanged.
    const inline = standalone('saas', { output: { meshConfigFormat: 'helm' } });
    expect(resolveSetup(inline).token).toEqual({ needed: true, storage: 'inline' });
    expect(resolveSetup(inline).controlPlane.install.restarts).toMatch(/^nothing: /);
    // With the tenant (the sampler asks it for its rate) the token is in istiod's environment again.
    const toTenant = model({
      mode: 'operator',
      provider: { samplerFromTenant: true },
      output: { meshConfigFormat: 'helm' },
    });
    expect(generateMeshConfig(toTenant).text).toContain('envVarFrom');
    expect(resolveSetup(toTenant).controlPlane.install.restarts).toBe(
      'istiod (deploy/istiod) restarts because its environment changes; proxies keep running',
    );
  });

  it('ConfigMap: replaces the whole mesh config of the ConfigMap; nothing restarts', () => {
    expect(install({ output: { meshConfigFormat: 'configmap' }, istio: { revision: 'canary' } })).toEqual({
      format: 'configmap',
      command: 'kubectl apply -f meshconfig.yaml',
      replaces: 'the whole mesh config in ConfigMap istio-canary',
      keeps: 'the installation itself; a custom root namespace is written into the mesh config',
      restarts:
        'nothing: istiod reads the ConfigMap within seconds (the next helm upgrade or istioctl install overwrites it)',
      keepsInFile: {},
    });
  });

  it('Sail: a merge patch of the Istio resource; the operator rolls istiod only when its environment changes', () => {
    expect(install({ output: { meshConfigFormat: 'sail' }, istio: { rootNamespace: 'mesh-root' } })).toEqual({
      format: 'sail',
      command: 'kubectl patch istio default --type merge --patch-file meshconfig.yaml',
      replaces:
        'the lists it sets in spec.values of your Istio resource (meshConfig.extensionProviders, and pilot.envVarFrom when the token is in a Secret)',
      keeps: 'spec.version, spec.updateStrategy, spec.profile, spec.namespace and every other value',
      restarts: 'nothing: the operator updates the mesh config and istiod pushes it to the proxies',
      keepsInFile: { rootNamespace: 'mesh-root' },
    });
    expect(install({ output: { meshConfigFormat: 'sail' }, istio: { nativeSidecars: 'off-istiod' } }).restarts).toBe(
      'istiod: the operator rolls it out because its environment changes; proxies keep running',
    );
  });
});

describe('the endpoints', () => {
  it('names the outbound cluster as istiod does', () => {
    expect(outboundClusterName('collector.ns.svc.cluster.local', 4318)).toBe(
      'outbound|4318||collector.ns.svc.cluster.local',
    );
  });

  it('standalone SaaS: the tenant is reached from the root namespace, and the sampler asks the exporter’s host', () => {
    const endpoints = resolveSetup(standalone('saas', { istio: { rootNamespace: 'mesh-root' } })).endpoints;
    expect(endpoints).toMatchObject({
      collectorHost: 'abc12345.live.dynatrace.com',
      collectorPort: 80,
      collectorCluster: 'outbound|80||abc12345.live.dynatrace.com',
      reachesTenant: true,
      serviceEntryNamespace: 'mesh-root',
      tenant: { host: 'abc12345.live.dynatrace.com' },
    });
    expect(endpoints.trace.service).toBe('mesh-root/abc12345.live.dynatrace.com');
    expect(endpoints.sampler).toEqual({
      host: 'abc12345.live.dynatrace.com',
      cluster: 'outbound|80||abc12345.live.dynatrace.com',
      path: '/api/v2/samplingConfiguration',
      ownEndpoint: false,
    });
  });

  it('standalone Managed: the sampler has its own endpoint with the /e/<id> path', () => {
    const endpoints = resolveSetup(standalone('managed')).endpoints;
    expect(endpoints.sampler).toEqual({
      host: 'dynatrace.example.com',
      cluster: 'outbound|80||dynatrace.example.com',
      path: '/e/abc12345/api/v2/samplingConfiguration',
      ownEndpoint: true,
    });
  });

  it('without the sampler there is no sampler endpoint', () => {
    expect(resolveSetup(standalone('managed', { provider: { sampler: false } })).endpoints.sampler).toBeUndefined();
    expect(resolveSetup(model({ mode: 'operator', provider: { sampler: false } })).endpoints.sampler).toBeUndefined();
  });
});

describe('the token and TLS', () => {
  it('keeps the token inline when asked, and never for the in-cluster collector', () => {
    expect(resolveSetup(standalone('saas')).token).toEqual({ needed: true, storage: 'inline' });
    expect(resolveSetup(model({ mode: 'operator', token: { storage: 'istiod-env' } })).token).toEqual({
      needed: false,
      storage: 'none',
    });
  });

  it('a Managed tenant: public, or skip-verify, as chosen; one root-namespace rule for every proxy, no CA to carry', () => {
    const rootRule = (tls: Record<string, unknown>) => ({
      name: 'dynatrace-dr-otel',
      namespace: 'istio-system',
      tls,
      reaches: 'all',
      description: 'every proxy of the mesh (sidecars, gateways, waypoints) that has no rule of its own for the host',
    });
    expect(resolveSetup(standalone('managed', { dynatrace: { tls: 'public' } })).tls).toEqual({
      kind: 'public',
      rules: [rootRule({ mode: 'SIMPLE' })],
      carriers: [],
    });
    expect(resolveSetup(standalone('managed', { dynatrace: { tls: 'insecure-skip-verify' } })).tls).toEqual({
      kind: 'insecure-skip-verify',
      rules: [rootRule({ mode: 'SIMPLE', insecureSkipVerify: true })],
      carriers: [],
    });
  });
});

describe('the data plane: which proxy the checks read', () => {
  it('sidecars in a namespace: any workload there', () => {
    expect(resolveSetup(model({ telemetry: { namespace: 'shop' } })).dataPlane).toEqual({
      kind: 'sidecars',
      proxyUnderTest: {
        target: 'deploy/<your-app>',
        namespace: 'shop',
        hint: 'Replace <your-app> with a traced workload in shop.',
        placeholder: true,
      },
      tracingProxies: 'the sidecars (and gateways) of the traced workloads',
    });
  });

  it('sidecars mesh-wide: any traced workload in any namespace', () => {
    expect(resolveSetup(model()).dataPlane.proxyUnderTest).toEqual({
      target: 'deploy/<your-app>',
      namespace: '<namespace>',
      hint: 'Replace <your-app> and <namespace> with a traced workload.',
      placeholder: true,
    });
  });

  it('a named waypoint: that waypoint; waypoints without a name: one the user picks from the list', () => {
    const named = resolveSetup(
      model({ istio: ambientWaypoints, telemetry: { waypoint: { name: 'wp', namespace: 'shop' } } }),
    ).dataPlane;
    expect(named).toEqual({
      kind: 'waypoints',
      waypoint: { name: 'wp', namespace: 'shop' },
      proxyUnderTest: {
        target: 'deploy/wp',
        namespace: 'shop',
        hint: 'Reads the waypoint shop/wp.',
        placeholder: false,
      },
      tracingProxies: 'the waypoint shop/wp',
    });
    expect(resolveSetup(model({ istio: ambientWaypoints })).dataPlane).toEqual({
      kind: 'waypoints',
      proxyUnderTest: {
        target: 'deploy/<waypoint>',
        namespace: '<namespace>',
        hint: `Replace <waypoint> and <namespace> with a waypoint from ${AMBIENT_COMMANDS.listWaypoints}.`,
        placeholder: true,
      },
      tracingProxies: 'the waypoints (and gateways) of the ambient mesh',
    });
  });

  it('an ambient mesh tracing at sidecars reads sidecars, never a waypoint, even with a waypoint filled in', () => {
    const setup = resolveSetup(
      model({
        istio: { ambient: true, ambientTracing: 'sidecar' },
        telemetry: { waypoint: { name: 'wp', namespace: 'shop' } },
      }),
    );
    expect(setup.dataPlane.kind).toBe('sidecars');
    expect(setup.telemetry.scope).not.toBe('waypoint');
  });
});

describe('the Telemetry placement', () => {
  it('a selector: its labels and the sentence naming them', () => {
    expect(
      resolveSetup(
        model({
          telemetry: {
            namespace: 'shop',
            selector: [
              { key: 'app', value: 'cart' },
              { key: 'tier', value: 'web' },
            ],
          },
        }),
      ).telemetry,
    ).toEqual({
      namespace: 'shop',
      scope: 'selector',
      matchLabels: { app: 'cart', tier: 'web' },
      description: 'Turns tracing on for the pods labelled app=cart, tier=web in shop only.',
    });
  });

  it('the root namespace is the whole mesh; another namespace is that namespace', () => {
    expect(
      resolveSetup(model({ istio: { rootNamespace: 'mesh-root' }, telemetry: { namespace: 'mesh-root' } })).telemetry,
    ).toEqual({
      namespace: 'mesh-root',
      scope: 'mesh',
      matchLabels: {},
      description: 'Turns tracing on for the whole mesh.',
    });
    expect(
      resolveSetup(model({ telemetry: { namespace: 'istio-system' }, istio: { rootNamespace: 'mesh-root' } }))
        .telemetry,
    ).toEqual({
      namespace: 'istio-system',
      scope: 'namespace',
      matchLabels: {},
      description: 'Turns tracing on for workloads in istio-system.',
    });
  });

  it('a waypoint: in the waypoint’s namespace, whatever namespace was chosen', () => {
    expect(
      resolveSetup(
        model({
          istio: ambientWaypoints,
          telemetry: { namespace: 'other', waypoint: { name: 'wp', namespace: 'shop' } },
        }),
      ).telemetry,
    ).toEqual({
      namespace: 'shop',
      scope: 'waypoint',
      matchLabels: {},
      waypoint: { name: 'wp', namespace: 'shop' },
      description: 'Turns tracing on at the waypoint shop/wp.',
    });
  });
});

describe('the restart advice', () => {
  it('one namespace: its deployments', () => {
    expect(resolveSetup(model({ telemetry: { namespace: 'shop' } })).restart).toEqual({
      namespacesWords: 'shop',
      command: 'kubectl rollout restart deployment -n shop',
      scope: 'the deployments in shop',
    });
  });

  it('mesh-wide: every namespace this control plane injects, each label looked up', () => {
    const words =
      "$(kubectl get namespaces -l istio-injection=enabled -o jsonpath='{.items[*].metadata.name}') " +
      "$(kubectl get namespaces -l istio.io/rev=default -o jsonpath='{.items[*].metadata.name}')";
    expect(resolveSetup(model()).restart).toEqual({
      namespacesWords: words,
      command: `for ns in ${words}; do kubectl rollout restart deployment -n "$ns"; done`,
      scope:
        'the deployments in every namespace labelled istio-injection=enabled or istio.io/rev=default; restart StatefulSets and DaemonSets the same way',
    });
  });
});
