import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../../__fixtures__/models';
import { merged, zipkin } from './__fixtures__/telemetries';

/*
 * What the Telemetry merge tells the user: which Telemetry it edits and why, what it changed, and the notes that
 * carry a fact (a kubectl warning to expect, a namespace to apply with, a resourceVersion kept). Each note is checked
 * where it must appear and where it must not.
 */

const read = (text: string) => parse(text, { version: '1.1' }) as Record<string, any>;
function telemetry(name: string, namespace: string | undefined, spec: string, metadata = ''): string {
  return (
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\n` +
    (namespace === undefined ? '' : `  namespace: ${namespace}\n`) +
    `${metadata}spec:\n${spec}`
  );
}
const tags = [{ name: 'team', type: 'literal' as const, value: 'shop', defaultValue: '' }];
const TAGS_NOT_WRITTEN = (name: string) =>
  `The custom tags chosen in the wizard are not written into ${name}; add them to the customTags of its tracing entry if you want them.`;
const WARNING_TAIL =
  ": Istio's validation says so for every Telemetry with more than one tracing entry or provider. It is a warning, not an error: the file is applied, and istiod uses the entries in order and the first provider of each.";

describe('when none of the user’s Telemetries conflicts with ours', () => {
  it('says none is namespace-wide in our namespace, and keeps the generated file', () => {
    const result = merged(telemetry('apps', 'apps', zipkin));
    expect(result.notes).toEqual([
      "None of your Telemetries conflicts with the wizard's (none without a workload selector in istio-system), so dt-telemetry.yaml stays the generated one and is applied beside yours.",
    ]);
    expect(result).toMatchObject({ original: '', changes: [], normalized: false });
    expect(result.target).toBeUndefined();
  });

  it('says none has our selector when ours selects workloads', () => {
    const cart = operatorSaas({ telemetry: { namespace: 'shop', selector: [{ key: 'app', value: 'cart' }] } });
    const result = merged(telemetry('shop-default', 'shop', zipkin), cart);
    expect(result.notes).toEqual([
      "None of your Telemetries conflicts with the wizard's (none with the same selector in shop), so dt-telemetry.yaml stays the generated one and is applied beside yours.",
    ]);
    expect(read(result.merged).spec.selector).toEqual({ matchLabels: { app: 'cart' } });
  });
});

describe('when the merge edits a Telemetry', () => {
  it('says which one it edits and why, and names it in every change', () => {
    const result = merged(telemetry('mesh-default', 'istio-system', zipkin));
    expect(result.target).toEqual({ name: 'mesh-default', namespace: 'istio-system', where: 'the input' });
    expect(result.notes[0]).toBe(
      'istio-system/mesh-default is the one to merge into: istiod uses only the oldest namespace-wide Telemetry of istio-system, so a second one would be ignored.',
    );
    expect(result.changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[0] of istio-system/mesh-default, above zipkin.',
    ]);
  });

  it('says what it moved, and above which provider', () => {
    const input = telemetry(
      'm',
      'istio-system',
      '  tracing:\n  - providers:\n    - name: zipkin\n    - name: dynatrace-otel\n',
    );
    expect(merged(input).changes).toEqual([
      'Moved dynatrace-otel to the top of spec.tracing[0].providers of istio-system/m, above zipkin.',
    ]);
    const two = telemetry('m', 'istio-system', '  tracing:\n  - providers:\n    - name: zipkin\n    - name: jaeger\n');
    expect(merged(two).changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[0] of istio-system/m, above zipkin, jaeger.',
    ]);
  });

  it('names no provider as displaced for null or nameless items (`providers: [null]`), and keeps them', () => {
    const nullOnly = merged(telemetry('m', 'istio-system', '  tracing:\n  - providers: [null]\n'));
    expect(nullOnly.changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[0] of istio-system/m.',
    ]);
    expect(read(nullOnly.merged).spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }, null] }]);
    expect(nullOnly.findings.map((f) => f.id)).not.toContain('telemetry-provider-displaced');

    const moved = merged(
      telemetry('m', 'istio-system', '  tracing:\n  - providers:\n    - {}\n    - name: dynatrace-otel\n'),
    );
    expect(moved.changes).toEqual(['Moved dynatrace-otel to the top of spec.tracing[0].providers of istio-system/m.']);

    const mixed = merged(
      telemetry('m', 'istio-system', '  tracing:\n  - null\n  - providers:\n    - null\n    - name: zipkin\n'),
    );
    expect(mixed.changes).toEqual([
      'Added dynatrace-otel as the first provider of spec.tracing[1] of istio-system/m, above zipkin.',
    ]);
    expect(read(mixed.merged).spec.tracing).toEqual([
      null,
      { providers: [{ name: 'dynatrace-otel' }, null, { name: 'zipkin' }] },
    ]);
  });

  it('says an appended entry leaves the other settings alone', () => {
    const result = merged(telemetry('m', 'istio-system', '  tracing:\n  - randomSamplingPercentage: 10\n'));
    expect(result.changes).toEqual([
      'Added a tracing entry naming dynatrace-otel to istio-system/m; its other settings are unchanged.',
    ]);
  });

  it('says which side an entry completes and which proxies read that side', () => {
    const serverOnly = merged(
      telemetry(
        'm',
        'istio-system',
        '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n',
      ),
    );
    expect(serverOnly.changes[1]).toBe(
      'Added a tracing entry naming dynatrace-otel for the CLIENT side to istio-system/m: its other entries name a provider only for the SERVER side, and gateways and sidecars’ outbound (client) spans read the CLIENT side.',
    );
    const clientOnly = merged(
      telemetry(
        'm',
        'istio-system',
        '  tracing:\n  - match:\n      mode: CLIENT\n    providers:\n    - name: zipkin\n',
      ),
    );
    expect(clientOnly.changes[1]).toBe(
      'Added a tracing entry naming dynatrace-otel for the SERVER side to istio-system/m: its other entries name a provider only for the CLIENT side, and waypoints and sidecars’ inbound (server) spans read the SERVER side.',
    );
    expect(read(clientOnly.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      match: { mode: 'SERVER' },
    });
  });

  it('adds no entry for a side when every side already ends with ours', () => {
    const sides =
      '  tracing:\n  - match:\n      mode: CLIENT\n    providers:\n    - name: zipkin\n' +
      '  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n';
    const result = merged(telemetry('m', 'istio-system', sides));
    expect(read(result.merged).spec.tracing).toHaveLength(2);
    expect(result.changes.join(' ')).not.toContain('tracing entry');
  });
});

describe('the wizard’s custom tags and sampling when the merge appends a side’s entry', () => {
  const clientOnly = '  tracing:\n  - match:\n      mode: CLIENT\n    providers:\n    - name: zipkin\n';

  it('writes the wizard’s tags and sampling into it when no entry sets them (sampler off, tags chosen)', () => {
    const m = operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5', customTags: tags } });
    const result = merged(telemetry('m', 'istio-system', clientOnly), m);
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      match: { mode: 'SERVER' },
      randomSamplingPercentage: 5,
      customTags: { team: { literal: { value: 'shop' } } },
    });
    expect(result.notes).not.toContain(TAGS_NOT_WRITTEN('istio-system/m'));
  });

  it('writes neither over the Telemetry’s own, and says the tags are not written', () => {
    const own =
      '  tracing:\n  - match:\n      mode: CLIENT\n    providers:\n    - name: zipkin\n    randomSamplingPercentage: 20\n' +
      '    customTags:\n      cost:\n        literal:\n          value: a\n';
    const m = operatorSaas({ provider: { sampler: false }, telemetry: { samplingPercentage: '5', customTags: tags } });
    const result = merged(telemetry('m', 'istio-system', own), m);
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      match: { mode: 'SERVER' },
    });
    expect(result.notes).toContain(TAGS_NOT_WRITTEN('istio-system/m'));
  });

  it('adds no sampling with the sampler on, and no tags the wizard does not choose', () => {
    const result = merged(telemetry('m', 'istio-system', clientOnly));
    expect(read(result.merged).spec.tracing[1]).toEqual({
      providers: [{ name: 'dynatrace-otel' }],
      match: { mode: 'SERVER' },
    });
    expect(result.notes.join(' ')).not.toMatch(/custom tags/);
  });

  it('says the tags are not written when ours only goes first in an existing entry; says nothing without tags', () => {
    const input = telemetry('mesh-default', 'istio-system', zipkin);
    expect(merged(input, operatorSaas({ telemetry: { customTags: tags } })).notes).toContain(
      TAGS_NOT_WRITTEN('istio-system/mesh-default'),
    );
    expect(merged(input).notes.join(' ')).not.toMatch(/custom tags/);
  });
});

describe('notes that carry a fact about applying the merged file', () => {
  it('names the kubectl warnings that come, only those, and none for one entry with one provider', () => {
    const two = merged(telemetry('m', 'istio-system', zipkin));
    expect(two.notes).toContain(
      `kubectl apply will print “Warning: multiple providers is not currently supported”${WARNING_TAIL}`,
    );
    const both = merged(
      telemetry(
        'm',
        'istio-system',
        '  tracing:\n  - match:\n      mode: SERVER\n    providers:\n    - name: zipkin\n',
      ),
    );
    expect(both.notes).toContain(
      `kubectl apply will print “Warning: multiple tracing is not currently supported” and “Warning: multiple providers is not currently supported”${WARNING_TAIL}`,
    );
    const none = merged(telemetry('m', 'istio-system', '  accessLogging:\n  - providers:\n    - name: envoy\n'));
    expect(read(none.merged).spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }] }]);
    expect(none.notes.join(' ')).not.toMatch(/kubectl apply will print/);
  });

  it('says the file has no namespace and is applied with -n, only when the user’s has none', () => {
    const without = merged(telemetry('mesh-default', undefined, zipkin));
    expect(without.target).toEqual({ name: 'mesh-default', namespace: 'istio-system', where: 'the input' });
    expect(without.notes).toContain(
      'The merged file has no metadata.namespace, as yours; it is applied with -n istio-system.',
    );
    expect(read(without.merged).metadata.namespace).toBeUndefined();
    expect(merged(telemetry('mesh-default', 'istio-system', zipkin)).notes.join(' ')).not.toMatch(/-n istio-system/);
  });

  it('keeps the reader’s notes (a Telemetry without a namespace is read as in ours)', () => {
    expect(merged(telemetry('mesh-default', undefined, zipkin)).notes[0]).toBe(
      "mesh-default (the input) has no metadata.namespace; it is read as being in the namespace the wizard's Telemetry targets.",
    );
  });

  it('says the Telemetry was re-rendered only when it could not be cut out of the input verbatim', () => {
    // Its tracing is an alias of another item's anchor: its own lines do not read as its data.
    const aliased =
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n' +
      '    name: a\n    namespace: apps\n  spec:\n    tracing: &t\n    - providers:\n      - name: zipkin\n' +
      '- apiVersion: telemetry.istio.io/v1\n  kind: Telemetry\n  metadata:\n    name: b\n    namespace: istio-system\n' +
      '  spec:\n    tracing: *t\n';
    const note = 'istio-system/b could not be cut out of your input verbatim; it was re-rendered from its data.';
    const result = merged(aliased);
    expect(result.target).toEqual({ name: 'b', namespace: 'istio-system', where: 'items[1]' });
    expect(result.notes).toContain(note);
    expect(read(result.merged).spec.tracing).toEqual([{ providers: [{ name: 'dynatrace-otel' }, { name: 'zipkin' }] }]);
    expect(merged(telemetry('b', 'istio-system', zipkin)).notes.join(' ')).not.toMatch(/verbatim/);
  });

  it('says a kept resourceVersion makes kubectl refuse a changed Telemetry, only when there is one', () => {
    const note =
      'The file keeps metadata.resourceVersion from your export, so kubectl apply refuses it if the Telemetry changed since; export it again then.';
    expect(merged(telemetry('m', 'istio-system', zipkin, '  resourceVersion: "12"\n')).notes).toContain(note);
    expect(merged(telemetry('m', 'istio-system', zipkin, '  uid: x\n')).notes).not.toContain(note);
  });

  it('says spacing was normalised only when the layout could not be edited in place', () => {
    const note =
      'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.';
    const flow = merged(telemetry('m', 'istio-system', '  tracing: [{providers: [{name: zipkin}]}]\n'));
    expect(flow.notes).toContain(note);
    expect(flow.normalized).toBe(true);
    const block = merged(telemetry('m', 'istio-system', zipkin));
    expect(block.notes).not.toContain(note);
    expect(block.normalized).toBe(false);
  });

  it('keeps CRLF line endings in both the original and the merged text', () => {
    const result = merged(telemetry('m', 'istio-system', zipkin).replace(/\n/g, '\r\n'));
    expect(result.original).toBe(telemetry('m', 'istio-system', zipkin).replace(/\n/g, '\r\n'));
    expect(result.merged).toContain('\r\n    - name: dynatrace-otel\r\n');
    expect(result.merged.replace(/\r\n/g, '')).not.toContain('\n');
    const lf = merged(telemetry('m', 'istio-system', zipkin));
    expect(lf.merged).not.toContain('\r');
    expect(lf.original).toBe(telemetry('m', 'istio-system', zipkin));
  });
});
