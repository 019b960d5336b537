import { describe, expect, it } from 'vitest';
import {
  applyTracingEditsToData,
  completingEntry,
  planTracingEdits,
  providerNames,
  sameName,
  type TracingEdit,
} from './tracing-edit';

/*
 * The plan of edits that makes our provider the one a Telemetry's workloads trace with. istiod uses only the first
 * provider of a tracing entry, and an entry without providers keeps the provider chosen before it (istio/istio
 * pilot/pkg/model/telemetry.go, Telemetries.Tracing); provider names are compared case-insensitively (fetchProvider).
 */

const OURS = 'dynatrace-otel';
const NEW_ENTRY = { providers: [{ name: OURS }] };
const WIZARD_ENTRY = {
  providers: [{ name: OURS }],
  randomSamplingPercentage: 5,
  customTags: { team: { literal: { value: 'shop' } } },
};

describe('planning where our provider goes', () => {
  it('puts ours first in every entry that names providers, and names the ones it displaces', () => {
    const spec = {
      tracing: [
        { providers: [{ name: 'zipkin' }, { name: 'lightstep' }] },
        { randomSamplingPercentage: 10 },
        { match: { mode: 'SERVER' }, providers: [{ name: 'otel' }] },
      ],
    };
    expect(planTracingEdits(spec, OURS, NEW_ENTRY)).toEqual([
      { kind: 'put-first', entry: 0, displaced: ['zipkin', 'lightstep'] },
      { kind: 'put-first', entry: 2, displaced: ['otel'] },
    ]);
  });

  it('moves ours up from further down (case-insensitively), removing it there, and does not call it displaced', () => {
    const spec = { tracing: [{ providers: [{ name: 'zipkin' }, { name: 'Dynatrace-OTEL' }, { name: 'otel' }] }] };
    expect(planTracingEdits(spec, OURS, NEW_ENTRY)).toEqual([
      { kind: 'put-first', entry: 0, removeIndex: 1, displaced: ['zipkin', 'otel'] },
    ]);
  });

  it('leaves an entry alone when ours is already first, in any case', () => {
    const spec = { tracing: [{ providers: [{ name: 'DYNATRACE-otel' }, { name: 'zipkin' }] }] };
    expect(planTracingEdits(spec, OURS, NEW_ENTRY)).toEqual([{ kind: 'already-first', entry: 0 }]);
  });

  it('appends the wizard’s whole entry to a Telemetry without tracing (or with tracing that is not a list)', () => {
    for (const spec of [{}, { tracing: [] }, { tracing: 'nonsense' }, { tracing: { providers: [] } }])
      expect(planTracingEdits(spec, OURS, WIZARD_ENTRY)).toEqual([{ kind: 'append-entry', tracing: WIZARD_ENTRY }]);
  });

  it('appends an entry naming ours when no entry names a provider: null items and empty providers name none', () => {
    const spec = { tracing: [null, { providers: [] }, { providers: 'zipkin' }, 'text'] };
    expect(planTracingEdits(spec, OURS, NEW_ENTRY)).toEqual([
      { kind: 'append-entry', tracing: { providers: [{ name: OURS }] } },
    ]);
  });

  it('treats a null or nameless provider item as a provider that is not ours, and never names it as displaced', () => {
    // `providers: [null]`: istiod would find no provider of that name; ours goes first, nothing named is displaced.
    expect(planTracingEdits({ tracing: [{ providers: [null] }] }, OURS, NEW_ENTRY)).toEqual([
      { kind: 'put-first', entry: 0, displaced: [] },
    ]);
    expect(planTracingEdits({ tracing: [{ providers: [null, {}, { name: 'zipkin' }] }] }, OURS, NEW_ENTRY)).toEqual([
      { kind: 'put-first', entry: 0, displaced: ['zipkin'] },
    ]);
    expect(planTracingEdits({ tracing: [{ providers: [{}, { name: OURS }] }] }, OURS, NEW_ENTRY)).toEqual([
      { kind: 'put-first', entry: 0, removeIndex: 1, displaced: [] },
    ]);
  });
});

