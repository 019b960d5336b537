import { IstioOperator } from '@kubernetes-models/istio/install.istio.io/v1alpha1/IstioOperator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import sailSchema from '../__fixtures__/sail-istio.schema.json';
import { applyMergePatch } from '../__fixtures__/merge-patch';
import { model, standalone } from '../__fixtures__/models';
import { checkStructural, type StructuralSchema } from '../__fixtures__/structural-schema';
import { MESH_CONFIG_FORMATS } from '../defaults';
import { findRequirements } from '../findings';
import { checkMeshConfig } from '../mesh-config-schema';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { commandFor } from '../verify/commands';
import { generateMeshConfig } from './mesh-config';
import { applySteps, checkSteps, troubleshooting } from './verification';

/*
 * Install paths that must not break a running mesh (issue 22, facts §12): what each whole-install file keeps,
 * the Sail merge patch, the private-CA order, native sidecars. Goldens for the exact output of each case.
 */

type Doc = Record<string, any>;
const read = (text: string) => parse(text, { version: '1.1' }) as Doc;
const sailCrd = sailSchema.schema as StructuralSchema;
type Patch = Parameters<typeof model>[0];

const managedCa: Patch = {
  dynatrace: {
    environmentKind: 'managed',
    host: 'dynatrace.example.com',
    tls: 'ca-certificates',
    caNamespaces: 'shop, payments',
  },
};

/** The cases with a golden file each: mesh config for every format, and the apply steps where they differ. */
const CASES: Record<string, Patch> = {
  'ambient-root-revision-native-off': {
    istio: {
      version: '1.28.1',
      ambient: true,
      rootNamespace: 'mesh-root',
      revision: 'canary',
      kubernetesVersion: '1.33',
      nativeSidecars: 'off-istiod',
      sailName: 'mesh-a',
    },
    token: { storage: 'istiod-env' },
    provider: { samplerFromTenant: true },
  },
};

function bundleCase(name: string, format: Model['output']['meshConfigFormat']): Model {
  return model({ ...CASES[name], output: { meshConfigFormat: format } });
}

