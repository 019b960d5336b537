import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultModel } from './defaults';
import { modelSchema, validateModel } from './model';
import {
  MODEL_FIELDS,
  WIZARD_STEPS,
  isWizardStep,
  stepIndex,
  stepOfField,
  stepOfIssuePath,
  type ModelField,
} from './wizard-steps';
import { runs } from '../test-setup/runs';

/** Dotted paths of every leaf of a plain object; a list counts as one field, as the form treats it. */
function leavesOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leavesOf(child, prefix ? `${prefix}.${key}` : key));
}

/** The same, read from the schema: every key of every nested z.object. */
function schemaFieldsOf(schema: z.ZodType, prefix = ''): string[] {
  // A schema with a .transform() is a pipe: its fields are those of what goes in.
  if (schema instanceof z.ZodPipe) return schemaFieldsOf(schema.in as z.ZodType, prefix);
  // A field added later carries a default (old links and files lack it); its shape is inside.
  if (schema instanceof z.ZodDefault) return schemaFieldsOf(schema.unwrap() as z.ZodType, prefix);
  if (!(schema instanceof z.ZodObject)) return [prefix];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
    schemaFieldsOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('the wizard steps', () => {
  it('map every field of the model, read from its defaults and from its schema, to a step', () => {
    const fromDefaults = leavesOf(defaultModel).sort();
    const fromSchema = schemaFieldsOf(modelSchema).sort();
    expect(fromSchema).toEqual(fromDefaults);
    // A new model field without a step fails here (and in the type of the table).
    expect([...MODEL_FIELDS].sort()).toEqual(fromDefaults);
    for (const field of fromDefaults) expect(WIZARD_STEPS).toContain(stepOfField(field as ModelField));
  });

  it('ask for the requirements first, the provider’s settings on configuration, the output form with the mesh config', () => {
    expect(stepOfField('istio.version')).toBe('requirements');
    expect(stepOfField('mode')).toBe('requirements');
    expect(stepOfField('dynatrace.clusterId')).toBe('configuration');
    expect(stepOfField('output.meshConfigFormat')).toBe('mesh-config');
    expect(stepOfField('telemetry.selector')).toBe('telemetry');
  });

  it('place an issue inside a field (a selector label) on that field’s step, and a path outside the model nowhere', () => {
    expect(stepOfIssuePath('telemetry.selector.3.key')).toBe('telemetry');
    // A group of fields that share a step (the waypoint's name and namespace), reported as a whole.
    expect(stepOfIssuePath('telemetry.waypoint')).toBe('telemetry');
    expect(stepOfIssuePath('dynatrace.host')).toBe('configuration');
    expect(stepOfIssuePath('dynatrace')).toBeUndefined();
    expect(stepOfIssuePath('nonsense.field')).toBeUndefined();
    expect(stepOfIssuePath('')).toBeUndefined();
  });

  it('place every issue validation reports, for any values in any field, on a step', () => {
    const values = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything()));
    const input = fc.dictionary(fc.constantFrom(...MODEL_FIELDS), values).map((patch) => {
      const model = structuredClone(defaultModel) as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(patch)) {
        const keys = field.split('.');
        const parent = keys.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, model);
        parent[keys[keys.length - 1]!] = value;
      }
      return model;
    });
    fc.assert(
      fc.property(input, (model) => {
        const result = validateModel(model);
        if (result.ok) return;
        for (const issue of result.issues) expect(stepOfIssuePath(issue.path), issue.path).toBeDefined();
      }),
      { numRuns: runs(200) },
    );
  });

  it('walk in one order, and tell a step from anything else', () => {
    expect(WIZARD_STEPS.map(stepIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(isWizardStep('verify')).toBe(true);
    expect(isWizardStep('Verify')).toBe(false);
    expect(isWizardStep(3)).toBe(false);
  });
});
