import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateIstioResource } from '../../__fixtures__/istio-schemas';
import { operatorSaas } from '../../__fixtures__/models';
import { generateTelemetry } from '../../generate/telemetry';
import { mergeIntoExistingTelemetry, type TelemetryMergeSuccess } from './merge-telemetry';
import { merged } from './__fixtures__/telemetries';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;

// Every merge runs inside its test, never while the file is collected: a merge at collection time makes the mutation
// tool count the merge's code as "static" and report its mutants as survived without running the tests (MUTATION.md).

/** Lines of `after` minus the lines of `before`, matched in order: what the merge added. */
function addedLines(before: string, after: string): string[] {
  const original = before.split('\n');
  let cursor = 0;
  const added: string[] = [];
  for (const line of after.split('\n')) {
    if (line === original[cursor]) cursor++;
    else added.push(line);
  }
  expect(cursor, 'every original line is kept, in order').toBe(original.length);
  return added;
}

const ids = (result: TelemetryMergeSuccess) => result.findings.map((finding) => finding.id);

describe('merging into a mesh-wide Telemetry with metrics, access logging and comments', () => {
  const input = fixture('mesh-wide.yaml');

  it('is that Telemetry with our provider added first in its tracing entry, and only that line added', async () => {
    const result = merged(input);
    expect(result.target).toEqual({ name: 'mesh-default', namespace: 'istio-system', where: 'the input' });
    expect(addedLines(input, result.merged)).toEqual(['    - name: dynatrace-otel']);
    expect(result.normalized).toBe(false);
    await expect(result.merged).toMatchFileSnapshot('__golden__/mesh-wide.merged.yaml');
  });

  it('keeps metrics, access logging and the other tracing fields as data', () => {
    const result = merged(input);
    const before = read(input);
    const after = read(result.merged);
    expect(after.spec.metrics).toEqual(before.spec.metrics);
    expect(after.spec.accessLogging).toEqual(before.spec.accessLogging);
    const { providers, ...rest } = after.spec.tracing[0];
    expect(providers).toEqual([{ name: 'dynatrace-otel' }, { name: 'zipkin' }]);
    const { providers: _old, ...restBefore } = before.spec.tracing[0];
    expect(rest).toEqual(restBefore);
    expect(() => validateIstioResource(after)).not.toThrow();
  });

  it('says that zipkin no longer receives spans and that the sampler overrides randomSamplingPercentage', () => {
    const result = merged(input);
    expect(ids(result)).toEqual(
      expect.arrayContaining(['telemetry-provider-displaced', 'telemetry-sampling-overridden-by-sampler']),
    );
    expect(result.changes.join(' ')).toContain('above zipkin');
  });

  it('keeps the user’s randomSamplingPercentage without the sampler, and says so', () => {
    const off = merged(input, operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '1' } }));
    expect(read(off.merged).spec.tracing[0].randomSamplingPercentage).toBe(10);
    expect(ids(off)).toContain('telemetry-sampling-kept');
    expect(ids(off)).not.toContain('telemetry-sampling-overridden-by-sampler');
  });
});

