import { compare, parseIstioVersion, type IstioVersion } from './istio-version';
import {
  TELEMETRY_FIELDS,
  TELEMETRY_FIELDS_SOURCE,
  TELEMETRY_TARGET_REF_KINDS,
  type TelemetryFieldSpan,
} from './telemetry-fields.gen';

export { TELEMETRY_FIELDS, TELEMETRY_FIELDS_SOURCE, TELEMETRY_TARGET_REF_KINDS };

/*
 * Which Telemetry fields an Istio version has, from the generated table (telemetry-fields.gen.ts: the
 * telemetry.istio.io/v1 CRD at each istio/api tag, and the targetRefs kinds istiod's webhook allows at each istio/istio
 * tag). The Telemetry CRD is a structural schema, so the API server of a cluster whose CRD lacks a field drops it on
 * apply: the setting silently does nothing.
 */

export type TelemetryFieldGapCode =
  | 'telemetry-field-too-new'
  | 'telemetry-field-removed'
  | 'telemetry-field-unknown'
  | 'telemetry-target-kind-too-new'
  | 'telemetry-target-kind-unknown';

export interface TelemetryFieldGap {
  code: TelemetryFieldGapCode;
  /** Where in the resource, with list indexes and map keys: `spec.tracing[0].customTags.cluster.formatter`. */
  path: string;
  /** The table's path of that field: `spec.tracing[].customTags{}.formatter`. */
  field: string;
  /** The first Istio release that has it. */
  since?: string;
  message: string;
}

/** A minor-only version (`1.25`) is read as its newest patch, so a field added in a patch is not held against it. */
function readVersion(text: string): IstioVersion | undefined {
  const version = parseIstioVersion(text);
  if (!version) return undefined;
  return version.patch === undefined ? { ...version, patch: Number.MAX_SAFE_INTEGER } : version;
}

function has(span: TelemetryFieldSpan, version: IstioVersion): 'yes' | 'too-new' | 'removed' {
  if (compare(version, parseIstioVersion(span.since)!) < 0) return 'too-new';
  if (span.until !== undefined && compare(version, parseIstioVersion(span.until)!) > 0) {
    return 'removed';
  }
  return 'yes';
}

/** "1.25" for a field that came with a minor release, "1.24.5" for one that came in a patch. */
function needs(since: string): string {
  return since.endsWith('.0') ? since.slice(0, -2) : since;
}

/** The fields that are maps (their values' fields sit under `field{}`), e.g. spec.tracing[].customTags. */
const MAPS = new Set(
  Object.keys(TELEMETRY_FIELDS).flatMap((path) =>
    [...path.matchAll(/\{\}/g)].map((match) => path.slice(0, match.index)),
  ),
);
const isMap = (field: string) => MAPS.has(field);
const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every field of a Telemetry (the whole resource, or its spec) that the given Istio version does not have, with the
 * version that has it; also targetRefs kinds istiod of that version refuses, and fields no version has. Nothing for
 * an unreadable version: the form reports that on its own.
 */
export function telemetryFieldGaps(telemetry: unknown, istioVersion: string): TelemetryFieldGap[] {
  const version = readVersion(istioVersion);
  if (!version || !isPlain(telemetry)) return [];
  const spec = 'spec' in telemetry || 'apiVersion' in telemetry || 'kind' in telemetry ? telemetry.spec : telemetry;
  if (!isPlain(spec)) return [];
  const shown = istioVersion.trim().replace(/^v/, '');
  const gaps: TelemetryFieldGap[] = [];

  const walk = (value: unknown, field: string, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${field}[]`, `${path}[${index}]`));
      return;
    }
    if (!isPlain(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      const childPath = `${path}.${key}`;
      // A map's keys are the user's (tag names): only its values have fields.
      if (isMap(field)) {
        walk(inner, `${field}{}`, childPath);
        continue;
      }
      const childField = `${field}.${key}`;
      const span = TELEMETRY_FIELDS[childField];
      if (!span) {
        gaps.push({
          code: 'telemetry-field-unknown',
          path: childPath,
          field: childField,
          message: `${childPath}: no Istio release's Telemetry has this field; the API server drops it. Check the spelling.`,
        });
        continue;
      }
      const state = has(span, version);
      if (state === 'too-new') {
        gaps.push({
          code: 'telemetry-field-too-new',
          path: childPath,
          field: childField,
          since: span.since,
          message: `${childPath} needs Istio ${needs(span.since)} or later; the Telemetry CRD of Istio ${shown} does not have it, so the API server drops it and the setting does nothing.`,
        });
        continue;
      }
      if (state === 'removed') {
        gaps.push({
          code: 'telemetry-field-removed',
          path: childPath,
          field: childField,
          since: span.since,
          message: `${childPath} was removed after Istio ${span.until}; Istio ${shown} does not have it.`,
        });
        continue;
      }
      walk(inner, childField, childPath);
    }
  };
  walk(spec, 'spec', 'spec');

  const listed: unknown[] = Array.isArray(spec.targetRefs) ? spec.targetRefs : [];
  const refs: [unknown, string][] = listed.map((ref, index) => [ref, `spec.targetRefs[${index}]`]);
  if (spec.targetRef !== undefined) refs.push([spec.targetRef, 'spec.targetRef']);
  for (const [ref, path] of refs) {
    if (!isPlain(ref) || typeof ref.kind !== 'string') continue;
    const group = typeof ref.group === 'string' ? ref.group : '';
    // istiod compares canonical groups: '' and 'core' are the core group (validation.go validatePolicyTargetReference).
    const canonical = group === 'core' ? '' : group;
    const kind = TELEMETRY_TARGET_REF_KINDS.find((entry) => entry.group === canonical && entry.kind === ref.kind);
    const named = `${group === '' ? '' : `${group}/`}${ref.kind}`;
    if (!kind) {
      gaps.push({
        code: 'telemetry-target-kind-unknown',
        path,
        field: 'spec.targetRefs[].kind',
        message: `${path}: istiod refuses targetRefs to ${named}; it takes ${TELEMETRY_TARGET_REF_KINDS.map((entry) => `${entry.group === '' ? '' : `${entry.group}/`}${entry.kind}`).join(', ')}.`,
      });
    } else if (has(kind, version) !== 'yes') {
      gaps.push({
        code: 'telemetry-target-kind-too-new',
        path,
        field: 'spec.targetRefs[].kind',
        since: kind.since,
        message: `${path}: targetRefs to ${named} need Istio ${needs(kind.since)} or later; istiod ${shown} refuses them.`,
      });
    }
  }
  return gaps;
}

/** The newest tag the field table was read from. */
export function telemetryFieldsNewestTag(): string {
  const tags = Object.keys(TELEMETRY_FIELDS_SOURCE.fields.tags);
  return tags[tags.length - 1]!;
}
