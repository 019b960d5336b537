import { hasFeature } from './version-gates';

/*
 * The kinds of custom span tag (istio/api telemetry/v1alpha1/telemetry.proto Tracing.CustomTag), kept
 * free of zod so the form and the Telemetry generator can use them without loading the schema.
 */

export const CUSTOM_TAG_TYPES = ['literal', 'environment', 'header', 'formatter'] as const;
export type CustomTagType = (typeof CUSTOM_TAG_TYPES)[number];

/** The kinds this Istio version offers, for the form. */
export function customTagTypesFor(istioVersion: string): CustomTagType[] {
  return CUSTOM_TAG_TYPES.filter((type) => type !== 'formatter' || hasFeature('customTagFormatter', istioVersion));
}

/** A validated tag (see custom-tags.ts for the rules). */
export interface CustomTag {
  name: string;
  type: CustomTagType;
  value: string;
  defaultValue: string;
}

/** spec.tracing[].customTags as the Telemetry API spells it. */
export function renderCustomTags(tags: readonly CustomTag[]): Record<string, unknown> | undefined {
  if (tags.length === 0) return undefined;
  return Object.fromEntries(
    tags.map((tag): [string, unknown] => {
      const withDefault = (name: string) =>
        tag.defaultValue === '' ? { name } : { name, defaultValue: tag.defaultValue };
      switch (tag.type) {
        case 'literal':
          return [tag.name, { literal: { value: tag.value } }];
        case 'environment':
          return [tag.name, { environment: withDefault(tag.value) }];
        case 'header':
          return [tag.name, { header: withDefault(tag.value) }];
        case 'formatter':
          return [tag.name, { formatter: { value: tag.value } }];
      }
    }),
  );
}
