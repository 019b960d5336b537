import { parse } from 'yaml';
import type { Finding } from '../../findings';
import { buildTracingEntry, generateTelemetry } from '../../generate/telemetry';
import { chooseMergeTarget } from '../../istiod/merge-target';
import { tracingScopeOf, type TracingScope } from '../../istiod/scope-proxy';
import type { Model } from '../../model';
import type { InputProblem } from '../read-existing';
import { applyTracingEdits } from './apply-tracing-edits';
import { readExistingTelemetries, type ExistingTelemetry } from './read-telemetries';
import { findTelemetryTraps, label, resolveForScope, webhookWarnings } from './telemetry-traps';
import { applyTracingEditsToData, completingEntry, planTracingEdits, type TracingEdit } from './tracing-edit';

/*
 * Fits our Telemetry into the ones the user already has. Which one ours collides with, and so which one the
 * merged file must be, is istiod's decision (src/core/istiod/merge-target.ts): the oldest namespace-wide
 * Telemetry of the namespace, or the newest with our selector or our waypoint target. That Telemetry gets our
 * provider put into its spec.tracing, edited in place: metrics, accessLogging, other tracing fields, comments and
 * layout stay as they were. Then istiod's rules are run on the result: when a side the scope's proxies read
 * (CLIENT, SERVER) would still not trace to our provider because of the edited Telemetry's own entries, an entry
 * completing that side is appended; what remains is reported with its reason. Every merge is re-read and compared
 * with what it must contain.
 */

export interface TelemetryMergeSuccess {
  ok: true;
  /** The user's Telemetry that the merged file updates; undefined when none conflicts with ours. */
  target?: { name: string; namespace: string; where: string };
  /** The target's text as the user gave it (empty without a target). */
  original: string;
  /** The file to apply as dt-telemetry.yaml. */
  merged: string;
  /** True when spacing was normalised because the layout could not be edited in place. */
  normalized: boolean;
  /** What the merge did, one sentence each. */
  changes: string[];
  findings: Finding[];
  notes: string[];
}

export type TelemetryMergeOutcome = TelemetryMergeSuccess | { ok: false; problem: InputProblem };

/** The wizard's scope (kept under this name for the merge's callers). */
export const scopeOf = tracingScopeOf;

export function mergeIntoExistingTelemetry(input: string, model: Model): TelemetryMergeOutcome {
  const read = readExistingTelemetries(input);
  if (!read.ok) return read;
  const { telemetries, crlf } = read.input;
  const notes = [...read.input.notes];
  const scope = scopeOf(model);
  const providerName = model.provider.name;
  const placed = telemetries.map((telemetry) => ({
    name: telemetry.name,
    namespace: telemetry.namespace ?? scope.namespace,
    creationTimestamp: telemetry.creationTimestamp,
    spec: telemetry.spec,
    source: telemetry,
  }));
  const choice = chooseMergeTarget(placed, scope, model.istio.version);
  const target = choice.target?.source;
  const newEntry = buildTracingEntry(model);
  const edits = target ? planTracingEdits(target.spec, providerName, newEntry) : [];
  // Both sides the scope's proxies read must end with ours: complete a side the target's own entries leave out.
  if (target) completeSides(edits, target, telemetries, model, scope, newEntry);
  const mergedData = target ? applyTracingEditsToData(target.data, providerName, edits) : undefined;
  const findings = findTelemetryTraps(telemetries, {
    scope,
    model,
    target,
    mergedSpec: mergedData ? (mergedData.spec as Record<string, unknown>) : undefined,
    others: choice.others.map((other) => other.source),
    edits,
  });

  if (!target) {
    const none =
      scope.waypoint !== undefined
        ? `none targets the waypoint ${scope.waypoint} in ${scope.namespace}`
        : `none ${Object.keys(scope.matchLabels).length === 0 ? 'without a workload selector' : 'with the same selector'} in ${scope.namespace}`;
    notes.push(
      `None of your Telemetries conflicts with the wizard's (${none}), so dt-telemetry.yaml stays the generated one and is applied beside yours.`,
    );
    return {
      ok: true,
      original: '',
      merged: generateTelemetry(model).text,
      normalized: false,
      changes: [],
      findings,
      notes,
    };
  }

  const expected = JSON.stringify(mergedData);
  let applied = applyTracingEdits(target.text, providerName, edits, true);
  if (!readsBackAs(applied.text, expected)) {
    applied = applyTracingEdits(target.text, providerName, edits, false);
    if (!readsBackAs(applied.text, expected)) {
      return {
        ok: false,
        problem: {
          code: 'MERGE_UNSAFE',
          message: `${label(target)} could not be merged safely. Please report it; meanwhile add ${providerName} as the first provider of its spec.tracing by hand.`,
        },
      };
    }
  }
  notes.push(`${label(target)} is the one to merge into: ${choice.why}.`);
  if (
    model.telemetry.customTags.length > 0 &&
    !edits.some((edit) => edit.kind === 'append-entry' && edit.tracing.customTags)
  )
    notes.push(
      `The custom tags chosen in the wizard are not written into ${label(target)}; add them to the customTags of its tracing entry if you want them.`,
    );
  const warnings = webhookWarnings(mergedData?.spec);
  if (warnings.length > 0)
    notes.push(
      `kubectl apply will print ${warnings.map((w) => `“Warning: ${w}”`).join(' and ')}: Istio's validation says so for every Telemetry with more than one tracing entry or provider. It is a warning, not an error: the file is applied, and istiod uses the entries in order and the first provider of each.`,
    );
  if (!target.verbatim)
    notes.push(`${label(target)} could not be cut out of your input verbatim; it was re-rendered from its data.`);
  if (applied.normalized)
    notes.push(
      'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.',
    );
  if (target.namespace === undefined)
    notes.push(`The merged file has no metadata.namespace, as yours; it is applied with -n ${scope.namespace}.`);
  const metadata = target.data.metadata as Record<string, unknown> | undefined;
  if (metadata && metadata.resourceVersion !== undefined)
    notes.push(
      'The file keeps metadata.resourceVersion from your export, so kubectl apply refuses it if the Telemetry changed since; export it again then.',
    );

  const eol = (text: string) => (crlf ? text.replace(/\n/g, '\r\n') : text);
  return {
    ok: true,
    target: { name: target.name, namespace: target.namespace ?? scope.namespace, where: target.where },
    original: eol(target.text),
    merged: eol(applied.text),
    normalized: applied.normalized,
    changes: describeEdits(edits, providerName, label(target)),
    findings,
    notes,
  };
}

