import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseAllDocuments } from 'yaml';
import { model } from '../../__fixtures__/models';
import { anyPastedText, layout, renderWithComments, type Layout } from '../../__fixtures__/yaml-arbitraries';
import { mergeIntoExistingTelemetry } from './merge-telemetry';
import { runs } from '../../../test-setup/runs';

/*
 * Random mesh-wide Telemetries (metrics, access logging, tracing entries with any mix of providers and
 * other fields), in several indentations, alone, among other documents or inside a List, with comments
 * scattered over them: the merge must keep every key and comment outside the providers lists it edits,
 * make ours the first provider wherever providers are named, and be idempotent.
 */

type Plain = Record<string, unknown>;
const OURS = 'dynatrace-otel';

const providerName = fc.oneof(
  fc.constantFrom('zipkin', 'otel', OURS, 'Dynatrace-Otel'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
);
const providers = fc
  .uniqueArray(providerName, { maxLength: 3, selector: (name) => name.toLowerCase() })
  .map((names) => names.map((name) => ({ name })));
const tracingEntry = fc
  .record(
    {
      providers,
      randomSamplingPercentage: fc.constantFrom(0, 1, 10.5, 100),
      disableSpanReporting: fc.boolean(),
      customTags: fc.dictionary(
        fc.stringMatching(/^[a-z][a-z_]{0,6}$/),
        fc.record({ literal: fc.record({ value: fc.string({ minLength: 1, maxLength: 6 }) }) }),
        { maxKeys: 2 },
      ),
      match: fc.record({ mode: fc.constantFrom('CLIENT', 'SERVER', 'CLIENT_AND_SERVER') }),
    },
    { requiredKeys: [] },
  )
  .map((entry) =>
    Array.isArray(entry.providers) && entry.providers.length === 0 ? { ...entry, providers: undefined } : entry,
  )
  .map((entry) => JSON.parse(JSON.stringify(entry)) as Plain);
const spec = fc.record(
  {
    metrics: fc.constant([
      { providers: [{ name: 'prometheus' }], overrides: [{ match: { metric: 'REQUEST_COUNT' }, disabled: true }] },
    ]),
    accessLogging: fc.constant([{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400' } }]),
    tracing: fc.array(tracingEntry, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const telemetry = fc
  .record({
    spec,
    labels: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom('yes', 'on', 'x', '0755'), { maxKeys: 2 }),
  })
  .map(({ spec, labels }) => ({
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 'mesh-default', namespace: 'istio-system', ...(Object.keys(labels).length ? { labels } : {}) },
    spec,
  }));
const wrapping = fc.constantFrom('alone', 'documents', 'list');

/** Comments go on any key but those inside a providers list (the merge edits them); those in our Telemetry are kept. */
const render = (value: unknown, options: Layout, seed: number) =>
  renderWithComments(value, options, seed, {
    skip: (path) =>
      path.some(
        (node) => isSeq(node) && path.some((p) => isMap(p) && p.has('providers') && p.get('providers') === node),
      ),
    kept: (path) =>
      path.some(
        (node) =>
          isMap(node) && node.get('kind') === 'Telemetry' && node.getIn(['metadata', 'name']) === 'mesh-default',
      ),
  });

function input(kind: string, resource: Plain, options: Layout, seed: number) {
  const other = {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 'apps', namespace: 'apps' },
    spec: { metrics: [{ providers: [{ name: 'prometheus' }] }] },
  };
  if (kind === 'list')
    return render(
      { apiVersion: 'v1', kind: 'List', items: [other, resource], metadata: { resourceVersion: '' } },
      options,
      seed,
    );
  const own = render(resource, options, seed);
  if (kind === 'alone') return own;
  return { text: `${render(other, options, seed + 1).text}---\n${own.text}`, comments: own.comments };
}

function withoutProviders(resource: Plain): Plain {
  const copy = JSON.parse(JSON.stringify(resource)) as Plain;
  const s = copy.spec as Plain | undefined;
  if (s && Array.isArray(s.tracing)) s.tracing = (s.tracing as Plain[]).map(({ providers: _p, ...rest }) => rest);
  return copy;
}

describe('merging into any Telemetry', () => {
  const m = model();

  it('keeps every key and comment outside the edited providers lists, puts ours first, and is idempotent', () => {
    fc.assert(
      fc.property(wrapping, telemetry, layout, fc.nat(5), (kind, resource, options, seed) => {
        const { text, comments } = input(kind, resource, options, seed);
        const result = mergeIntoExistingTelemetry(text, m);
        if (!result.ok) throw new Error(`${result.problem.message}\n${text}`);
        expect(result.target?.name).toBe('mesh-default');

        const before = parseAllDocuments(text, { version: '1.1' }).pop()!.toJS() as Plain;
        const beforeResource = kind === 'list' ? (before.items as Plain[])[1]! : before;
        const after = parse(result.merged, { version: '1.1' }) as Plain;
        const tracingBefore = ((beforeResource.spec as Plain).tracing as Plain[] | undefined) ?? [];
        const tracingAfter = (after.spec as Plain).tracing as Plain[];

        // Entries the merge appended hold only providers (or, without any tracing before, our whole entry).
        const appended = tracingAfter.slice(tracingBefore.length);
        const kept = {
          ...after,
          spec: { ...(after.spec as Plain), tracing: tracingAfter.slice(0, tracingBefore.length) },
        } as Plain;
        if ((beforeResource.spec as Plain).tracing === undefined) delete (kept.spec as Plain).tracing;
        expect(withoutProviders(kept)).toEqual(withoutProviders(beforeResource));
        for (const entry of appended) expect(entry.providers).toEqual([{ name: OURS }]);

        // Wherever providers are named, ours (compared as istiod does, case-insensitively) is first and named once.
        for (const entry of tracingAfter) {
          const names = ((entry.providers as { name: string }[] | undefined) ?? []).map((p) => p.name.toLowerCase());
          if (names.length === 0) continue;
          expect(names[0]).toBe(OURS);
          expect(names.filter((name) => name === OURS)).toHaveLength(1);
        }
        expect(tracingAfter.some((entry) => Array.isArray(entry.providers) && entry.providers.length > 0)).toBe(true);
        for (const comment of comments) expect(result.merged).toContain(comment);

        const again = mergeIntoExistingTelemetry(result.merged, m);
        if (!again.ok) throw new Error(again.problem.message);
        expect(again.merged).toBe(result.merged);
      }),
      { numRuns: runs(200) },
    );
    // Generous: the machine may be busy; this bounds a hang, it does not measure speed.
  }, 120_000);

  it('never throws on any text, and rejects what is not a Telemetry with a message', () => {
    fc.assert(
      fc.property(anyPastedText, (text) => {
        const result = mergeIntoExistingTelemetry(text, m);
        if (!result.ok) expect(result.problem.message.length).toBeGreaterThan(10);
      }),
      { numRuns: runs(500) },
    );
  }, 120_000);
});
