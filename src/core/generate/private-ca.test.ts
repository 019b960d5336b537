import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { defaultModel, withDefaults } from '../defaults';
import { validateModel, type Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { generateBundle } from './bundle';
import { generateServiceEntry } from './service-entry';
import { applySteps, checkSteps } from './verification';

/*
 * Which proxies take which DestinationRule with a private CA (private-ca.ts has the istiod rules and their sources).
 * The model of istiod's choice below restates pilot/pkg/model/push_context.go destinationRule and sidecar.go
 * SidecarScope.DestinationRule (1.22.0 … 1.31.0-rc.0): own namespace (every rule there), then the Service's namespace
 * (exported rules), then the root namespace (exported rules); selector rules only for matching pods of their own
 * namespace, else the namespace's selector-less rule, else none.
 */

type Doc = Record<string, any>;

function documents(m: Model): Doc[] {
  const result = generateServiceEntry(m);
  if (!result.needed) throw new Error('expected a ServiceEntry');
  const docs = parseAllDocuments(result.text, { version: '1.1' }).map((d) => d.toJS() as Doc);
  for (const doc of docs) validateIstioResource(doc);
  return docs;
}

const rules = (m: Model) => documents(m).filter((doc) => doc.kind === 'DestinationRule');

interface Proxy {
  namespace: string;
  labels: Record<string, string>;
  sidecar: boolean;
}

/** The rule istiod gives this proxy for the tenant's host, or undefined. */
function ruleFor(proxy: Proxy, drs: Doc[], root: string, serviceNamespace: string): Doc | undefined {
  const exported = (dr: Doc) => !dr.spec.workloadSelector && !(dr.spec.exportTo ?? []).includes('.');
  const exportedTo = (dr: Doc) => exported(dr) || dr.metadata.namespace === proxy.namespace;
  const levels: Doc[][] = [
    // 1. the proxy's namespace: every rule there (the root namespace's proxies: its private ones first, as istiod).
    drs.filter((dr) => dr.metadata.namespace === proxy.namespace),
    drs.filter((dr) => dr.metadata.namespace === serviceNamespace && exported(dr)),
    drs.filter((dr) => dr.metadata.namespace === root && exportedTo(dr)),
  ];
  const found = levels.find((level) => level.length > 0) ?? [];
  const matches = (dr: Doc) =>
    Object.entries((dr.spec.workloadSelector?.matchLabels ?? {}) as Record<string, string>).every(
      ([key, value]) => proxy.labels[key] === value,
    );
  const selected = found.find(
    (dr) => dr.spec.workloadSelector && dr.metadata.namespace === proxy.namespace && matches(dr),
  );
  return selected ?? found.find((dr) => !dr.spec.workloadSelector);
}

/** What a proxy does with the rule it gets: verifies, sends nothing, or (the trap) sends plaintext. */
function outcome(proxy: Proxy, rule: Doc | undefined, mounted: boolean): 'verified' | 'nothing' | 'plaintext' {
  if (!rule) return 'nothing'; // plain HTTP to the tenant's HTTPS port: refused
  const tls = rule.spec.trafficPolicy.portLevelSettings[0].tls;
  if (tls.caCertificates) return mounted ? 'verified' : 'nothing';
  const credential: string | undefined = tls.credentialName;
  if (credential && !credential.startsWith('configmap://') && proxy.sidecar && !rule.spec.workloadSelector)
    return 'plaintext';
  return 'verified';
}

const ca = (dynatrace: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  standalone('managed', {
    istio: { version: '1.28.1' },
    dynatrace: { tls: 'ca-certificates', ...dynatrace },
    ...extra,
  });

describe('a private CA in a mounted file', () => {
  const m = ca({ caNamespaces: 'shop, payments', caSelector: [{ key: 'app', value: 'checkout' }] });

  it('golden: one DestinationRule per listed namespace, exportTo ".", the selector, no root-namespace rule', async () => {
    const result = generateServiceEntry(m);
    if (!result.needed) throw new Error('expected files');
    await expect(result.text).toMatchFileSnapshot('__golden__/dt-serviceentry.private-ca-file.yaml');
    const drs = rules(m);
    expect(drs.map((dr) => dr.metadata.namespace)).toEqual(['shop', 'payments']);
    expect(drs.every((dr) => JSON.stringify(dr.spec.exportTo) === '["."]')).toBe(true);
    expect(drs.some((dr) => dr.metadata.namespace === 'istio-system')).toBe(false);
  });

  it('never gives a root-namespace rule a caCertificates file, whatever the namespaces', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { minLength: 1, maxLength: 4 }),
        (names) => {
          const drs = rules(ca({ caNamespaces: names.join(' ') }));
          for (const dr of drs) {
            const tls = dr.spec.trafficPolicy.portLevelSettings[0].tls;
            if (tls.caCertificates) expect(dr.spec.exportTo).toEqual(['.']);
          }
          expect(drs.map((dr) => dr.metadata.namespace).sort()).toEqual([...names].sort());
        },
      ),
    );
  });

  it('takes the Telemetry’s namespace when none is listed, and refuses a mesh-wide Telemetry with none', () => {
    expect(rules(ca({}, { telemetry: { namespace: 'shop' } })).map((dr) => dr.metadata.namespace)).toEqual(['shop']);
    const input = withDefaults(
      {
        mode: 'standalone',
        dynatrace: {
          environmentId: 'abc12345',
          clusterId: '1',
          environmentKind: 'managed',
          host: 'dynatrace.example.com',
          tls: 'ca-certificates',
        },
        token: { value: SAMPLE_TOKEN, storage: 'inline' },
      },
      defaultModel,
    );
    const result = validateModel(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain('dynatrace.caNamespaces');
  });

  it('puts the CA Secrets and the mounts before the rules, and deletes a root-namespace rule of the same name after', () => {
    const steps = applySteps(m);
    const ids = steps.map((step) => step.id);
    expect(ids.indexOf('ca-secret')).toBeLessThan(ids.indexOf('service-entry'));
    expect(ids.indexOf('ca-mount')).toBeLessThan(ids.indexOf('service-entry'));
    const apply = steps.find((step) => step.id === 'service-entry')!.command!;
    // kubectl apply -n X refuses documents of other namespaces.
    expect(apply).toMatch(
      /^kubectl apply -f dt-serviceentry\.yaml && kubectl -n istio-system delete destinationrule dynatrace-dr-otel --ignore-not-found$/,
    );
    expect(steps.find((step) => step.id === 'ca-secret')!.command).toContain('for ns in shop payments;');
  });
});

