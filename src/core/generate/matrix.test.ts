import { IstioOperator } from '@kubernetes-models/istio/install.istio.io/v1alpha1/IstioOperator';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { model } from '../__fixtures__/models';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { checkMeshConfig } from '../mesh-config-schema';
import type { Model } from '../model';
import { generateBundle } from './bundle';

/*
 * The held-out matrix: (operator, standalone) × (SaaS, Managed, ActiveGate) × three formats × five meshes
 * × three Telemetry scopes = 270 bundles. Every document is checked against Istio's CRD schemas and the
 * MeshConfig table, and every name that one file uses to point at another is checked against the file it
 * points at. Expectations are derived here from Istio's rules, not from the generators' helpers.
 */

const MODES = ['operator', 'standalone'] as const;
const KINDS = ['saas', 'managed', 'activegate'] as const;
const FORMATS = ['istio-operator', 'helm', 'configmap'] as const;
const MESHES = {
  default: {},
  'custom root namespace': { rootNamespace: 'mesh-root' },
  'custom istiod namespace': { istiodNamespace: 'istio-cp' },
  revision: { revision: '1-24-3' },
  'custom cluster domain': { clusterDomain: 'corp.example' },
} as const;
const SCOPES = ['mesh-wide', 'namespace', 'selector'] as const;

type Doc = Record<string, any>;
const read = (text: string) => parse(text, { version: '1.1' }) as Doc;

function build(
  mode: (typeof MODES)[number],
  kind: (typeof KINDS)[number],
  format: (typeof FORMATS)[number],
  mesh: Partial<Model['istio']>,
  scope: (typeof SCOPES)[number],
): Model {
  const root = mesh.rootNamespace ?? 'istio-system';
  const host = kind === 'saas' ? '' : kind === 'managed' ? 'dynatrace.example.com' : 'activegate.example.com';
  return model({
    mode,
    istio: { version: '1.28.1', ...mesh },
    dynatrace: { environmentKind: kind, host },
    // Standalone keeps the token in a Secret (1.26+), which exercises the Secret ↔ istiod references.
    token: mode === 'standalone' ? { storage: 'istiod-env' } : {},
    telemetry:
      scope === 'mesh-wide'
        ? { namespace: root }
        : scope === 'namespace'
          ? { namespace: 'shop' }
          : { namespace: 'shop', selector: [{ key: 'app', value: 'checkout' }] },
    output: { meshConfigFormat: format },
  });
}

function meshConfigOf(format: string, doc: Doc): Doc {
  if (format === 'istio-operator') return doc.spec.meshConfig;
  if (format === 'helm') return doc.meshConfig;
  return read(doc.data.mesh);
}

const cases = MODES.flatMap((mode) =>
  KINDS.flatMap((kind) =>
    FORMATS.flatMap((format) =>
      Object.entries(MESHES).flatMap(([meshName, mesh]) =>
        SCOPES.map((scope) => ({ mode, kind, format, meshName, mesh, scope })),
      ),
    ),
  ),
);

