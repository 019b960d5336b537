import type { BundleFile } from '../../core';
import type { StepMerge } from './step-props';
import type { Generation } from './useGeneration';
import type { CoreRuntime } from './load-core';
import { withMergedTelemetry } from '../telemetry/merged-telemetry';
import type { TelemetryMergeState } from '../telemetry/useTelemetryMerge';

export interface HandedOutFiles {
  files: BundleFile[];
  /** meshconfig.yaml is the user's merged config. */
  merged: boolean;
}

/**
 * The files Download all gives, once the configuration is valid (no token placeholder, no stale files);
 * else undefined. With a merge the user keeps, meshconfig.yaml is the merged file, as everywhere else; a merged
 * Telemetry likewise replaces dt-telemetry.yaml.
 */
export function handedOutFiles(
  generation: Generation,
  merge: StepMerge,
  telemetryMerge: TelemetryMergeState,
  core: CoreRuntime | undefined,
): HandedOutFiles | undefined {
  const { bundle, model } = generation;
  if (!core || !bundle || bundle.blocked || !model || generation.issues.length > 0 || generation.stale)
    return undefined;
  const outcome = merge.state.status === 'done' ? merge.state.outcome : undefined;
  // The merged Telemetry (step 5) replaces the generated one wherever files are handed out.
  const files = withMergedTelemetry(bundle.files, telemetryMerge);
  if (!merge.useMerged || !outcome?.ok) return { files, merged: false };
  return { files: core.withMeshConfigContent(files, outcome.merged, model.token.value), merged: true };
}
