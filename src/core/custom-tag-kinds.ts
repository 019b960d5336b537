import { hasFeature } from './version-gates';

/*
 * The kinds of custom span tag (istio/api telemetry/v1alpha1/telemetry.proto Tracing.CustomTag), kept
 * free of zod so the form can offer them without loading the schema.
 */

export const CUSTOM_TAG_TYPES = ['literal', 'environment', 'header', 'formatter'] as const;
export type CustomTagType = (typeof CUSTOM_TAG_TYPES)[number];

/** The kinds this Istio version offers, for the form. */
export function customTagTypesFor(istioVersion: string): CustomTagType[] {
  return CUSTOM_TAG_TYPES.filter((type) => type !== 'formatter' || hasFeature('customTagFormatter', istioVersion));
}