describe('merging into kubectl get telemetry -A -o yaml (a List over several namespaces)', () => {
  const input = fixture('kubectl-list.yaml');

  it('cuts out the root namespace’s Telemetry and adds a tracing entry to it', async () => {
    const result = merged(input);
    expect(result.target?.where).toBe('items[0]');
    const after = read(result.merged);
    expect(after.metadata.name).toBe('mesh-default');
    expect(after.spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }] }]);
    expect(after.spec.accessLogging).toEqual([{ providers: [{ name: 'envoy' }] }]);
    expect(after.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"mesh-default"');
    expect(addedLines(result.original, result.merged)).toEqual([
      '  tracing:',
      '  - providers:',
      '    - name: dynatrace-otel',
    ]);
    expect(() => validateIstioResource(after)).not.toThrow();
    await expect(result.merged).toMatchFileSnapshot('__golden__/kubectl-list.merged.yaml');
  });

  it('warns about the namespaces whose own Telemetry overrides ours', () => {
    const result = merged(input);
    const messages = result.findings.map((finding) => `${finding.id}: ${finding.message}`).join('\n');
    expect(messages).toMatch(/telemetry-overridden-by-more-specific: payments\/payments-tracing .* otel-tracing/);
    // Its tags replace nothing: no wider Telemetry and not the wizard set any.
    expect(messages).not.toMatch(/telemetry-custom-tags-replaced/);
    const tagged = merged(
      input,
      operatorSaas({ telemetry: { customTags: [{ name: 'team', type: 'literal', value: 'x', defaultValue: '' }] } }),
    );
    expect(tagged.findings.map((f) => `${f.id}: ${f.message}`).join('\n')).toMatch(
      /telemetry-custom-tags-replaced: payments\/payments-tracing/,
    );
    expect(messages).toMatch(/telemetry-span-reporting-disabled: batch\/no-traces-for-batch/);
  });

  it('says the export’s resourceVersion is kept', () => {
    const result = merged(input);
    expect(result.notes.join(' ')).toContain('resourceVersion');
  });

  it('merges into the payments Telemetry when ours targets that namespace', () => {
    const payments = merged(input, operatorSaas({ telemetry: { namespace: 'payments' } }));
    expect(payments.target?.name).toBe('payments-tracing');
    expect(read(payments.merged).spec.tracing[0].providers).toEqual([
      { name: 'dynatrace-otel' },
      { name: 'otel-tracing' },
    ]);
  });
});

describe('merging into a Telemetry that already names dynatrace-otel', () => {
  const input = fixture('names-dynatrace.yaml');

  it('moves it to the top, since istiod uses only the first provider of an entry', async () => {
    const result = merged(input);
    const after = read(result.merged);
    expect(after.spec.tracing[0].providers).toEqual([{ name: 'dynatrace-otel' }, { name: 'otel-collector' }]);
    expect(after.spec.tracing[1]).toEqual({ match: { mode: 'SERVER' }, disableSpanReporting: false });
    expect(result.changes.join(' ')).toContain('Moved dynatrace-otel');
    expect(result.merged).toContain('# Added last sprint');
    await expect(result.merged).toMatchFileSnapshot('__golden__/names-dynatrace.merged.yaml');
  });

  it('changes nothing when it is already first', () => {
    const result = merged(input);
    const again = merged(result.merged);
    expect(again.merged).toBe(result.merged);
    expect(again.changes.join(' ')).toContain('unchanged');
  });
});