describe('the entry appended to a Telemetry whose entries only tune tracing', () => {
  it('carries the wizard’s sampling and custom tags where no entry sets them', () => {
    expect(completingEntry([{ match: { mode: 'CLIENT' } }], OURS, WIZARD_ENTRY)).toEqual(WIZARD_ENTRY);
  });

  it('does not carry a sampling percentage or tags that an entry of the Telemetry already sets (theirs stay in effect)', () => {
    expect(completingEntry([{ randomSamplingPercentage: 0 }], OURS, WIZARD_ENTRY)).toEqual({
      providers: [{ name: OURS }],
      customTags: WIZARD_ENTRY.customTags,
    });
    expect(completingEntry([null, { customTags: {} }], OURS, WIZARD_ENTRY)).toEqual({
      providers: [{ name: OURS }],
      randomSamplingPercentage: 5,
    });
  });

  it('counts a field set to null as not set, and an entry that is not a map as setting nothing', () => {
    const tracing = [{ randomSamplingPercentage: null, customTags: null }, ['randomSamplingPercentage'], 'customTags'];
    expect(completingEntry(tracing, OURS, WIZARD_ENTRY)).toEqual(WIZARD_ENTRY);
  });

  it('adds no sampling or tags the wizard does not choose (sampler on, no tags), and no match without a side', () => {
    const entry = completingEntry([{ match: { mode: 'SERVER' } }], OURS, NEW_ENTRY);
    expect(entry).toEqual({ providers: [{ name: OURS }] });
    expect(Object.keys(entry)).toEqual(['providers']);
  });

  it('names the side it completes', () => {
    expect(completingEntry([], OURS, NEW_ENTRY, 'SERVER')).toEqual({
      providers: [{ name: OURS }],
      match: { mode: 'SERVER' },
    });
    expect(completingEntry([], OURS, NEW_ENTRY, 'CLIENT').match).toEqual({ mode: 'CLIENT' });
  });
});

describe('reading provider names', () => {
  it('reads names as istiod compares them: strings, and numbers or booleans as their text; anything else is unnamed', () => {
    expect(
      providerNames({
        providers: [{ name: 'a' }, { name: 7 }, { name: true }, { name: null }, { name: {} }, null, 'b'],
      }),
    ).toEqual(['a', '7', 'true', '', '', '', '']);
    expect(providerNames({ providers: 'a' })).toEqual([]);
    expect(providerNames(null)).toEqual([]);
    expect(providerNames([{ providers: [{ name: 'a' }] }])).toEqual([]);
  });

  it('compares names without regard to case, and only whole names', () => {
    expect(sameName('Dynatrace-OTEL', 'dynatrace-otel')).toBe(true);
    expect(sameName('dynatrace-otel-2', 'dynatrace-otel')).toBe(false);
  });
});

describe('the plan applied to data (what the merged file must read back as)', () => {
  it('puts ours first, removes it further down, and leaves the input untouched', () => {
    const data = { spec: { tracing: [{ providers: [{ name: 'zipkin' }, { name: OURS }] }] } };
    const edits: TracingEdit[] = [{ kind: 'put-first', entry: 0, removeIndex: 1, displaced: ['zipkin'] }];
    expect(applyTracingEditsToData(data, OURS, edits)).toEqual({
      spec: { tracing: [{ providers: [{ name: OURS }, { name: 'zipkin' }] }] },
    });
    expect(data.spec.tracing[0]!.providers).toEqual([{ name: 'zipkin' }, { name: OURS }]);
  });

  it('appends entries, creating spec and spec.tracing when missing; already-first changes nothing', () => {
    const appended: TracingEdit = { kind: 'append-entry', tracing: NEW_ENTRY };
    expect(applyTracingEditsToData({ metadata: { name: 'm' } }, OURS, [appended])).toEqual({
      metadata: { name: 'm' },
      spec: { tracing: [NEW_ENTRY] },
    });
    expect(applyTracingEditsToData({ spec: { tracing: 'x' } }, OURS, [appended])).toEqual({
      spec: { tracing: [NEW_ENTRY] },
    });
    const data = { spec: { tracing: [{ providers: [{ name: OURS }] }] } };
    expect(applyTracingEditsToData(data, OURS, [{ kind: 'already-first', entry: 0 }])).toEqual(data);
  });
});
