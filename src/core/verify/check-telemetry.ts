import { TELEMETRY_FILE_NAME, generateTelemetry } from '../generate/telemetry';
import type { Model } from '../model';
import { textOf, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { TelemetryResource } from './recognise';
import type { VerifyTarget } from './target';
import {
  isSelectorless,
  hasTargetRefs,
  qualifiedName,
  resolveTracing,
  selectorsOverlap,
  selectsLabels,
  sortByCreation,
  tracingProviderNames,
  type TracingOutcome,
} from './telemetry-resolution';
import type { ChecklistItem, Problem } from './types';

const REFERENCES = slotOf('telemetry.references-provider');
const APPLIES = slotOf('telemetry.applies');
const CONFLICTS = slotOf('telemetry.conflicts');

export interface MeshFacts {
  /** Provider names in the live mesh config, when it was pasted too. */
  providerNames?: string[];
  defaultTracing?: string[];
}

function scopeText(model: Model): string {
  const labels = model.telemetry.selector.map((l) => `${l.key}=${l.value}`).join(',');
  if (labels) return `workloads labelled ${labels} in ${model.telemetry.namespace}`;
  return model.telemetry.namespace === model.istio.rootNamespace
    ? 'the whole mesh'
    : `namespace ${model.telemetry.namespace}`;
}

export function checkTelemetry(
  telemetries: readonly TelemetryResource[],
  model: Model,
  target: VerifyTarget,
  mesh: MeshFacts,
): ChecklistItem[] {
  const ours = model.provider.name;
  const fixText = generateTelemetry(model).text;
  const applyFix = `Apply ${TELEMETRY_FILE_NAME} (kubectl apply -n ${model.telemetry.namespace} -f ${TELEMETRY_FILE_NAME}):`;
  const sorted = sortByCreation(telemetries);
  const known = (name: string) =>
    mesh.providerNames === undefined || mesh.providerNames.some((p) => p.toLowerCase() === name.toLowerCase());

  // 1. Does any Telemetry reference the provider by its name?
  const referencing = sorted.filter((t) => tracingProviderNames(t).includes(ours));
  const referencingCase = sorted.filter((t) =>
    tracingProviderNames(t).some((n) => n !== ours && n.toLowerCase() === ours.toLowerCase()),
  );
  const refProblems: Problem[] = [];
  const refNotes: Problem[] = [];
  if (referencing.length === 0 && referencingCase.length === 0) {
    const others = [...new Set(sorted.flatMap(tracingProviderNames))];
    refProblems.push({
      code: 'telemetry.no-reference',
      message:
        telemetries.length === 0
          ? 'There is no Telemetry resource in the cluster.'
          : `No Telemetry names ${ours}${others.length ? `; they name ${others.join(', ')}` : ''}.`,
      cause:
        'Without a Telemetry that names the provider (exactly as in the mesh config), no proxy traces to it: no spans, and no error.',
      fix: applyFix,
      fixText,
    });
  } else if (referencing.length === 0) {
    // istio/istio pilot/pkg/model/telemetry.go fetchProvider: strings.EqualFold.
    refNotes.push({
      code: 'telemetry.reference-case',
      message: `${referencingCase.map(qualifiedName).join(', ')} name the provider with other capitalisation; istiod matches names case-insensitively.`,
    });
  }
  for (const telemetry of sorted) {
    for (const name of tracingProviderNames(telemetry)) {
      if (!known(name)) {
        refNotes.push({
          code: 'telemetry.unknown-provider',
          message: `${qualifiedName(telemetry)} names ${name}, which is not in the live mesh config: tracing is off wherever it applies.`,
          fix: 'Fix the name, or remove the Telemetry.',
        });
      }
    }
    const tracing = Array.isArray(telemetry.spec.tracing) ? telemetry.spec.tracing : [];
    if (tracing.length > 0 && tracingProviderNames(telemetry).length === 0 && referencing.includes(telemetry)) {
      refNotes.push({
        code: 'telemetry.empty-providers',
        message: `${qualifiedName(telemetry)} has an empty providers list.`,
      });
    }
  }
  const items: ChecklistItem[] = [
    checked(REFERENCES, model, target, {
      summary: referencing.length
        ? `${referencing.map(qualifiedName).join(', ')} name${referencing.length === 1 ? 's' : ''} ${ours}.`
        : referencingCase.length
          ? `${referencingCase.map(qualifiedName).join(', ')} name the provider.`
          : `No Telemetry names ${ours}.`,
      problems: refProblems,
      notes: refNotes,
    }),
  ];

  // 2. Which Telemetry applies where the user wants traces?
  const labels = model.telemetry.selector.length
    ? Object.fromEntries(model.telemetry.selector.map((l) => [l.key, l.value]))
    : undefined;
  const meshWide = model.telemetry.namespace === model.istio.rootNamespace && !labels;
  // Mesh-wide: a workload in a namespace without Telemetries of its own sees only the root namespace's.
  const workloadNamespace = meshWide ? '\u0000any-other-namespace' : model.telemetry.namespace;
  const resolution = resolveTracing(
    telemetries,
    model.istio.rootNamespace,
    {
      namespace: workloadNamespace,
      ...(labels ? { labels } : {}),
    },
    mesh.defaultTracing ?? [],
  );
  const applyProblems: Problem[] = [];
  const applyNotes: Problem[] = [];
  const outcomes: [string, TracingOutcome][] = sameOutcome(resolution.client, resolution.server)
    ? [['', resolution.client]]
    : [
        ['client side: ', resolution.client],
        ['server side: ', resolution.server],
      ];
  for (const [side, outcome] of outcomes) {
    applyProblems.push(...judge(outcome, side, model, known, applyFix, fixText, referencing, resolution.ignored));
  }
  if (model.provider.sampler && resolution.client.samplingPercentage !== undefined) {
    applyNotes.push({
      code: 'telemetry.sampling-ignored',
      message: `randomSamplingPercentage ${resolution.client.samplingPercentage} (from ${resolution.client.samplingFrom}) is ignored: with the Dynatrace sampler istiod sends every request to the sampler.`,
    });
  }
  const tagged = resolution.client.customTagsFrom;
  if (tagged.length > 1) {
    applyNotes.push({
      code: 'telemetry.custom-tags-replaced',
      message: `customTags from ${tagged.slice(0, -1).join(', ')} are replaced, not merged, by those of ${tagged[tagged.length - 1]}.`,
      fix: 'Repeat every tag you need in the Telemetry that applies last.',
    });
  }
  if (meshWide) {
    // Namespaces with their own selector-less Telemetry decide for themselves.
    const namespaces = [...new Set(sorted.map((t) => t.namespace))].filter((ns) => ns !== model.istio.rootNamespace);
    for (const ns of namespaces) {
      const local = resolveTracing(
        telemetries,
        model.istio.rootNamespace,
        { namespace: ns },
        mesh.defaultTracing ?? [],
      );
      const lost = judge(local.client, '', model, known, applyFix, fixText, referencing);
      if (lost.length > 0 && local.applied.some((t) => t.namespace === ns)) {
        applyNotes.push({
          code: 'telemetry.namespace-override',
          message: `In namespace ${ns}, ${local.applied
            .filter((t) => t.namespace === ns)
            .map(qualifiedName)
            .join(', ')} override${lost[0] ? `s the mesh-wide one: ${lost[0].message}` : ''}`,
          fix: `If ${ns} should send traces to Dynatrace, make that Telemetry name ${ours} (or remove it).`,
        });
      }
    }
  }
  for (const telemetry of sorted.filter((t) => !isSelectorless(t) && t.namespace === model.istio.rootNamespace)) {
    if (tracingProviderNames(telemetry).includes(ours) && model.telemetry.namespace !== model.istio.rootNamespace) {
      applyNotes.push({
        code: 'telemetry.root-selector',
        message: `${qualifiedName(telemetry)} has a selector: in the root namespace that matches only pods of ${model.istio.rootNamespace}, not the whole mesh.`,
      });
    }
  }
  items.push(
    checked(APPLIES, model, target, {
      summary: `For ${scopeText(model)}: ${describe(resolution.client)}${resolution.applied.length ? ` (from ${resolution.applied.map(qualifiedName).join(' → ')})` : ''}.`,
      problems: applyProblems,
      notes: applyNotes,
    }),
  );

  // 3. Conflicts istioctl analyze reports as IST0160 and IST0159 (pkg/config/analysis/analyzers/telemetry).
  const conflictProblems: Problem[] = [];
  const conflictNotes: Problem[] = [];
  const relevant = new Set([model.istio.rootNamespace, model.telemetry.namespace]);
  for (const ns of [...new Set(sorted.map((t) => t.namespace))]) {
    const selectorless = sorted.filter((t) => t.namespace === ns && isSelectorless(t));
    if (selectorless.length > 1) {
      const problem: Problem = {
        code: 'telemetry.multiple-selectorless',
        message: `IST0160: ${selectorless.map(qualifiedName).join(', ')} have no selector. istiod uses only the oldest, ${qualifiedName(selectorless[0]!)}, and ignores the others.`,
        cause: 'Two namespace-wide Telemetries in one namespace: the newer one is silently ignored.',
        fix: `Merge them into one Telemetry per namespace${selectorless.some((t) => tracingProviderNames(t).includes(ours)) ? `, naming ${ours}` : ''}.`,
      };
      (relevant.has(ns) ? conflictProblems : conflictNotes).push(problem);
    }
    const withSelector = sorted.filter((t) => t.namespace === ns && !isSelectorless(t) && !hasTargetRefs(t));
    for (let i = 0; i < withSelector.length; i++) {
      for (let j = i + 1; j < withSelector.length; j++) {
        const a = withSelector[i]!;
        const b = withSelector[j]!;
        if (!selectorsOverlap(a, b)) continue;
        const mine =
          labels !== undefined &&
          ns === model.telemetry.namespace &&
          selectsLabels(a, labels) &&
          selectsLabels(b, labels);
        const problem: Problem = {
          code: 'telemetry.overlapping-selectors',
          message: `IST0159: ${qualifiedName(a)} and ${qualifiedName(b)} can select the same pods; for those, the later one's settings win field by field.`,
          fix: 'Give each workload one Telemetry with a selector.',
        };
        (mine ? conflictProblems : conflictNotes).push(problem);
      }
    }
  }
  items.push(
    checked(CONFLICTS, model, target, {
      summary:
        conflictProblems.length + conflictNotes.length === 0
          ? `${telemetries.length} Telemetr${telemetries.length === 1 ? 'y' : 'ies'}, no conflicts.`
          : `${conflictProblems.length + conflictNotes.length} conflict${conflictProblems.length + conflictNotes.length === 1 ? '' : 's'} found.`,
      problems: conflictProblems,
      notes: conflictNotes,
    }),
  );
  return items;
}

function sameOutcome(a: TracingOutcome, b: TracingOutcome): boolean {
  return a.provider === b.provider && a.disabled === b.disabled && a.samplingPercentage === b.samplingPercentage;
}

function describe(outcome: TracingOutcome): string {
  if (!outcome.provider) return 'no tracing provider';
  if (outcome.disabled) return `${outcome.provider}, but span reporting is disabled`;
  return `traces go to ${outcome.provider}${outcome.samplingPercentage !== undefined ? ` at ${outcome.samplingPercentage} %` : ''}`;
}

function judge(
  outcome: TracingOutcome,
  side: string,
  model: Model,
  known: (name: string) => boolean,
  applyFix: string,
  fixText: string,
  referencing: TelemetryResource[],
  ignored: readonly TelemetryResource[] = [],
): Problem[] {
  const ours = model.provider.name;
  const problems: Problem[] = [];
  const why = (telemetry: TelemetryResource) =>
    ignored.includes(telemetry)
      ? 'an older Telemetry without a selector in the same namespace wins'
      : isSelectorless(telemetry)
        ? `it is in ${telemetry.namespace}, so it applies only there`
        : 'a Telemetry with a selector applies only to matching pods in its own namespace';
  const elsewhere = referencing
    .map((telemetry) => ` ${qualifiedName(telemetry)} names ${ours} but does not decide here: ${why(telemetry)}.`)
    .join('');
  if (!outcome.provider) {
    problems.push({
      code: 'telemetry.not-applied',
      message: `${side}no Telemetry that applies here names a tracing provider.${elsewhere}`,
      cause: 'The Telemetry is missing or in the wrong namespace.',
      fix: applyFix,
      fixText,
    });
  } else if (outcome.provider.toLowerCase() !== ours.toLowerCase()) {
    problems.push({
      code: 'telemetry.overridden',
      message: `${side}${outcome.providerFrom} decides here and names ${outcome.provider}, not ${ours}.${elsewhere}`,
      cause:
        'Another Telemetry overrides yours: the root namespace’s applies first, then the namespace’s own, then those with a selector.',
      fix: `Name ${ours} in ${outcome.providerFrom}, or remove it.`,
    });
  } else if (!known(outcome.provider)) {
    problems.push({
      code: 'telemetry.provider-unknown',
      message: `${side}the provider ${outcome.provider} is not in the live mesh config, so istiod turns tracing off.`,
      fix: 'Apply the mesh config first (step 3).',
    });
  }
  if (outcome.provider && outcome.disabled) {
    problems.push({
      code: 'telemetry.disabled',
      message: `${side}disableSpanReporting: true in ${outcome.disabledBy}.`,
      cause: 'Span reporting is switched off for these workloads.',
      fix: `Remove disableSpanReporting from ${outcome.disabledBy}.`,
    });
  }
  if (outcome.samplingPercentage === 0 && !model.provider.sampler) {
    problems.push({
      code: 'telemetry.sampling-zero',
      message: `${side}randomSamplingPercentage is 0 (from ${textOf(outcome.samplingFrom)}): no request is traced.`,
      fix: `Set randomSamplingPercentage to ${model.telemetry.samplingPercentage} (step 5), or enable the Dynatrace sampler.`,
    });
  }
  return problems;
}

export function meshFactsOf(mesh: Plain | undefined, providerNames: string[] | undefined): MeshFacts {
  // Only the camelCase key counts: istiod ignores default_providers (the trap finder says so).
  const defaults = mesh?.defaultProviders;
  const tracing = defaults && typeof defaults === 'object' ? (defaults as Plain).tracing : undefined;
  return {
    ...(providerNames ? { providerNames } : {}),
    ...(Array.isArray(tracing) ? { defaultTracing: tracing.map(textOf) } : {}),
  };
}
