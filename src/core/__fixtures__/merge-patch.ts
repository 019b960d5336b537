/*
 * RFC 7386 JSON merge patch, as the API server applies `kubectl patch --type merge` to a custom resource
 * (custom resources take no strategic merge patch): objects merge key by key, null deletes, anything else (lists
 * included) replaces. For tests: what a patch file does to a running resource.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else base[key] = applyMergePatch(base[key], value);
  }
  return base;
}
