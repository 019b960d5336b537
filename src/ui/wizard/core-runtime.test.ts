import fc from 'fast-check';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { withDefaults, type Model, type ModelInput } from '../../core';
import { modelSchema, validateModel } from '../../core/runtime';
import { resolveForm, sameData, validateFormValues } from './core-runtime';

const options: ResolverOptions<ModelInput> = { fields: {}, shouldUseNativeValidation: false };
const valid = () => withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' } });
const withNamespace = (values: ModelInput, namespace: unknown) =>
  ({ ...values, telemetry: { ...values.telemetry, namespace } }) as ModelInput;

describe('validateFormValues', () => {
  it('answers as validateModel does, for the same values and after every change', () => {
    const values = valid();
    expect(validateFormValues(values)).toEqual(validateModel(values));
    for (const namespace of ['tracing', 'Not A Namespace', '', 'istio-system']) {
      const changed = withNamespace(values, namespace);
      expect(validateFormValues(changed)).toEqual(validateModel(changed));
    }
  });

  it('is not fooled by the form changing the object it validated', () => {
    const values = valid();
    expect(validateFormValues(values).ok).toBe(true);
    (values.telemetry as { namespace: string }).namespace = 'Not A Namespace';
    expect(validateFormValues(values).ok).toBe(false);
  });
});

describe('resolveForm', () => {
  const zod = zodResolver(modelSchema);

  it('gives what zod’s resolver gives, valid or not, whether or not the values were just validated', async () => {
    for (const namespace of ['tracing', 'Not A Namespace', 42, '']) {
      const values = withNamespace(valid(), namespace);
      const expected = await zod(values, undefined, options);
      expect(await resolveForm(values, undefined, options)).toEqual(expected);
      validateFormValues(values);
      expect(await resolveForm(values, undefined, options)).toEqual(expected);
    }
  });

  it('answers the model just validated without running the schema again', async () => {
    const values = withNamespace(valid(), 'tracing');
    const validation = validateFormValues(values);
    if (!validation.ok) throw new Error('expected valid values');
    const result = await resolveForm(structuredClone(values), undefined, options);
    // The very object validateFormValues produced: zod did not parse again.
    expect(result.values).toBe(validation.model satisfies Model);
    expect(result.errors).toEqual({});
  });
});

describe('sameData', () => {
  const data = fc.jsonValue();

  it('holds for a value and its copy', () => {
    fc.assert(fc.property(data, (value) => sameData(value, structuredClone(value))));
  });

  it('agrees with a comparison of the JSON texts for JSON data', () => {
    // For values that survive JSON (fast-check's jsonValue: no undefined, NaN or -0) the same data is the same JSON
    // text up to the order of keys.
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : item,
      );
    fc.assert(fc.property(data, data, (a, b) => sameData(a, b) === (canonical(a) === canonical(b))));
  });

  it('tells a key holding undefined from a missing key, NaN from null, and an array from an object', () => {
    expect(sameData({ a: undefined }, {})).toBe(false);
    expect(sameData({ a: Number.NaN }, { a: null })).toBe(false);
    expect(sameData({ a: Number.NaN }, { a: Number.NaN })).toBe(true);
    expect(sameData(['x'], { 0: 'x' })).toBe(false);
    expect(sameData({ a: [1, { b: 'c' }] }, { a: [1, { b: 'd' }] })).toBe(false);
  });
});
