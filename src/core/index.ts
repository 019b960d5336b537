/*
 * The core's public entry for everything the first screen needs: defaults, requirement findings, share links,
 * Istio versions, endpoint parsing, the requirement commands and the model's types. Cheap to load: no schema,
 * no YAML library, no generators (those are in ./runtime, loaded lazily). src/ui and src/cli import the core only
 * through this file and ./runtime (enforced in eslint.config.js).
 */
export {
  CA_DELIVERIES,
  DEPLOYMENT_MODES,
  ENVIRONMENT_KINDS,
  MESH_CONFIG_FORMATS,
  NATIVE_SIDECAR_CHOICES,
  TENANT_TLS_MODES,
  TOKEN_STORAGES,
  defaultModel,
  defaultTokenStorage,
  effectiveTokenStorage,
  needsToken,
  requiredTokenScopes,
  sanitizeModelInput,
  withDefaults,
  type CaDelivery,
  type DeploymentMode,
  type EnvironmentKind,
  type FieldIssue,
  type MeshConfigFormat,
  type NativeSidecarChoice,
  type ResolvedTokenStorage,
  type TenantTlsMode,
  type TokenStorage,
} from './defaults';
export { FIND_ISTIOD_COMMAND } from './control-plane';
export { CONFIGMAP_UNDOCUMENTED, configMapCredentialSupported } from './generate/private-ca';
export type { Model, ModelInput, Validation } from './model';
export type { Finding, FindingLevel } from './finding';
export { checkRequirements, type RequirementAnswers } from './requirement-findings';
export {
  MODEL_FIELDS,
  WIZARD_STEPS,
  isWizardStep,
  stepIndex,
  stepOfField,
  stepOfIssuePath,
  type ModelField,
  type WizardStep,
} from './wizard-steps';
export {
  decodeShareFragment,
  encodeShareFragment,
  withoutSecrets,
  type DecodedLink,
  type SharedState,
} from './share-link';
export { isAtLeast, parseIstioVersion, readIstioctlVersionOutput, type IstioVersion } from './istio-version';
export { parseEnvironmentUrl, type ParsedEnvironmentUrl } from './endpoints';
export { ENVIRONMENT_KIND_LABELS } from './environment-kinds';
export { fillsFromEnvironmentUrl, fillsFromHubSnippet, type FieldFill, type FillPath } from './form-fills';
export { REQUIREMENT_COMMANDS } from './requirement-commands';
export { AMBIENT_TRACING_CHOICES, tracesAtWaypoints, type AmbientTracing, type WaypointRef } from './ambient-tracing';
export {
  AMBIENT_COMMANDS,
  DYNATRACE_AMBIENT_STATEMENT,
  DYNATRACE_ISTIO_GUIDE,
  WAYPOINT_REQUIREMENTS,
  type WaypointRequirement,
} from './ambient-findings';
export { isPlainObject, textOf } from './plain-data';
export type { InputProblem, ProblemCode } from './problems';
export { FORMAT_LABELS, type ExistingFormat } from './merge/format-labels';
export { inputSizeProblem, utf8ByteLength, type PasteKind } from './merge/input-size';
export { describeTextSize, isLargeText, LARGE_TEXT_CHARS } from './merge/large-text';
export type { Bundle, BundleFile } from './generate/bundle';
export type { CommandStep } from './generate/verification';
export type { MergeOutcome, MergeSuccess } from './merge/merge-provider';
export type { TelemetryMergeOutcome, TelemetryMergeSuccess } from './merge/telemetry/merge-telemetry';
export { findingsAfterTelemetryMerge } from './merge/telemetry/findings-after-merge';
export { CUSTOM_TAG_TYPES, customTagTypesFor, type CustomTagType } from './custom-tag-kinds';
export { VERSION_GATES, hasFeature, versionRefusal, type GatedFeature } from './version-gates';
export { TELEMETRY_FILE_NAME } from './file-names';
export {
  DEFAULT_ISTIO_VERSION,
  ISTIO_RELEASES,
  NEWEST_STABLE_ISTIO,
  istioVersionNote,
  istioVersionStatus,
  type IstioRelease,
  type IstioVersionStatus,
} from './istio-releases';