describe('a private CA from a ConfigMap (Istio 1.26+)', () => {
  const m = ca({ caDelivery: 'configmap' });

  it('golden: one root-namespace rule naming configmap://<root>/<name>, and the ConfigMap before it', async () => {
    const result = generateServiceEntry(m);
    if (!result.needed) throw new Error('expected files');
    await expect(result.text).toMatchFileSnapshot('__golden__/dt-serviceentry.private-ca-configmap.yaml');
    const [dr] = rules(m);
    expect(dr!.metadata.namespace).toBe('istio-system');
    expect(dr!.spec.trafficPolicy.portLevelSettings[0].tls).toEqual({
      mode: 'SIMPLE',
      credentialName: 'configmap://istio-system/dynatrace-ca',
    });
    const steps = applySteps(m);
    const ids = steps.map((step) => step.id);
    expect(ids).not.toContain('ca-mount');
    expect(ids.indexOf('ca-configmap')).toBeLessThan(ids.indexOf('service-entry'));
    const step = steps.find((s) => s.id === 'ca-configmap')!;
    expect(step.command).toBe(
      'kubectl -n istio-system create configmap dynatrace-ca --from-file=cacert="${DYNATRACE_CA_FILE}" --dry-run=client -o yaml | kubectl apply -f -',
    );
    expect(step.description).toMatch(/does not describe it/);
    expect(checkSteps(m).find((c) => c.id === 'ca-configmap-loaded')!.command).toContain(
      'configmap://istio-system/dynatrace-ca-cacert',
    );
  });

  it('is refused before Istio 1.26.0, where istiod has no configmap:// (absent at the 1.25.0 tag)', () => {
    for (const version of ['1.22.0', '1.25.4', '1.25']) {
      const input = withDefaults(
        {
          mode: 'standalone',
          istio: { version },
          dynatrace: {
            environmentId: 'abc12345',
            clusterId: '1',
            environmentKind: 'managed',
            host: 'dynatrace.example.com',
            tls: 'ca-certificates',
            caDelivery: 'configmap',
          },
          token: { value: SAMPLE_TOKEN, storage: 'inline' },
        },
        defaultModel,
      );
      const result = validateModel(input);
      expect(result.ok, version).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain('dynatrace.caDelivery');
    }
    expect(() => ca({ caDelivery: 'configmap' }, { istio: { version: '1.26' } })).not.toThrow();
  });
});

