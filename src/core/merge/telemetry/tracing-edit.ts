/*
 * What must change in a Telemetry's spec.tracing so that our provider is the one its workloads trace
 * with, as a plan of small edits that can be applied to the user's text, to a yaml Document, and to
 * plain data (which is what the merged text must read back as).
 *
 * istiod applies tracing entries in order and uses only the first provider of an entry ("we only
 * support a single provider per mode", istio/istio pilot/pkg/model/telemetry.go, Telemetries.Tracing);
 * an entry without providers keeps the provider chosen before it, and provider names are compared
 * case-insensitively there (fetchProvider). So our provider goes first in every entry that names
 * providers; when no entry does, a new entry naming only ours is appended, which changes nothing else.
 */

type Plain = Record<string, unknown>;

export type TracingEdit =
  /** Insert `{name}` as providers[0] of spec.tracing[entry]; remove the entry's item `removeIndex` (ours, further down) first. */
  | { kind: 'put-first'; entry: number; removeIndex?: number; displaced: string[] }
  /**
   * Append a whole tracing entry (spec.tracing is created when missing). `side` is set when it only completes
   * one side (CLIENT or SERVER) that the Telemetry's other entries leave without our provider.
   */
  | { kind: 'append-entry'; tracing: Plain; side?: 'CLIENT' | 'SERVER' | 'BOTH' }
  /** Ours is already the first provider of this entry. */
  | { kind: 'already-first'; entry: number };

export function planTracingEdits(spec: Plain, providerName: string, newEntry: Plain): TracingEdit[] {
  // (Whether both sides end with ours is checked afterwards against istiod's rules: merge-telemetry.ts.)
  const tracing = Array.isArray(spec.tracing) ? (spec.tracing as unknown[]) : [];
  const edits: TracingEdit[] = [];
  tracing.forEach((entry, index) => {
    const providers = providerNames(entry);
    if (providers.length === 0) return;
    if (sameName(providers[0]!, providerName)) {
      edits.push({ kind: 'already-first', entry: index });
      return;
    }
    const existing = providers.findIndex((name) => sameName(name, providerName));
    edits.push({
      kind: 'put-first',
      entry: index,
      ...(existing >= 0 ? { removeIndex: existing } : {}),
      // A null or nameless item names no provider: nothing to tell the user it displaces.
      displaced: providers.filter((name) => name !== '' && !sameName(name, providerName)),
    });
  });
  // A Telemetry without tracing gets our whole entry; one whose entries only tune tracing gets an entry that names
  // ours, plus the wizard's sampling and custom tags where none of its entries sets them (so they are not dropped).
  if (edits.length === 0)
    edits.push({
      kind: 'append-entry',
      tracing: tracing.length === 0 ? newEntry : completingEntry(tracing, providerName, newEntry),
    });
  return edits;
}

/** An entry naming only ours, with the wizard's sampling / custom tags where the Telemetry sets none. */
export function completingEntry(
  tracing: readonly unknown[],
  providerName: string,
  newEntry: Plain,
  mode?: 'CLIENT' | 'SERVER',
): Plain {
  const entry: Plain = { providers: [{ name: providerName }] };
  if (mode) entry.match = { mode };
  const sets = (field: string) =>
    tracing.some((item) => isPlain(item) && item[field] !== undefined && item[field] !== null);
  if (newEntry.randomSamplingPercentage !== undefined && !sets('randomSamplingPercentage'))
    entry.randomSamplingPercentage = newEntry.randomSamplingPercentage;
  if (newEntry.customTags !== undefined && !sets('customTags')) entry.customTags = newEntry.customTags;
  return entry;
}

export function providerNames(entry: unknown): string[] {
  if (!isPlain(entry) || !Array.isArray(entry.providers)) return [];
  return entry.providers.map((provider) => {
    const name = isPlain(provider) ? provider.name : undefined;
    return typeof name === 'string' || typeof name === 'number' || typeof name === 'boolean' ? String(name) : '';
  });
}

export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The plan applied to plain data: what the merged resource must read back as. */
export function applyTracingEditsToData(data: Plain, providerName: string, edits: readonly TracingEdit[]): Plain {
  const copy = JSON.parse(JSON.stringify(data)) as Plain;
  const spec: Plain = isPlain(copy.spec) ? copy.spec : (copy.spec = {});
  for (const edit of edits) {
    if (edit.kind === 'append-entry') {
      const tracing = Array.isArray(spec.tracing) ? (spec.tracing as unknown[]) : (spec.tracing = []);
      tracing.push(edit.tracing);
    } else if (edit.kind === 'put-first') {
      const entry = (spec.tracing as Plain[])[edit.entry]!;
      const providers = entry.providers as unknown[];
      if (edit.removeIndex !== undefined) providers.splice(edit.removeIndex, 1);
      providers.unshift({ name: providerName });
    }
  }
  return copy;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
