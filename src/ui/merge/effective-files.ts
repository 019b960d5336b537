import type { BundleFile } from '../../core';
import { withMeshConfigContent } from '../../core/runtime';
import type { MergeState } from './useMerge';

/** The files to hand out: with a successful merge, the merged mesh config replaces the generated one. */
export function effectiveFiles(files: readonly BundleFile[], merge: MergeState, token: string): BundleFile[] {
  if (merge.status !== 'done' || !merge.outcome.ok) return [...files];
  return withMeshConfigContent(files, merge.outcome.merged, token);
}
