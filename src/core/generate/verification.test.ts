import { resolveSetup } from '../setup/resolved-setup';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN, operatorSaas, standalone } from '../__fixtures__/models';
import { MESH_CONFIG_FORMATS } from '../defaults';
import {
  applySteps,
  checkSteps,
  generateVerification,
  restartSteps,
  shellQuote,
  troubleshooting,
} from './verification';
import { runs } from '../../test-setup/runs';

const ids = (steps: { id: string }[]) => steps.map((step) => step.id);
const commandOf = (steps: { id: string; command?: string }[], id: string) =>
  steps.find((step) => step.id === id)?.command;

describe('the apply steps', () => {
  it('apply the mesh config before what refers to it, and the Telemetry last', () => {
    expect(ids(applySteps(operatorSaas()))).toEqual(['mesh-config', 'telemetry']);
    expect(ids(applySteps(standalone('saas')))).toEqual(['mesh-config', 'service-entry', 'telemetry']);
  });

  it('store the token in a Secret first when istiod reads it from its environment, and set that env for a ConfigMap', () => {
    const helm = standalone('saas', { token: { storage: 'istiod-env' }, output: { meshConfigFormat: 'helm' } });
    expect(ids(applySteps(helm))).toEqual(['token-secret', 'mesh-config', 'service-entry', 'telemetry']);
    const configmap = standalone('saas', {
      token: { storage: 'istiod-env' },
      output: { meshConfigFormat: 'configmap' },
    });
    expect(ids(applySteps(configmap))).toEqual([
      'token-secret',
      'istiod-env',
      'mesh-config',
      'service-entry',
      'telemetry',
    ]);
    // The Secret is filled from the user's shell: the command never holds the token itself.
    expect(commandOf(applySteps(helm), 'token-secret')).toContain('"Api-Token ${DYNATRACE_API_TOKEN}"');
  });

  it('install the mesh config with the tool of its form', () => {
    const command = (format: (typeof MESH_CONFIG_FORMATS)[number]) =>
      commandOf(applySteps(operatorSaas({ output: { meshConfigFormat: format } })), 'mesh-config');
    expect(command('istio-operator')).toBe('istioctl install -f meshconfig.yaml');
    expect(command('helm')).toContain('helm upgrade istiod istio/istiod -n istio-system');
    expect(command('helm')).toContain('--reuse-values -f meshconfig.yaml');
    expect(command('configmap')).toBe('kubectl apply -f meshconfig.yaml');
    for (const format of MESH_CONFIG_FORMATS) expect(command(format)).toContain('meshconfig.yaml');
  });

  it('put the ServiceEntry in the root namespace and the Telemetry in its own namespace', () => {
    const model = standalone('managed', { istio: { rootNamespace: 'mesh-root' }, telemetry: { namespace: 'shop' } });
    expect(commandOf(applySteps(model), 'service-entry')).toBe('kubectl apply -n mesh-root -f dt-serviceentry.yaml');
    expect(commandOf(applySteps(model), 'telemetry')).toBe('kubectl apply -n shop -f dt-telemetry.yaml');
  });
});