/**
 * Appends one entry naming ours for the sides (CLIENT / SERVER) that the scope's proxies read and that, after
 * the planned edits, still do not end with ours because of the target's own entries (e.g. its only
 * provider-naming entry is SERVER-only). Sides decided by something else (a newer Telemetry, disableSpanReporting)
 * are left to the report.
 */
function completeSides(
  edits: TracingEdit[],
  target: ExistingTelemetry,
  telemetries: readonly ExistingTelemetry[],
  model: Model,
  scope: TracingScope,
  newEntry: Record<string, unknown>,
): void {
  const providerName = model.provider.name;
  const data = applyTracingEditsToData(target.data, providerName, edits);
  const resolution = resolveForScope(telemetries, model, scope, target, data.spec as Record<string, unknown>);
  const order = resolution.applied.map((verdict) => verdict.id);
  const targetIndex = order.indexOf(`${target.namespace ?? scope.namespace}/${target.name}`);
  if (targetIndex < 0) return;
  const missing = resolution.reads
    .map((side) => resolution[side])
    .filter(
      (side) =>
        (side.status === 'traces' || side.status === 'no-provider') &&
        side.provider?.value.toLowerCase() !== providerName.toLowerCase() &&
        // Fixable in the target only when nothing applied after it sets this side's provider.
        (side.provider === undefined || order.indexOf(side.provider.from) <= targetIndex),
    );
  if (missing.length === 0) return;
  const mode = missing.length === 2 ? undefined : missing[0]!.side === 'client' ? 'CLIENT' : 'SERVER';
  const tracing = Array.isArray(target.spec.tracing) ? (target.spec.tracing as unknown[]) : [];
  edits.push({
    kind: 'append-entry',
    tracing: completingEntry(tracing, providerName, newEntry, mode),
    side: mode ?? 'BOTH',
  });
}

function readsBackAs(text: string, expected: string): boolean {
  try {
    return JSON.stringify(parse(text, { version: '1.1', maxAliasCount: -1 })) === expected;
  } catch {
    return false;
  }
}

function describeEdits(edits: readonly TracingEdit[], providerName: string, name: string): string[] {
  return edits.map((edit) => {
    switch (edit.kind) {
      case 'already-first':
        return `spec.tracing[${edit.entry}] of ${name} already names ${providerName} first: unchanged.`;
      case 'put-first':
        return edit.removeIndex !== undefined
          ? `Moved ${providerName} to the top of spec.tracing[${edit.entry}].providers of ${name}${above(edit.displaced)}.`
          : `Added ${providerName} as the first provider of spec.tracing[${edit.entry}] of ${name}${above(edit.displaced)}.`;
      case 'append-entry':
        return edit.side === 'CLIENT' || edit.side === 'SERVER'
          ? `Added a tracing entry naming ${providerName} for the ${edit.side} side to ${name}: its other entries name a provider only for the ${edit.side === 'CLIENT' ? 'SERVER' : 'CLIENT'} side, and ${edit.side === 'CLIENT' ? 'gateways and sidecars’ outbound (client) spans' : 'waypoints and sidecars’ inbound (server) spans'} read the ${edit.side} side.`
          : edit.side === 'BOTH'
            ? `Added a tracing entry naming ${providerName} to ${name}: its entries that name a provider apply only to one side each, so neither side would end with ${providerName}.`
            : `Added a tracing entry naming ${providerName} to ${name}; its other settings are unchanged.`;
    }
  });
}

function above(displaced: readonly string[]): string {
  return displaced.length > 0 ? `, above ${displaced.join(', ')}` : '';
}
