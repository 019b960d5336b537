import type { BundleFile } from '../../core';
import { withMeshConfigContent } from '../../core/runtime';
import type { MergeState } from './useMerge';

/**
 * The files to hand out: with a successful merge the user has not switched away from, the merged mesh
 * config replaces the generated one (one meshconfig.yaml at a time, everywhere).
 */
export function effectiveFiles(
  files: readonly BundleFile[],
  merge: MergeState,
  token: string,
  useMerged = true,
): BundleFile[] {
  if (!useMerged || merge.status !== 'done' || !merge.outcome.ok) return [...files];
  return withMeshConfigContent(files, merge.outcome.merged, token);
}

/** True when a merge succeeded, whichever file the user chose to use. */
export function hasMergedFile(merge: MergeState): boolean {
  return merge.status === 'done' && merge.outcome.ok;
}