describe('gateways and waypoints with a private CA file', () => {
  it('golden: a Secret-backed rule selecting the gateway, in its namespace, beside the namespaces’ rules', async () => {
    const m = ca({
      caNamespaces: 'shop',
      caGatewayNamespace: 'istio-ingress',
      caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }],
    });
    const result = generateServiceEntry(m);
    if (!result.needed) throw new Error('expected files');
    await expect(result.text).toMatchFileSnapshot('__golden__/dt-serviceentry.private-ca-gateway.yaml');
    const gateway = rules(m).find((dr) => dr.metadata.name === 'dynatrace-dr-otel-gateway')!;
    expect(gateway.metadata.namespace).toBe('istio-ingress');
    expect(gateway.spec.workloadSelector).toEqual({ matchLabels: { istio: 'ingressgateway' } });
    expect(gateway.spec.trafficPolicy.portLevelSettings[0].tls).toEqual({
      mode: 'SIMPLE',
      credentialName: 'dynatrace-ca-credential',
    });
    const steps = applySteps(m);
    const credential = steps.find((s) => s.id === 'ca-credential')!;
    expect(credential.command).toContain(
      'kubectl -n istio-ingress create secret generic dynatrace-ca-credential --from-file=cacert="${DYNATRACE_CA_FILE}"',
    );
    const ids = steps.map((s) => s.id);
    expect(ids.indexOf('ca-credential')).toBeLessThan(ids.indexOf('service-entry'));
  });

  it('refuses gateway labels without the namespace, and a namespace without labels', () => {
    const issues = (dynatrace: Record<string, unknown>) => {
      const result = validateModel(
        withDefaults(
          {
            mode: 'standalone',
            dynatrace: {
              environmentId: 'abc12345',
              clusterId: '1',
              environmentKind: 'managed',
              host: 'dynatrace.example.com',
              tls: 'ca-certificates',
              caNamespaces: 'shop',
              ...dynatrace,
            },
            token: { value: SAMPLE_TOKEN, storage: 'inline' },
          },
          defaultModel,
        ),
      );
      return result.ok ? [] : result.issues.map((issue) => issue.path);
    };
    expect(issues({ caGatewayNamespace: 'istio-ingress' })).toContain('dynatrace.caGatewaySelector');
    expect(issues({ caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }] })).toContain(
      'dynatrace.caGatewayNamespace',
    );
  });

  it('selects a named waypoint by its Gateway label; before Istio 1.25 lets its service account list Secrets', () => {
    const waypoint = (version: string) =>
      ca(
        {},
        {
          istio: { version, ambient: true, ambientTracing: 'waypoints' },
          telemetry: { namespace: 'shop', waypoint: { name: 'waypoint', namespace: 'shop' } },
        },
      );
    const m = waypoint('1.24.3');
    const [dr] = rules(m);
    expect(dr!.metadata).toEqual({ name: 'dynatrace-dr-otel-waypoint', namespace: 'shop' });
    expect(dr!.spec.workloadSelector).toEqual({
      matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' },
    });
    const credential = applySteps(m).find((s) => s.id === 'ca-credential')!;
    expect(credential.command).toContain('--serviceaccount=shop:waypoint');
    expect(applySteps(m).map((s) => s.id)).not.toContain('ca-mount');
    expect(applySteps(waypoint('1.25.0')).find((s) => s.id === 'ca-credential')!.command).not.toContain('rolebinding');
    expect(checkSteps(m).find((c) => c.id === 'ca-credential-loaded')!.command).toContain(
      'kubernetes://dynatrace-ca-credential-cacert',
    );
  });
});