describe('whole-install files keep what the user runs', () => {
  it.each(MESH_CONFIG_FORMATS)(
    '%s: golden file for an ambient mesh with a custom root namespace, a revision and native sidecars off',
    async (format) => {
      const m = bundleCase('ambient-root-revision-native-off', format);
      await expect(generateMeshConfig(m).text).toMatchFileSnapshot(
        `__golden__/meshconfig.ambient-root-revision-native-off.${format}.yaml`,
      );
    },
  );

  it('IstioOperator: profile ambient, rootNamespace, revision and the istiod env, valid against the IstioOperator schema', () => {
    const doc = read(generateMeshConfig(bundleCase('ambient-root-revision-native-off', 'istio-operator')).text);
    expect(() => new IstioOperator(doc as never).validate()).not.toThrow();
    expect(doc.spec.profile).toBe('ambient');
    expect(doc.spec.revision).toBe('canary');
    expect(doc.spec.meshConfig.rootNamespace).toBe('mesh-root');
    expect(checkMeshConfig(doc.spec.meshConfig, 28)).toEqual([]);
    expect(doc.spec.components.pilot.k8s.env).toContainEqual({ name: 'ENABLE_NATIVE_SIDECARS', value: 'false' });
  });

  it('IstioOperator for a sidecar mesh writes no profile (the default one is what it runs)', () => {
    const doc = read(generateMeshConfig(model({ output: { meshConfigFormat: 'istio-operator' } })).text);
    expect(doc.spec).not.toHaveProperty('profile');
    expect(doc.spec.meshConfig).not.toHaveProperty('rootNamespace');
  });

  it('ConfigMap: rootNamespace inside the mesh config; Helm: env map and no rootNamespace (maps merge)', () => {
    const cm = read(generateMeshConfig(bundleCase('ambient-root-revision-native-off', 'configmap')).text);
    const mesh = read(cm.data.mesh);
    expect(mesh.rootNamespace).toBe('mesh-root');
    expect(checkMeshConfig(mesh, 28)).toEqual([]);
    expect(cm.metadata.name).toBe('istio-canary');
    const helm = read(generateMeshConfig(bundleCase('ambient-root-revision-native-off', 'helm')).text);
    expect(helm.env).toEqual({ ENABLE_NATIVE_SIDECARS: 'false' });
    expect(helm.revision).toBe('canary');
  });

  it('Sail: the patch carries rootNamespace and pilot.env, and validates against the CRD once applied', () => {
    const patch = read(generateMeshConfig(bundleCase('ambient-root-revision-native-off', 'sail')).text);
    expect(patch.spec.values.pilot.env).toEqual({ ENABLE_NATIVE_SIDECARS: 'false' });
    expect(patch.spec.values.meshConfig.rootNamespace).toBe('mesh-root');
    const running = {
      apiVersion: 'sailoperator.io/v1',
      kind: 'Istio',
      metadata: { name: 'mesh-a' },
      spec: { version: 'v1.28.1', namespace: 'istio-system', profile: 'ambient' },
    };
    expect(checkStructural(applyMergePatch(running, patch), sailCrd)).toEqual([]);
  });

  // Open-ended inputs: any mix of what the user runs; no whole-install file may drop any of it.
  const dns = fc.constantFrom('istio-system', 'mesh-root', 'istio-cp', 'shop');
  const setupArb = fc.record({
    format: fc.constantFrom(...MESH_CONFIG_FORMATS),
    ambient: fc.boolean(),
    rootNamespace: dns,
    istiodNamespace: fc.constantFrom('istio-system', 'istio-cp'),
    revision: fc.constantFrom('', 'canary', '1-28-1'),
    sailName: fc.constantFrom('default', 'mesh-a'),
    secret: fc.boolean(),
    native: fc.constantFrom('keep', 'off-istiod', 'off-workloads'),
  });

  it('no generated whole-install file drops the ambient profile, root namespace, revision or Sail name/version/strategy', () => {
    fc.assert(
      fc.property(setupArb, (s) => {
        const m = model({
          istio: {
            version: '1.28.1',
            ambient: s.ambient,
            rootNamespace: s.rootNamespace,
            istiodNamespace: s.istiodNamespace,
            revision: s.revision,
            sailName: s.sailName,
            nativeSidecars: s.native,
          },
          telemetry: { namespace: s.rootNamespace },
          token: s.secret ? { storage: 'istiod-env' } : {},
          provider: { samplerFromTenant: s.secret },
          output: { meshConfigFormat: s.format },
        });
        const doc = read(generateMeshConfig(m).text);
        const customRoot = !(s.rootNamespace === 'istio-system' && s.istiodNamespace === 'istio-system');
        switch (s.format) {
          case 'istio-operator':
            expect(() => new IstioOperator(doc as never).validate()).not.toThrow();
            expect(doc.spec.profile).toBe(s.ambient ? 'ambient' : undefined);
            expect(doc.spec.revision).toBe(s.revision === '' ? undefined : s.revision);
            // Without it, the chart's default is istiod's namespace.
            expect(doc.spec.meshConfig.rootNamespace ?? s.istiodNamespace).toBe(s.rootNamespace);
            break;
          case 'configmap': {
            const mesh = read(doc.data.mesh);
            // Without it, a raw ConfigMap means istio-system (pkg/config/mesh/mesh.go).
            expect(mesh.rootNamespace ?? 'istio-system').toBe(s.rootNamespace);
            expect(doc.metadata.name).toBe(s.revision === '' ? 'istio' : `istio-${s.revision}`);
            break;
          }
          case 'helm':
            expect(doc.revision).toBe(s.revision === '' ? undefined : s.revision);
            break;
          case 'sail': {
            expect(Object.keys(doc)).toEqual(['spec']);
            expect(Object.keys(doc.spec)).toEqual(['values']);
            if (customRoot) expect(doc.spec.values.meshConfig.rootNamespace).toBe(s.rootNamespace);
            const running = {
              apiVersion: 'sailoperator.io/v1',
              kind: 'Istio',
              metadata: { name: s.sailName },
              spec: {
                version: 'v1.29.2',
                namespace: s.istiodNamespace,
                updateStrategy: { type: 'RevisionBased' },
                ...(s.ambient ? { profile: 'ambient' } : {}),
              },
            };
            const after = applyMergePatch(running, doc) as Doc;
            expect(checkStructural(after, sailCrd)).toEqual([]);
            expect({ ...after.spec, values: undefined }).toEqual({ ...running.spec, values: undefined });
            expect(after.metadata).toEqual({ name: s.sailName });
            expect(resolveSetup(m).controlPlane.install.command).toBe(
              `kubectl patch istio ${s.sailName} --type merge --patch-file meshconfig.yaml`,
            );
            break;
          }
        }
        return true;
      }),
    );
  });
});

