import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { model, operatorSaas, SAMPLE_TOKEN, standalone } from '../__fixtures__/models';
import { generateBundle } from './bundle';

describe('the bundle', () => {
  it('holds the conventional files in apply order, then the scripts and the README; Operator mode has no ServiceEntry file', () => {
    const bundle = generateBundle(operatorSaas());
    if (bundle.blocked) throw new Error('unexpected blocker');
    expect(bundle.files.map((file) => file.name)).toEqual([
      'meshconfig.yaml',
      'dt-telemetry.yaml',
      'apply.sh',
      'collect.sh',
      'README.md',
    ]);
    const alone = generateBundle(standalone('saas'));
    if (alone.blocked) throw new Error('unexpected blocker');
    expect(alone.files.map((file) => file.name)).toEqual([
      'meshconfig.yaml',
      'dt-serviceentry.yaml',
      'dt-telemetry.yaml',
      'apply.sh',
      'collect.sh',
      'README.md',
    ]);
  });

  it('gives the guide’s advice instead of files when a requirement blocks', () => {
    const bundle = generateBundle(model({ istio: { version: '1.20' } }));
    expect(bundle.blocked).toBe(true);
    expect(bundle).not.toHaveProperty('files');
  });

  it('apply.sh runs the documented commands in order', async () => {
    const bundle = generateBundle(standalone('saas', { token: { storage: 'istiod-env' } }));
    if (bundle.blocked) throw new Error('unexpected blocker');
    const script = bundle.files.find((file) => file.name === 'apply.sh')!.content;
    // The plan comes first and only reads; the order that matters is the one --apply runs.
    const applied = script.slice(script.indexOf('\nfi\n'));
    const order = [
      'create secret generic dynatrace-otel-token',
      'istioctl install -f meshconfig.yaml',
      'kubectl apply -n istio-system -f dt-serviceentry.yaml',
      'kubectl apply -n istio-system -f dt-telemetry.yaml',
      'rollout restart',
    ];
    const positions = order.map((command) => applied.indexOf(command));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain(': "${DYNATRACE_API_TOKEN:?');
    await expect(script).toMatchFileSnapshot('__golden__/apply.standalone-saas.istiod-env.sh');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });

  it('marks only the mesh config as holding the token, and only when the user chose to keep it there', () => {
    const inline = generateBundle(standalone('saas'));
    if (inline.blocked) throw new Error('unexpected blocker');
    expect(inline.files.filter((file) => file.containsToken).map((file) => file.name)).toEqual(['meshconfig.yaml']);
    const secret = generateBundle(standalone('saas', { token: { storage: 'istiod-env', value: SAMPLE_TOKEN } }));
    if (secret.blocked) throw new Error('unexpected blocker');
    expect(secret.files.some((file) => file.containsToken || file.content.includes(SAMPLE_TOKEN))).toBe(false);
  });

  it('adds the istiod env command for the ConfigMap format, which cannot carry it', () => {
    const bundle = generateBundle(
      standalone('saas', { token: { storage: 'istiod-env' }, output: { meshConfigFormat: 'configmap' } }),
    );
    if (bundle.blocked) throw new Error('unexpected blocker');
    expect(bundle.verification.apply.map((step) => step.id)).toEqual([
      'token-secret',
      'istiod-env',
      'mesh-config',
      'service-entry',
      'telemetry',
    ]);
    expect(bundle.verification.apply[1]?.command).toBe(
      'kubectl -n istio-system set env deployment/istiod --from=secret/dynatrace-otel-token',
    );
  });

  it('verification names the cluster the proxy must know, per mode', () => {
    const operator = generateBundle(operatorSaas());
    const alone = generateBundle(standalone('managed'));
    if (operator.blocked || alone.blocked) throw new Error('unexpected blocker');
    expect(operator.verification.checks.find((c) => c.id === 'proxy-cluster')?.description).toContain(
      'outbound|4318||dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
    expect(alone.verification.checks.find((c) => c.id === 'proxy-cluster')?.description).toContain(
      'outbound|80||dynatrace.example.com',
    );
    expect(alone.verification.checks.find((c) => c.id === 'token-check')?.command).toContain(
      'https://dynatrace.example.com/e/abc12345/api/v2/samplingConfiguration',
    );
    expect(alone.verification.troubleshooting.length).toBeGreaterThan(5);
  });

  it('is pure: the same model gives the same bundle', () => {
    expect(generateBundle(standalone('activegate'))).toEqual(generateBundle(standalone('activegate')));
  });
});
