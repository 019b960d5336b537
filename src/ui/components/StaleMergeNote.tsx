/** Shown while the configuration is invalid after a merge: the merge on screen is the last valid one. */
export function StaleMergeNote() {
  return (
    <p className="hint" data-testid="stale-merge">
      Showing the merge for your last valid configuration; it updates once the configuration is valid again.
    </p>
  );
}
