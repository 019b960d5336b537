// Order matters: zod must be told not to probe for eval before any schema is defined.
import '../zod-config';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import type { Model, ModelInput } from '../../core';
import {
  generateBundle,
  generateFiles,
  generateWithTokenPlaceholder,
  modelSchema,
  validateModel,
  withMeshConfigContent,
} from '../../core/runtime';

/*
 * Everything heavy the wizard needs after its first screen: the schema (zod), the generators and the
 * YAML library. Loaded as its own chunk right after the first step is on screen.
 */
export { generateBundle, generateFiles, generateWithTokenPlaceholder, withMeshConfigContent };

type Validation = ReturnType<typeof validateModel>;

/** The last values validated (a copy, so later edits of the form cannot change it) and the answer for them. */
let last: { values: unknown; validation: Validation } | undefined;

/**
 * The form's values validated against the model's schema. A keystroke asks three times for the same values: the open
 * preview in the keystroke's task (usePreviewPublishing), react-hook-form's resolver right after it, and the page once
 * typing pauses (useGeneration). The last answer is kept and given again while the values are the same data, so the
 * schema runs once per change.
 */
export function validateFormValues(values: unknown): Validation {
  if (last && sameData(last.values, values)) return last.validation;
  const validation = validateModel(values);
  last = { values: structuredClone(values), validation };
  return validation;
}

const schemaResolver = zodResolver(modelSchema);

/**
 * react-hook-form's resolver: zod's, except that values just found valid by validateFormValues are answered from it.
 * On success zod's resolver answers exactly this (the parsed model, no errors); errors always come from zod's resolver,
 * which maps them to the form's fields.
 */
export const resolveForm: Resolver<ModelInput, unknown, Model> = (values, context, options) => {
  if (last?.validation.ok && sameData(last.values, values))
    return Promise.resolve({ values: last.validation.model, errors: {} });
  return schemaResolver(values, context, options);
};

/**
 * Whether two form values hold the same data: the same primitives (Object.is), arrays of the same items, objects with
 * the same own keys (a key holding undefined is not a missing key: zod's output differs) and the same values.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (Object.getPrototypeOf(a) !== Object.prototype && Object.getPrototypeOf(a) !== null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(recordB, key) && sameData(recordA[key], recordB[key]));
}
