import { parse } from 'yaml';
import { telemetryNamespace, waypointTarget } from '../../ambient-tracing';
import type { Finding } from '../../findings';
import { buildTracingEntry, generateTelemetry } from '../../generate/telemetry';
import type { Model } from '../../model';
import type { InputProblem } from '../read-existing';
import { applyTracingEdits } from './apply-tracing-edits';
import { readExistingTelemetries, type ExistingTelemetry } from './read-telemetries';
import { byAge, findTelemetryTraps, label, type TelemetryScope } from './telemetry-traps';
import { applyTracingEditsToData, planTracingEdits, type TracingEdit } from './tracing-edit';

/*
 * Fits our Telemetry into the ones the user already has. Istio allows one selector-less Telemetry per
 * namespace (and one per selector); a second is a conflict where the oldest wins (IST0159/IST0160), so
 * when the user has the Telemetry ours would collide with, the file to apply IS that Telemetry with our
 * provider put into its spec.tracing, edited in place: metrics, accessLogging, other tracing fields,
 * comments and layout stay as they were. Every merge is re-read and compared with what it must contain.
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

export function mergeIntoExistingTelemetry(input: string, model: Model): TelemetryMergeOutcome {
  const read = readExistingTelemetries(input);
  if (!read.ok) return read;
  const { telemetries, crlf } = read.input;
  const notes = [...read.input.notes];
  const scope: TelemetryScope = {
    namespace: telemetryNamespace(model),
    rootNamespace: model.istio.rootNamespace,
    matchLabels: Object.fromEntries(model.telemetry.selector.map((entry) => [entry.key, entry.value])),
    waypoint: waypointTarget(model)?.name,
  };
  const providerName = model.provider.name;
  const target = findConflictingTelemetry(telemetries, scope);
  const edits = target ? planTracingEdits(target.spec, providerName, buildTracingEntry(model)) : [];
  const findings = findTelemetryTraps(telemetries, {
    scope,
    providerName,
    sampler: model.provider.sampler,
    samplingPercentage: model.telemetry.samplingPercentage,
    target,
    edits,
    istioVersion: model.istio.version,
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

  const expected = JSON.stringify(applyTracingEditsToData(target.data, providerName, edits));
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
  if (
    model.telemetry.customTags.length > 0 &&
    !edits.some((edit) => edit.kind === 'append-entry' && edit.tracing.customTags)
  )
    notes.push(
      `The custom tags chosen in the wizard are not written into ${label(target)}; add them to the customTags of its tracing entry if you want them.`,
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
 * The Telemetry ours would conflict with: in our namespace, selector-less when ours is (the oldest if
 * there are several, the one istiod uses), with exactly our selector, or targeting the same waypoint.
 */
export function findConflictingTelemetry(
  telemetries: readonly ExistingTelemetry[],
  scope: TelemetryScope,
): ExistingTelemetry | undefined {
  const ours = JSON.stringify(sortedEntries(scope.matchLabels));
  const { waypoint } = scope;
  const candidates = telemetries.filter(
    (telemetry) =>
      (telemetry.namespace ?? scope.namespace) === scope.namespace &&
      (waypoint !== undefined
        ? telemetry.gatewayNames.includes(waypoint)
        : !telemetry.hasTargetRefs && JSON.stringify(sortedEntries(telemetry.matchLabels)) === ours),
  );
  return [...candidates].sort(byAge)[0];
}

function sortedEntries(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
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
          ? `Moved ${providerName} to the top of spec.tracing[${edit.entry}].providers of ${name}, above ${edit.displaced.join(', ')}.`
          : `Added ${providerName} as the first provider of spec.tracing[${edit.entry}] of ${name}${edit.displaced.length > 0 ? `, above ${edit.displaced.join(', ')}` : ''}.`;
      case 'append-entry':
        return `Added a tracing entry naming ${providerName} to ${name}; its other settings are unchanged.`;
    }
  });
}