describe('choosing the Telemetry ours would conflict with', () => {
  const telemetry = (name: string, namespace: string, extra = '') =>
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${extra}spec:\n  accessLogging:\n  - providers:\n    - name: envoy\n`;

  it('picks the oldest of two selector-less Telemetries in the namespace, as istiod does, and warns', () => {
    const input = [
      telemetry('newer', 'istio-system', '  creationTimestamp: "2025-05-01T00:00:00Z"\n'),
      telemetry('older', 'istio-system', '  creationTimestamp: "2024-05-01T00:00:00Z"\n'),
    ].join('---\n');
    const result = merged(input);
    expect(result.target?.name).toBe('older');
    const warning = result.findings.find((finding) => finding.id === 'telemetry-several-without-selector');
    expect(warning?.message).toContain('older, newer in namespace istio-system');
    expect(warning?.message).toMatch(/the oldest .*: older\./);
  });

  it('leaves ours alone when nothing conflicts (other namespace, or a workload selector)', () => {
    const input = telemetry('apps', 'apps');
    const result = merged(input);
    expect(result.target).toBeUndefined();
    expect(result.merged).toBe(generateTelemetry(operatorSaas()).text);
    expect(result.notes.join(' ')).toContain('None of your Telemetries conflicts');
  });

  it('merges into the Telemetry with exactly our selector', () => {
    const withSelector = telemetry('cart', 'shop', '').replace(
      'spec:\n',
      'spec:\n  selector:\n    matchLabels:\n      app: cart\n',
    );
    const m = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    expect(merged(withSelector, m).target?.name).toBe('cart');
    expect(merged(withSelector).target).toBeUndefined();
  });

  it('refuses what is not a Telemetry, with a message', () => {
    const result = mergeIntoExistingTelemetry(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n',
      operatorSaas(),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain('No Telemetry found');
  });

  it('reports broken YAML with line and column', () => {
    const result = mergeIntoExistingTelemetry('kind: Telemetry\nspec:\n  tracing: [\n', operatorSaas());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.line).toBeGreaterThan(0);
  });

  it('keeps Windows line endings', () => {
    const result = merged(fixture('mesh-wide.yaml').replace(/\n/g, '\r\n'));
    expect(result.merged).toContain('\r\n    - name: dynatrace-otel\r\n');
    expect(result.merged.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('edits a flow-style providers list through the Document API and says so', () => {
    const input =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: m\n  namespace: istio-system\nspec:\n  tracing: [{providers: [{name: zipkin}]}]\n';
    const result = merged(input);
    expect(read(result.merged).spec.tracing[0].providers).toEqual([{ name: 'dynatrace-otel' }, { name: 'zipkin' }]);
    expect(result.normalized).toBe(true);
  });
});

describe('version gates when merging', () => {
  it('warns about a formatter tag in the user’s Telemetry on Istio before 1.29', () => {
    const input =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: m\n  namespace: istio-system\nspec:\n  tracing:\n  - customTags:\n      sni:\n        formatter:\n          value: "%REQUESTED_SERVER_NAME%"\n';
    const old = merged(input, operatorSaas({ istio: { version: '1.28' } }));
    expect(old.findings.find((finding) => finding.id === 'telemetry-field-too-new')?.message).toContain('Istio 1.29');
    expect(ids(merged(input, operatorSaas({ istio: { version: '1.29' } })))).not.toContain('telemetry-field-too-new');
  });
});

describe('when the wizard’s Telemetry targets a waypoint (ambient mode)', () => {
  const atWaypoint = operatorSaas({
    istio: { ambient: true, ambientTracing: 'waypoints' },
    telemetry: { namespace: 'istio-system', waypoint: { name: 'shop-waypoint', namespace: 'shop' } },
  });
  const namespaceWide =
    'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: shop-default\n  namespace: shop\n' +
    'spec:\n  tracing:\n  - providers:\n    - name: zipkin\n';
  const onWaypoint =
    'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: waypoint-tracing\n  namespace: shop\n' +
    'spec:\n  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: shop-waypoint\n' +
    '  tracing:\n  - randomSamplingPercentage: 5\n';
  const otherWaypoint = onWaypoint.replace('name: waypoint-tracing', 'name: other').replace('shop-waypoint', 'cart');

  it('leaves the namespace-wide Telemetry of the waypoint’s namespace alone: ours is applied beside it', () => {
    const result = merged(namespaceWide, atWaypoint);
    expect(result.target).toBeUndefined();
    expect(read(result.merged).spec.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop-waypoint' },
    ]);
    expect(result.notes.join(' ')).toMatch(/none targets the waypoint shop-waypoint in shop/);
    // Ours attaches to the waypoint after the namespace-wide one, so that one overrides nothing of ours.
    expect(ids(result)).not.toContain('telemetry-overridden-by-more-specific');
  });

  it('merges into the Telemetry that targets the same waypoint, not one that targets another', () => {
    const result = merged(`${namespaceWide}---\n${otherWaypoint}---\n${onWaypoint}`, atWaypoint);
    expect(result.target).toMatchObject({ name: 'waypoint-tracing', namespace: 'shop' });
    const doc = read(result.merged);
    expect(doc.spec.targetRefs[0].name).toBe('shop-waypoint');
    expect(doc.spec.tracing).toEqual([{ randomSamplingPercentage: 5 }, { providers: [{ name: 'dynatrace-otel' }] }]);
  });
});