describe('the restart step', () => {
  it('restarts one namespace when tracing is on for one namespace, every injected namespace when mesh-wide', () => {
    expect(commandOf(restartSteps(resolveSetup(operatorSaas({ telemetry: { namespace: 'shop' } }))), 'restart')).toBe(
      'kubectl rollout restart deployment -n shop',
    );
    expect(commandOf(restartSteps(resolveSetup(operatorSaas())), 'restart')).toMatch(
      /^for ns in \$\(kubectl get namespaces -l istio-injection=enabled .*kubectl rollout restart deployment -n "\$ns"; done$/,
    );
  });
});

describe('the checks', () => {
  it('expect the proxy cluster of the telemetry-ingest service (operator) or of the tenant on port 80 (standalone)', () => {
    const cluster = (steps: { id: string; description: string }[]) =>
      steps.find((step) => step.id === 'proxy-cluster')?.description;
    expect(cluster(checkSteps(operatorSaas()))).toContain(
      'outbound|4318||dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
    expect(cluster(checkSteps(standalone('managed')))).toContain('outbound|80||dynatrace.example.com');
  });

  it('check the token’s sampling scope only where the sampler reads from the tenant', () => {
    expect(ids(checkSteps(operatorSaas()))).not.toContain('token-check');
    expect(ids(checkSteps(standalone('saas', { provider: { sampler: false } })))).not.toContain('token-check');
    expect(commandOf(checkSteps(standalone('managed')), 'token-check')).toBe(
      'curl -sS -o /dev/null -w \'%{http_code}\\n\' -H "Authorization: Api-Token ${DYNATRACE_API_TOKEN}" https://dynatrace.example.com/e/abc12345/api/v2/samplingConfiguration',
    );
  });

  it('link to the traces in the environment’s UI: the SaaS app, the Managed environment, none for an ActiveGate', () => {
    const link = (steps: { id: string; link?: string }[]) => steps.find((step) => step.id === 'dynatrace-traces')?.link;
    expect(link(checkSteps(operatorSaas()))).toBe(
      'https://abc12345.apps.dynatrace.com/ui/apps/dynatrace.distributedtracing/',
    );
    expect(link(checkSteps(standalone('managed')))).toBe('https://dynatrace.example.com/e/abc12345');
    expect(link(checkSteps(standalone('activegate')))).toBeUndefined();
  });
});

describe('troubleshooting', () => {
  it('names the cause of a missing cluster for the mode in use', () => {
    const [operatorRow] = troubleshooting(operatorSaas());
    const [standaloneRow] = troubleshooting(standalone('saas'));
    expect(operatorRow?.fix).toContain('kubectl -n dynatrace get service dynakube-telemetry-ingest');
    expect(standaloneRow?.fix).toBe('Apply dt-serviceentry.yaml in istio-system.');
  });

  it('adds the rows only standalone and the ActiveGate have', () => {
    const symptoms = (rows: { symptom: string }[]) => rows.map((row) => row.symptom).join('\n');
    expect(symptoms(troubleshooting(operatorSaas()))).not.toMatch(
      /without Kubernetes workload|CERTIFICATE_VERIFY_FAILED/,
    );
    expect(symptoms(troubleshooting(standalone('saas')))).toMatch(/without Kubernetes workload/);
    expect(symptoms(troubleshooting(standalone('activegate')))).toMatch(/CERTIFICATE_VERIFY_FAILED/);
  });
});

describe('the verification as a whole', () => {
  it('never holds the API token, in any mode, form or token storage', () => {
    for (const kind of ['saas', 'managed', 'activegate'] as const) {
      for (const format of MESH_CONFIG_FORMATS) {
        for (const storage of ['inline', 'istiod-env'] as const) {
          const model = standalone(kind, { token: { storage }, output: { meshConfigFormat: format } });
          expect(JSON.stringify(generateVerification(model))).not.toContain(SAMPLE_TOKEN.split('.')[2]);
        }
      }
    }
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('istio-system')).toBe('istio-system');
    expect(shellQuote('name: dynatrace-otel')).toBe("'name: dynatrace-otel'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
  });

  it('gives any text back unchanged through a POSIX shell', () => {
    // Shell syntax is where quoting goes wrong: weight it, and mix in any other text.
    const special = fc.constantFrom(
      "'",
      '"',
      '\\',
      '$',
      '`',
      ' ',
      '\n',
      '\t',
      '*',
      '?',
      '!',
      ';',
      '&',
      '|',
      '(',
      ')',
      '<',
      '>',
      '~',
      '#',
      '=',
      '{',
      '}',
    );
    const plain = fc.constantFrom(...'aZ09_./:=@%+-');
    const unit = fc.oneof(
      { arbitrary: special, weight: 2 },
      { arbitrary: plain, weight: 3 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
    );
    const values = fc.array(fc.string({ unit, minLength: 1, maxLength: 6 }), { minLength: 100, maxLength: 300 });
    fc.assert(
      fc.property(values, (texts) => {
        // One shell for many values: printf prints each argument as it arrived, NUL-separated.
        const script = `printf '%s\\0' ${texts.map(shellQuote).join(' ')}`;
        const output = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
        expect(output.split('\0').slice(0, -1)).toEqual(texts);
      }),
      { numRuns: runs(10) },
    );
  });
});
