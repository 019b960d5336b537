import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../../__fixtures__/models';
import { mergeIntoExistingTelemetry, type TelemetryMergeSuccess } from './merge-telemetry';
import type * as Apply from './apply-tracing-edits';

/*
 * The Telemetry merge re-reads every result and compares it with the plan applied to the data. These tests make the
 * text editor beneath it go wrong on purpose, the way a bug in it would: the merge must fall back to the yaml
 * Document API, or refuse with MERGE_UNSAFE, and never hand out a file that is not the user's Telemetry plus ours.
 */

type Corruption = (text: string, inPlace: boolean) => string;
const editor = vi.hoisted(() => ({ corrupt: undefined as Corruption | undefined, calls: [] as boolean[] }));

vi.mock('./apply-tracing-edits', async (importOriginal) => {
  const actual = await importOriginal<typeof Apply>();
  return {
    ...actual,
    applyTracingEdits: (...args: Parameters<typeof actual.applyTracingEdits>) => {
      const result = actual.applyTracingEdits(...args);
      editor.calls.push(args[3]);
      return editor.corrupt ? { ...result, text: editor.corrupt(result.text, args[3]) } : result;
    },
  };
});

function withEditor<T>(corrupt: Corruption | undefined, run: () => T): { result: T; calls: boolean[] } {
  editor.corrupt = corrupt;
  editor.calls = [];
  try {
    return { result: run(), calls: editor.calls };
  } finally {
    editor.corrupt = undefined;
  }
}

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
const MESH_DEFAULT =
  'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  namespace: istio-system\n' +
  'spec:\n  metrics:\n  - providers:\n    - name: prometheus\n  tracing:\n  - providers:\n    - name: zipkin\n';
/** Changes what the user wrote elsewhere in the file: the kind of slip the check exists for. */
const dropMetrics: Corruption = (text) => text.replace('prometheus', 'statsd');

describe('the Telemetry merge’s safety net', () => {
  it('keeps a correct in-place edit: no second attempt, nothing normalised', () => {
    const { result, calls } = withEditor(undefined, () => mergeIntoExistingTelemetry(MESH_DEFAULT, operatorSaas()));
    if (!result.ok) throw new Error(result.problem.message);
    expect(calls).toEqual([true]);
    expect(result.normalized).toBe(false);
    expect(result.notes.join(' ')).not.toMatch(/could not be edited in place/);
  });

  it('throws away an in-place edit that changes anything else, for the Document API’s result, and says so', () => {
    const { result, calls } = withEditor(
      (text, inPlace) => (inPlace ? dropMetrics(text, inPlace) : text),
      () => mergeIntoExistingTelemetry(MESH_DEFAULT, operatorSaas()),
    );
    if (!result.ok) throw new Error(result.problem.message);
    expect(calls).toEqual([true, false]);
    const merged = read(result.merged);
    expect(merged.spec.metrics).toEqual([{ providers: [{ name: 'prometheus' }] }]);
    expect(merged.spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }] }]);
    expect(result.normalized).toBe(true);
    expect(result.notes).toContain(
      'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.',
    );
  });

  it('refuses with MERGE_UNSAFE, naming the Telemetry and what to do by hand, when both attempts read back wrong', () => {
    for (const corrupt of [dropMetrics, (text: string) => `${text}  tracing: [\n`, () => 'spec: {}\n']) {
      const { result } = withEditor(corrupt, () => mergeIntoExistingTelemetry(MESH_DEFAULT, operatorSaas()));
      expect(result).toEqual({
        ok: false,
        problem: {
          code: 'MERGE_UNSAFE',
          message:
            'istio-system/mesh-default could not be merged safely. Please report it; meanwhile add dynatrace-otel as the first provider of its spec.tracing by hand.',
        },
      });
    }
  });

  it('compares the whole resource, not just the tracing: a changed name or an extra key is refused too', () => {
    for (const corrupt of [
      (text: string) => text.replace('name: mesh-default', 'name: mesh-defaults'),
      (text: string) => `${text}  extra: 1\n`,
      (text: string) => text.replace('- name: zipkin', '- name: zipkin\n    - name: other'),
    ]) {
      const { result } = withEditor(corrupt, () => mergeIntoExistingTelemetry(MESH_DEFAULT, operatorSaas()));
      expect(result.ok).toBe(false);
    }
  });

  it('re-reads the result as kubectl does (YAML 1.1, aliases expanded): such a Telemetry merges in place, not refused', () => {
    // `yes` is true in YAML 1.1 (kubectl's reader) and a string in 1.2; each alias below expands a map.
    const input =
      'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  namespace: istio-system\n' +
      'spec:\n  metrics:\n  - providers:\n    - name: prometheus\n    overrides:\n' +
      '    - match:\n        metric: REQUEST_COUNT\n      disabled: yes\n      tagOverrides: &tags\n        team:\n          value: shop\n' +
      '    - match:\n        metric: REQUEST_SIZE\n      tagOverrides: *tags\n' +
      '    - match:\n        metric: RESPONSE_SIZE\n      tagOverrides: *tags\n' +
      '  tracing:\n  - providers:\n    - name: zipkin\n';
    const { result, calls } = withEditor(undefined, () => mergeIntoExistingTelemetry(input, operatorSaas()));
    if (!result.ok) throw new Error(result.problem.message);
    expect(calls).toEqual([true]);
    expect(result.normalized).toBe(false);
    expect(result.merged).toBe(
      input.replace('    - name: zipkin\n', '    - name: dynatrace-otel\n    - name: zipkin\n'),
    );
    const overrides = read(result.merged).spec.metrics[0].overrides;
    expect(overrides[0].disabled).toBe(true);
    expect(overrides[2].tagOverrides).toEqual({ team: { value: 'shop' } });
  });

  it('is not consulted when nothing conflicts: the generated Telemetry is used as it is', () => {
    const other = MESH_DEFAULT.replace('namespace: istio-system', 'namespace: apps');
    const { result, calls } = withEditor(dropMetrics, () => mergeIntoExistingTelemetry(other, operatorSaas()));
    expect(calls).toEqual([]);
    expect(result.ok && result.target).toBeUndefined();
  });
});