describe('every bundle of the matrix', () => {
  it('covers 270 combinations', () => expect(cases).toHaveLength(270));

  // One test per bundle, so that no timeout covers the whole matrix.
  it.each(cases)('$mode/$kind/$format/$meshName/$scope is schema-valid and consistent in every reference', (c) => {
    const label = `${c.mode}/${c.kind}/${c.format}/${c.meshName}/${c.scope}`;
    const m = build(c.mode, c.kind, c.format, c.mesh, c.scope);
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error(`${label}: unexpectedly blocked`);
    const file = (name: string) => bundle.files.find((f) => f.name === name)?.content;
    const istiodNs = m.istio.istiodNamespace;
    const rev = m.istio.revision;
    const deployment = rev === '' ? 'istiod' : `istiod-${rev}`;
    const configMap = rev === '' ? 'istio' : `istio-${rev}`;

    // The mesh config, in its form, and the MeshConfig table.
    const meshDoc = read(file('meshconfig.yaml')!);
    const mesh = meshConfigOf(c.format, meshDoc);
    expect(checkMeshConfig(mesh, 28), label).toEqual([]);
    if (c.format === 'istio-operator') {
      expect(() => new IstioOperator(meshDoc as never).validate(), label).not.toThrow();
      expect(meshDoc.spec.revision, label).toBe(rev === '' ? undefined : rev);
      if (istiodNs !== 'istio-system') expect(meshDoc.spec.values.global.istioNamespace, label).toBe(istiodNs);
    }
    if (c.format === 'helm') expect(meshDoc.revision, label).toBe(rev === '' ? undefined : rev);
    if (c.format === 'configmap') {
      // ConfigMap ↔ istiod: the name and namespace istiod reads (pilot/pkg/bootstrap/mesh.go).
      expect(meshDoc.metadata, label).toEqual({ name: configMap, namespace: istiodNs });
    }

    const provider = mesh.extensionProviders[0];
    const otel = provider.opentelemetry;
    const script = file('apply.sh')!;
    const commands = [...bundle.verification.apply, ...bundle.verification.checks]
      .map((step) => step.command ?? '')
      .join('\n');

    // Checks read the ConfigMap and the logs of this istiod.
    expect(commands, label).toContain(`kubectl -n ${istiodNs} get configmap ${configMap} `);
    expect(commands, label).toContain(`kubectl -n ${istiodNs} logs deploy/${deployment} `);

    // Telemetry ↔ provider name, and the Telemetry's scope.
    const telemetry = read(file('dt-telemetry.yaml')!);
    validateIstioResource(telemetry);
    expect(telemetry.spec.tracing[0].providers, label).toEqual([{ name: provider.name }]);
    if (c.scope === 'mesh-wide') {
      expect(telemetry.metadata.namespace, label).toBe(m.istio.rootNamespace);
      expect(telemetry.spec.selector, label).toBeUndefined();
    } else {
      expect(telemetry.metadata.namespace, label).toBe('shop');
      expect(telemetry.metadata.namespace, label).not.toBe(m.istio.rootNamespace);
    }
    const telemetryStep = bundle.verification.apply.find((step) => step.id === 'telemetry')!;
    expect(telemetryStep.description.includes('whole mesh'), label).toBe(c.scope === 'mesh-wide');

    if (c.mode === 'operator') {
      // Provider service ↔ the Operator's ingest Service, with the cluster domain istiod uses.
      expect(otel.service, label).toBe(`dynakube-telemetry-ingest.dynatrace.svc.${m.istio.clusterDomain}`);
      expect(file('dt-serviceentry.yaml'), label).toBeUndefined();
      return;
    }

    // Provider service ↔ ServiceEntry host and namespace; DestinationRule ↔ the same host.
    const entries = parseAllDocuments(file('dt-serviceentry.yaml')!, { version: '1.1' }).map((d) => d.toJS() as Doc);
    for (const doc of entries) validateIstioResource(doc);
    const entry = entries.find((doc) => doc.kind === 'ServiceEntry')!;
    const rule = entries.find((doc) => doc.kind === 'DestinationRule')!;
    const reference = `${entry.metadata.namespace}/${entry.spec.hosts[0]}`;
    expect(otel.service, label).toBe(reference);
    expect(otel.dynatrace_sampler.http_service?.service ?? reference, label).toBe(reference);
    expect(rule.spec.host, label).toBe(entry.spec.hosts[0]);
    expect(rule.metadata.namespace, label).toBe(entry.metadata.namespace);
    expect(script, label).toContain(`kubectl apply -n ${entry.metadata.namespace} -f dt-serviceentry.yaml`);

    // Secret ↔ istiod: created in istiod's namespace, named as the env var's secretKeyRef, and given to
    // this istiod's deployment (directly for the ConfigMap form, through the installer otherwise).
    const header = otel.http.headers[0];
    expect(header.env_name, label).toBe(m.token.envName);
    const env =
      c.format === 'istio-operator'
        ? meshDoc.spec.components.pilot.k8s.env
        : c.format === 'helm'
          ? meshDoc.envVarFrom
          : undefined;
    if (env) {
      expect(env, label).toEqual([
        { name: m.token.envName, valueFrom: { secretKeyRef: { name: m.token.secretName, key: m.token.envName } } },
      ]);
    } else {
      expect(script, label).toContain(
        `kubectl -n ${istiodNs} set env deployment/${deployment} --from=secret/${m.token.secretName}`,
      );
    }
    expect(script, label).toContain(`kubectl -n ${istiodNs} create secret generic ${m.token.secretName} `);
  });
});