describe('a private CA for Managed or ActiveGate', () => {
  const m = standalone('managed', { ...managedCa, token: { storage: 'istiod-env' }, istio: { version: '1.28.1' } });

  it('golden apply steps: the Secret and the mount (with rollout) before the DestinationRule', async () => {
    const steps = applySteps(m);
    await expect(JSON.stringify(steps, null, 2) + '\n').toMatchFileSnapshot('__golden__/apply-steps.managed-ca.json');
    const ids = steps.map((step) => step.id);
    expect(ids.indexOf('ca-secret')).toBeLessThan(ids.indexOf('ca-mount'));
    expect(ids.indexOf('ca-mount')).toBeLessThan(ids.indexOf('service-entry'));
  });

  it('the mount step stops the script unless the workloads were patched or the user says they have the file', () => {
    const mount = applySteps(m).find((step) => step.id === 'ca-mount')!;
    expect(mount.command).toContain('rollout status');
    expect(mount.command).toContain('exit 1');
    expect(mount.command).toContain('CA_MOUNTED');
    expect(mount.command).toContain('sidecar.istio.io/userVolumeMount');
    expect(mount.description).toMatch(/Secret of their own/);
  });

  it('the token check curl trusts the CA; without a private CA it does not', () => {
    const curl = checkSteps(m).find((step) => step.id === 'token-check')!;
    expect(curl.command).toContain('--cacert "${DYNATRACE_CA_FILE}"');
    const publicCert = standalone('managed', { token: { storage: 'istiod-env' } });
    expect(checkSteps(publicCert).find((step) => step.id === 'token-check')!.command).not.toContain('--cacert');
  });

  it('warns about gateways and waypoints, which cannot take the file', () => {
    const finding = findRequirements(m).find((f) => f.id === 'ca-gateways-waypoints')!;
    expect(finding.fix).toMatch(/credentialName/);
    expect(findRequirements(standalone('managed')).map((f) => f.id)).not.toContain('ca-gateways-waypoints');
  });
});