describe('the rules side: a merge that istiod’s rules would not put into effect says which resource decides', () => {
  const telemetry = (name: string, spec: string, created: string) =>
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\n  namespace: shop\n` +
    `  creationTimestamp: "${created}"\nspec:\n${spec}`;
  const zipkin = '  tracing:\n  - providers:\n    - name: zipkin\n';
  const twoLabels = operatorSaas({
    telemetry: {
      namespace: 'shop',
      selector: [
        { key: 'app', value: 'cart' },
        { key: 'tier', value: 'web' },
      ],
    },
  });
  const input = [
    telemetry(
      'exact',
      '  selector:\n    matchLabels:\n      app: cart\n      tier: web\n' + zipkin,
      '2024-01-01T00:00:00Z',
    ),
    telemetry('broad', '  selector:\n    matchLabels:\n      app: cart\n' + zipkin, '2025-01-01T00:00:00Z'),
  ].join('---\n');

  function merged(text: string, m = twoLabels): TelemetryMergeSuccess {
    const result = mergeIntoExistingTelemetry(text, m);
    if (!result.ok) throw new Error(result.problem.message);
    return result;
  }

  it('does not append an entry to the edited Telemetry that a newer one would override anyway, and names the newer one', () => {
    const result = merged(input);
    expect(result.target?.name).toBe('exact');
    expect(read(result.merged).spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }] }]);
    expect(result.changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[0] of shop/exact, above zipkin.',
    ]);
    const notOurs = result.findings.filter((f) => f.id === 'telemetry-scope-not-ours');
    expect(notOurs).toHaveLength(1);
    expect(notOurs[0]!.message).toMatch(/would still not trace to dynatrace-otel: .*zipkin \(from shop\/broad\)/);
    expect(notOurs[0]!.fix).toBe('Name dynatrace-otel first in the tracing of shop/broad, or remove its providers.');
  });

  it('reports nothing of the kind when the edited Telemetry decides', () => {
    const alone = merged(input.split('---\n')[0]!);
    expect(alone.findings.map((f) => f.id)).not.toContain('telemetry-scope-not-ours');
  });
});
