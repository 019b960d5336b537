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
  type Stage,
} from './verify/types';
