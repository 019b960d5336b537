import type { BundleFile } from '../../core';
// From the light entry: the action bar on the first screen hands out files through this module.
import { TELEMETRY_FILE_NAME } from '../../core';
import type { TelemetryMergeState } from './useTelemetryMerge';

/** The merged Telemetry when there is one, else undefined (the generated file stands). */
export function mergedTelemetryText(state: TelemetryMergeState | undefined): string | undefined {
  return state?.status === 'done' && state.outcome.ok && state.outcome.target ? state.outcome.merged : undefined;
}

/** The files to hand out, with the merged Telemetry in place of the generated one. */
export function withMergedTelemetry(
  files: readonly BundleFile[],
  state: TelemetryMergeState | undefined,
): BundleFile[] {
  const merged = mergedTelemetryText(state);
  return merged === undefined
    ? [...files]
    : files.map((file) => (file.name === TELEMETRY_FILE_NAME ? { ...file, content: merged } : file));
}
