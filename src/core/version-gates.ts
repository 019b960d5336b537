import { isAtLeast, parseIstioVersion } from './istio-version';

/*
 * The one table of what needs which Istio: a feature the user's version does not have is not offered in
 * the form, refused by the model (and so by the CLI and links) with the version it needs, and reported
 * when a pasted resource uses it. Each entry names where the first version was traced (istio/api tags).
 */

export interface VersionGate {
  /** First Istio minor (1.x) whose API has it. */
  minor: number;
  /** What it is, as a user reads it in a sentence: "<what> needs Istio 1.x or later". */
  what: string;
  source: string;
}

export const VERSION_GATES = {
  tokenFromIstiodEnv: {
    minor: 26,
    what: 'Reading the token from istiod’s environment (header envName)',
    source: 'istio/api mesh/v1alpha1/config.proto HttpHeader.env_name, #3474, first tagged 1.26.0',
  },
  customTagFormatter: {
    minor: 29,
    what: 'A custom tag from an access-log formatter (customTags.formatter)',
    source: 'istio/api telemetry/v1alpha1/telemetry.proto Tracing.Formatter, #3600, first tagged 1.29.0',
  },
  serviceAttributeEnrichment: {
    minor: 30,
    what: 'Service attributes after the OpenTelemetry conventions (serviceAttributeEnrichment)',
    source:
      'istio/api mesh/v1alpha1/config.proto OpenTelemetryTracingProvider.service_attribute_enrichment (field 8), first tagged 1.30.0; used by istio/istio pilot/pkg/networking/core/tracing.go at 1.30.0',
  },
  telemetryTargetRefs: {
    minor: 22,
    what: 'Attaching a Telemetry with targetRefs',
    source: 'istio/api telemetry/v1alpha1/telemetry.proto Telemetry.target_refs, first tagged 1.22.0',
  },
} as const satisfies Record<string, VersionGate>;

export type GatedFeature = keyof typeof VERSION_GATES;

/** True when `istioVersion` has the feature; an unreadable version is given the benefit of the doubt. */
export function hasFeature(feature: GatedFeature, istioVersion: string): boolean {
  const version = parseIstioVersion(istioVersion);
  return version === undefined || isAtLeast(version, 1, VERSION_GATES[feature].minor);
}

/** The sentence that refuses a feature for this version, or undefined when the version has it. */
export function versionRefusal(feature: GatedFeature, istioVersion: string): string | undefined {
  if (hasFeature(feature, istioVersion)) return undefined;
  const gate = VERSION_GATES[feature];
  return `${gate.what} needs Istio 1.${gate.minor} or later; this setup is for Istio ${istioVersion.trim()}.`;
}