describe('native sidecars and metadata enrichment', () => {
  const operator = (istio: Partial<Model['istio']>) => model({ istio: { version: '1.28.1', ...istio } });
  const warned = (m: Model) => findRequirements(m).some((f) => f.id === 'native-sidecar-enrichment');

  it('warns in Operator mode with the resource detector on Istio 1.27+ with Kubernetes 1.33+ or unknown', () => {
    expect(warned(operator({ kubernetesVersion: '1.33' }))).toBe(true);
    expect(warned(operator({ kubernetesVersion: 'Client Version: v1.34.0\nServer Version: v1.33.2-gke.100' }))).toBe(
      true,
    );
    expect(warned(operator({ kubernetesVersion: '' }))).toBe(true);
  });

  it('does not warn where native sidecars are not injected, not used by the detector, or already off', () => {
    expect(warned(operator({ kubernetesVersion: '1.32' }))).toBe(false);
    expect(warned(model({ istio: { version: '1.26.3', kubernetesVersion: '1.34' } }))).toBe(false);
    expect(
      warned(model({ istio: { version: '1.28.1', kubernetesVersion: '1.34' }, provider: { resourceDetector: false } })),
    ).toBe(false);
    expect(warned(standalone('saas', { istio: { version: '1.28.1', kubernetesVersion: '1.34' } }))).toBe(false);
    expect(warned(operator({ kubernetesVersion: '1.34', nativeSidecars: 'off-istiod' }))).toBe(false);
    expect(warned(operator({ kubernetesVersion: '1.34', nativeSidecars: 'off-workloads' }))).toBe(false);
    expect(warned(operator({ kubernetesVersion: '1.34', ambient: true, ambientTracing: 'waypoints' }))).toBe(false);
    expect(warned(operator({ kubernetesVersion: '1.34', ambient: true, ambientTracing: 'sidecar' }))).toBe(true);
  });

  it('turns them off in every format: istiod env in the file, a set env step for the ConfigMap, or pod annotations', () => {
    const off = (format: Model['output']['meshConfigFormat']) =>
      model({ istio: { version: '1.28.1', nativeSidecars: 'off-istiod' }, output: { meshConfigFormat: format } });
    expect(generateMeshConfig(off('istio-operator')).text).toContain('ENABLE_NATIVE_SIDECARS');
    expect(generateMeshConfig(off('helm')).text).toContain('ENABLE_NATIVE_SIDECARS');
    expect(generateMeshConfig(off('sail')).text).toContain('ENABLE_NATIVE_SIDECARS');
    expect(generateMeshConfig(off('configmap')).text).not.toContain('ENABLE_NATIVE_SIDECARS');
    expect(applySteps(off('configmap')).find((s) => s.id === 'native-sidecars-istiod')!.command).toBe(
      'kubectl -n istio-system set env deployment/istiod ENABLE_NATIVE_SIDECARS=false',
    );
    const perPod = model({ istio: { version: '1.28.1', nativeSidecars: 'off-workloads' } });
    expect(applySteps(perPod).find((s) => s.id === 'native-sidecars-workloads')!.command).toContain(
      'sidecar.istio.io/nativeSidecar',
    );
    expect(generateMeshConfig(perPod).text).not.toContain('ENABLE_NATIVE_SIDECARS');
    expect(applySteps(model({})).map((s) => s.id)).not.toContain('native-sidecars-workloads');
  });
});

describe('smaller install facts', () => {
  it('asks for the revision when the Sail Istio is not named default and no revision is set', () => {
    const ids = (istio: Partial<Model['istio']>) =>
      findRequirements(model({ istio, output: { meshConfigFormat: 'sail' } })).map((f) => f.id);
    expect(ids({ sailName: 'mesh-a' })).toContain('sail-name-revision');
    expect(ids({ sailName: 'mesh-a', revision: 'mesh-a' })).not.toContain('sail-name-revision');
    expect(ids({ sailName: 'default' })).not.toContain('sail-name-revision');
  });

  it('istioctl analyze reads the mesh config of istiod’s namespace', () => {
    const m = model({ istio: { istiodNamespace: 'istio-cp' } });
    expect(checkSteps(m).find((s) => s.id === 'analyze')!.command).toBe('istioctl analyze -A -i istio-cp');
    const setup = resolveSetup(m);
    expect(
      commandFor('analyze', m, {
        istiodNamespace: setup.controlPlane.istiodNamespace,
        meshConfigMapName: setup.controlPlane.meshConfigMapName,
      } as never),
    ).toBe('istioctl analyze -A -i istio-cp');
  });

  it('rotating the token Secret restarts istiod: in the Secret step and in the 401 row', () => {
    const m = standalone('saas', { token: { storage: 'istiod-env' }, istio: { revision: 'canary' } });
    const restart = 'kubectl -n istio-system rollout restart deploy/istiod-canary';
    expect(applySteps(m).find((s) => s.id === 'token-secret')!.description).toContain(restart);
    expect(troubleshooting(m).find((row) => row.symptom.includes('401'))!.fix).toContain(restart);
    expect(troubleshooting(standalone('saas')).find((row) => row.symptom.includes('401'))!.fix).not.toContain(
      'rollout restart',
    );
  });

  it('the Helm warning says envVarFrom is replaced too when the token is in a Secret', () => {
    const m = standalone('saas', { token: { storage: 'istiod-env' }, output: { meshConfigFormat: 'helm' } });
    expect(findRequirements(m).find((f) => f.id === 'helm-lists-replace')!.message).toContain('envVarFrom');
    expect(resolveSetup(m).controlPlane.install.replaces).toContain('envVarFrom');
  });
});
