import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { model, operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import { generateBundle, type BundleFile } from './bundle';
import { runWithStubs } from './__fixtures__/stub-cluster';

function filesOf(m: Model): BundleFile[] {
  const bundle = generateBundle(m);
  if (bundle.blocked) throw new Error('unexpected blocker');
  return bundle.files;
}

const script = (files: readonly BundleFile[], name: string) => files.find((file) => file.name === name)!.content;

const SETUPS: Record<string, Model> = {
  'operator, IstioOperator': operatorSaas(),
  'operator, Helm': operatorSaas({ output: { meshConfigFormat: 'helm' } }),
  'standalone, Secret, ConfigMap': standalone('saas', {
    token: { storage: 'istiod-env' },
    output: { meshConfigFormat: 'configmap' },
  }),
  'standalone, inline token, Sail': standalone('saas', { output: { meshConfigFormat: 'sail' } }),
  'standalone ActiveGate with a CA, in one namespace': standalone('activegate', {
    dynatrace: { tls: 'ca-certificates', caCertificates: '/etc/dt-ca/ca.pem' },
    telemetry: { namespace: 'shop' },
  }),
  'revisioned control plane': model({ istio: { revision: 'canary' } }),
};

const HELM_LIST = { 'helm list': '[{"name":"istiod","chart":"istiod-1.28.0"}]' };
const SECRETS = { DYNATRACE_API_TOKEN: 'dt0c01.stub', DT_CA_FILE: '/dev/null' };

// What only reads: kubectl get/diff, helm get/list. Everything else changes the cluster.
// A patch with --dry-run=server is computed by the API server and never stored: read-only too.
const READ_ONLY = /^(kubectl (-n \S+ )?(get|diff)\b|kubectl patch .* --dry-run=server\b|helm (get|list)\b)/;

describe('apply.sh', () => {
  it.each(Object.entries(SETUPS))('is valid bash (%s)', (_name, m) => {
    expect(spawnSync('bash', ['-n'], { input: script(filesOf(m), 'apply.sh') }).status).toBe(0);
  });

  it.each(Object.entries(SETUPS))('by default shows the plan and changes nothing (%s)', (_name, m) => {
    const files = filesOf(m);
    const run = runWithStubs(files, 'apply.sh', [], {}, HELM_LIST);
    expect(run.stderr).not.toContain('unbound variable');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('==> Plan: what ./apply.sh --apply would change. Nothing is changed now.');
    expect(run.stdout).toContain('Nothing was changed. To apply: ./apply.sh --apply');
    expect(run.calls.length).toBeGreaterThan(0);
    for (const call of run.calls) expect(call).toMatch(READ_ONLY);
    // Nothing written next to the files either (the backup is for --apply).
    expect(existsSync(join(run.dir, 'before-apply'))).toBe(false);
  });

  it('plans with kubectl diff where kubectl applies, and says what a whole installation replaces', () => {
    const sail = runWithStubs(filesOf(SETUPS['standalone, inline token, Sail']!), 'apply.sh');
    expect(sail.calls).toContain(
      'kubectl patch istio default --type merge --patch-file meshconfig.yaml --dry-run=server -o yaml',
    );
    expect(sail.calls).toContain('kubectl diff -f -');
    expect(sail.calls).toContain('kubectl diff -n istio-system -f dt-serviceentry.yaml');
    expect(sail.calls).toContain('kubectl diff -n istio-system -f dt-telemetry.yaml');
    expect(sail.stdout).toContain('MODIFIED');
    expect(sail.stdout).toContain('its version, update strategy and profile stay as they are');

    const operator = runWithStubs(filesOf(SETUPS['operator, IstioOperator']!), 'apply.sh');
    expect(operator.stdout).toContain(
      'REPLACES the installation: options not in meshconfig.yaml go back to the default',
    );
    expect(operator.stdout).toContain('Warning: istioctl install -f applies a whole installation');
    expect(operator.calls).toContain('kubectl -n istio-system get configmap istio -o jsonpath={.data.mesh}');

    const helm = runWithStubs(filesOf(SETUPS['operator, Helm']!), 'apply.sh', [], {}, HELM_LIST);
    expect(helm.calls).toContain('helm get values istiod -n istio-system -o yaml');
    expect(helm.stdout).toContain('MODIFIED');
  });

  it('never shows the token Secret’s content in the plan', () => {
    const run = runWithStubs(filesOf(SETUPS['standalone, Secret, ConfigMap']!), 'apply.sh', [], SECRETS);
    expect(run.calls.some((call) => call.includes('create secret'))).toBe(false);
    expect(run.stdout).not.toContain('dt0c01.stub');
  });

  it('with --apply (or APPLY=1) runs the apply commands in order, after saving the mesh config for the undo', () => {
    const files = filesOf(SETUPS['standalone, Secret, ConfigMap']!);
    for (const [args, env] of [
      [['--apply'], SECRETS],
      [[], { ...SECRETS, APPLY: '1' }],
    ] as const) {
      const run = runWithStubs(files, 'apply.sh', args, env);
      expect(run.status).toBe(0);
      const writes = run.calls.filter((call) => !READ_ONLY.test(call));
      // The two sides of a pipe run at once: their order in the record is not theirs to keep.
      expect(new Set(writes.slice(0, 2))).toEqual(
        new Set([
          'kubectl -n istio-system create secret generic dynatrace-otel-token --from-literal=DYNATRACE_API_TOKEN=Api-Token dt0c01.stub --dry-run=client -o yaml',
          'kubectl apply -f -',
        ]),
      );
      expect(writes.slice(2)).toEqual([
        'kubectl -n istio-system set env deployment/istiod --from=secret/dynatrace-otel-token',
        'kubectl apply -f meshconfig.yaml',
        'kubectl apply -n istio-system -f dt-serviceentry.yaml',
        'kubectl apply -n istio-system -f dt-telemetry.yaml',
      ]);
      const backup = run.calls.indexOf('kubectl -n istio-system get configmap istio -o yaml');
      expect(backup).toBeGreaterThan(-1);
      expect(backup).toBeLessThan(run.calls.indexOf('kubectl apply -f meshconfig.yaml'));
      expect(run.stdout).not.toContain('==> Plan');
      expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
        'Done. Now check that traces flow: run ./collect.sh (read-only), then drop dt-istio-collect.txt on the wizard’s Verify step (step 6).',
      );
      expect(run.stdout).not.toContain('npm run verify');
    }
  });

  it('with --apply runs istioctl install and the helm upgrade pinned to the running chart', () => {
    const operator = runWithStubs(filesOf(SETUPS['operator, IstioOperator']!), 'apply.sh', ['--apply']);
    expect(operator.calls.filter((call) => !READ_ONLY.test(call))).toEqual([
      'istioctl install -f meshconfig.yaml',
      'kubectl apply -n istio-system -f dt-telemetry.yaml',
    ]);
    const helm = runWithStubs(filesOf(SETUPS['operator, Helm']!), 'apply.sh', ['--apply'], {}, HELM_LIST);
    expect(helm.calls.filter((call) => !READ_ONLY.test(call))).toEqual([
      'helm upgrade istiod istio/istiod -n istio-system --version 1.28.0 --reuse-values -f meshconfig.yaml',
      'kubectl apply -n istio-system -f dt-telemetry.yaml',
    ]);
  });

  it('asks for the token only when it applies, and refuses an unknown option', () => {
    const files = filesOf(SETUPS['standalone, Secret, ConfigMap']!);
    const missing = runWithStubs(files, 'apply.sh', ['--apply']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('Set DYNATRACE_API_TOKEN');
    expect(missing.calls).toEqual([]);
    const typo = runWithStubs(files, 'apply.sh', ['--aply']);
    expect(typo.status).toBe(2);
    expect(typo.calls).toEqual([]);
  });

  it('carries the page’s warnings, naming the wizard’s step instead of “this step”', () => {
    const text = script(filesOf(SETUPS['operator, IstioOperator']!), 'apply.sh');
    expect(text).toContain('# Warnings (as the wizard shows them):');
    expect(text).toContain('options you passed at install time but that are not in this file are reset');
    expect(text).toContain('the merge box on the wizard’s step 3');
    expect(text).not.toContain('this step');
  });
});