describe('no arrangement leaves a proxy with a rule it cannot use', () => {
  const namespace = fc.constantFrom('shop', 'payments', 'istio-system', 'other', 'istio-ingress');
  const labels = fc.constantFrom<Record<string, string>>({}, { app: 'checkout' });

  it('a sidecar gets a caCertificates rule only in a namespace whose pods the user was told to mount; never plaintext', () => {
    const arrangement = fc.record({
      delivery: fc.constantFrom('file', 'configmap'),
      namespaces: fc.uniqueArray(fc.constantFrom('shop', 'payments', 'istio-system', 'istio-ingress'), {
        minLength: 1,
        maxLength: 3,
      }),
      selector: fc.constantFrom([], [{ key: 'app', value: 'checkout' }]),
      gateway: fc.boolean(),
    });
    fc.assert(
      fc.property(arrangement, fc.array(fc.record({ namespace, labels }), { maxLength: 6 }), (a, pods) => {
        const m = ca({
          caDelivery: a.delivery,
          caNamespaces: a.namespaces.join(', '),
          caSelector: a.selector,
          ...(a.gateway
            ? { caGatewayNamespace: 'istio-ingress', caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }] }
            : {}),
        });
        const setup = resolveSetup(m);
        const drs = rules(m);
        const root = setup.controlPlane.rootNamespace;
        const mounted = new Set(setup.tls.kind === 'ca-certificates' ? setup.tls.mountNamespaces : []);
        const steps = applySteps(m).map((step) => step.id);
        for (const pod of pods) {
          const sidecar = { ...pod, sidecar: true };
          const rule = ruleFor(sidecar, drs, root, setup.endpoints.serviceEntryNamespace!);
          const tls = rule?.spec.trafficPolicy.portLevelSettings[0].tls;
          if (tls?.caCertificates) {
            // Told to mount: the namespace is in the arrangement and apply.sh mounts it before the rule.
            expect(sidecar.sidecar).toBe(true);
            expect(mounted.has(pod.namespace)).toBe(true);
            expect(steps.indexOf('ca-mount')).toBeLessThan(steps.indexOf('service-entry'));
          }
          expect(outcome(sidecar, rule, mounted.has(pod.namespace))).not.toBe('plaintext');
        }
        if (a.gateway || a.delivery === 'configmap') {
          // The gateway the user named verifies with the Secret (or the ConfigMap), never a file.
          const gateway = { namespace: 'istio-ingress', labels: { istio: 'ingressgateway' }, sidecar: false };
          const rule = ruleFor(gateway, drs, root, setup.endpoints.serviceEntryNamespace!);
          expect(rule?.spec.trafficPolicy.portLevelSettings[0].tls.caCertificates).toBeUndefined();
          expect(outcome(gateway, rule, false)).toBe('verified');
        }
      }),
    );
  });

  it('with the ConfigMap every proxy of every namespace verifies, and none is asked for a file', () => {
    const m = ca({ caDelivery: 'configmap' });
    const drs = rules(m);
    for (const ns of ['shop', 'other', 'istio-system', 'istio-ingress']) {
      for (const sidecar of [true, false]) {
        const proxy = { namespace: ns, labels: {}, sidecar };
        const rule = ruleFor(proxy, drs, 'istio-system', 'istio-system');
        expect(outcome(proxy, rule, false)).toBe('verified');
      }
    }
  });

  it('the scoped rules reach the listed namespaces only (what must not happen: a rule for an unlisted one)', () => {
    const m = ca({ caNamespaces: 'shop' });
    const drs = rules(m);
    expect(
      ruleFor({ namespace: 'shop', labels: {}, sidecar: true }, drs, 'istio-system', 'istio-system'),
    ).toBeDefined();
    expect(
      ruleFor({ namespace: 'other', labels: {}, sidecar: true }, drs, 'istio-system', 'istio-system'),
    ).toBeUndefined();
    expect(
      ruleFor({ namespace: 'istio-system', labels: {}, sidecar: true }, drs, 'istio-system', 'istio-system'),
    ).toBeUndefined();
  });
});

describe('apply.sh with each private-CA arrangement', () => {
  it.each([
    ['file', ca({ caNamespaces: 'shop' })],
    ['configmap', ca({ caDelivery: 'configmap' })],
    [
      'gateway',
      ca({
        caNamespaces: 'shop',
        caGatewayNamespace: 'istio-ingress',
        caGatewaySelector: [{ key: 'istio', value: 'ingressgateway' }],
      }),
    ],
  ])('is valid bash and asks for the CA file first (%s)', (_name, m) => {
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error('unexpected blocker');
    const script = bundle.files.find((f) => f.name === 'apply.sh')!.content;
    expect(script).toContain(': "${DYNATRACE_CA_FILE:?');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });
});
