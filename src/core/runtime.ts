/*
 * The core's second public entry: the heavy part the wizard loads lazily after its first screen (and the CLI
 * uses directly): the model's schema and validation (zod), the generators, and reading and merging a user's
 * own config (the YAML library). Kept apart from ./index so the first screen never pays for it.
 */
export { modelSchema, validateModel } from './model';
export { resolveSetup, type ResolvedSetup } from './setup/resolved-setup';
export {
  TOKEN_PLACEHOLDER,
  generateBundle,
  generateFiles,
  generateWithTokenPlaceholder,
  withMeshConfigContent,
} from './generate/bundle';
export { mergeIntoExistingMeshConfig } from './merge/merge-provider';
export { wrapBareMeshConfig } from './merge/wrap-bare-block';
export { mergeIntoExistingTelemetry } from './merge/telemetry/merge-telemetry';
export { TELEMETRY_FILE_NAME } from './generate/telemetry';
export {
  COLLECT_OUTPUT_FILE_NAME,
  COLLECT_SCRIPT_FILE_NAME,
  splitCollected,
  type CollectedSection,
} from './generate/collect-script';
export { DYNAKUBE_PATCH_FILE_NAME, dynakubeTelemetryIngestPatch, type DynakubePatch } from './generate/dynakube-patch';
export { parseTagFlag } from './custom-tags';
export { readHubSnippet, type HubSnippetResult, type HubSnippetValues } from './merge/hub-snippet';
export { diagnose, type PastedInput } from './verify/diagnose';
export { describeTracePath, tracePathOf, type Hop, type HopStatus, type TracePath } from './verify/trace-path';
export { tracePathOfDraft } from './verify/draft-trace-path';
export { diagnosisText, STATUS_MARKS, STATUS_WORDS } from './verify/report-text';
export {
  INPUT_KIND_LABELS,
  STAGE_LABELS,
  type CheckStatus,
  type ChecklistItem,
  type Diagnosis,
  type Problem,
  type RecognisedInput,
  type Stage,
} from './verify/types';
export {
  MAP_COMMANDS,
  POD_LIST_COMMAND,
  readCluster,
  type ClusterInput,
  type ClusterSnapshot,
} from './map/read-cluster';
export {
  buildTracingMap,
  DATA_PLANE_LABELS,
  STATUS_LABELS,
  type MapWorkload,
  type TracingMap,
  type WorkloadStatus,
} from './map/tracing-map';
export { tracingMapJson, tracingMapText } from './map/map-text';
export { telemetryFieldGaps, type TelemetryFieldGap, type TelemetryFieldGapCode } from './telemetry-fields';
