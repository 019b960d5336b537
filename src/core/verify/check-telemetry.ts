import { telemetryFieldGaps } from '../telemetry-fields';
import { TELEMETRY_FILE_NAME, generateTelemetry } from '../generate/telemetry';
import { istiodRulesFor } from '../istiod/istiod-version';
import { loadMeshConfig, lookupProvider, type LoadedMesh, type LoadedProvider } from '../istiod/mesh-providers';
import { describeScope, isMeshWide, scopeProxy, tracingScopeOf } from '../istiod/scope-proxy';
import { matchLabelsOf, targetRefsOf } from '../istiod/telemetry-attachment';
import { creationTime, sortTelemetries } from '../istiod/telemetry-order';
import {
  isNamespaceWide,
  providerNamesOf,
  resolveTracing,
  telemetryId,
  tracingEntriesOf,
  type SideOutcome,
  type TelemetryInput,
  type TracingResolution,
} from '../istiod/tracing-rules';
import type { Model } from '../model';
import { asObject, type Plain } from '../plain-data';
import { checked } from './check-item';
import { slotOf } from './checklist';
import type { TelemetryResource } from './recognise';
import type { VerifyTarget } from './target';
import type { ChecklistItem, Problem } from './types';

/*
 * The Telemetry checks of the verifier. Which Telemetry decides, which provider a name reaches and what the
 * proxies of the user's scope end up with are istiod's answers from src/core/istiod (the rules module, per Istio
 * version); this file only turns them into checklist items.
 */

const REFERENCES = slotOf('telemetry.references-provider');
const APPLIES = slotOf('telemetry.applies');
const CONFLICTS = slotOf('telemetry.conflicts');

export interface MeshFacts {
  /** Provider names in the live mesh config, when it was pasted too. */
  providerNames?: string[];
  defaultTracing?: string[];
  /** The live mesh config as istiod loads it, when it was pasted. */
  loaded?: LoadedMesh;
}

const inputsOf = (telemetries: readonly TelemetryResource[]): TelemetryInput[] =>
  telemetries.map((t) => ({
    name: t.name,
    namespace: t.namespace,
    creationTimestamp: t.creationTimestamp === '' ? undefined : t.creationTimestamp,
    spec: t.spec,
  }));

function meshOf(mesh: MeshFacts): LoadedMesh | undefined {
  if (mesh.loaded) return mesh.loaded;
  if (mesh.providerNames === undefined) return undefined;
  return loadMeshConfig({
    extensionProviders: mesh.providerNames.map((name) => ({ name })),
    ...(mesh.defaultTracing ? { defaultProviders: { tracing: mesh.defaultTracing } } : {}),
  });
}

export function checkTelemetry(
  telemetries: readonly TelemetryResource[],
  model: Model,
  target: VerifyTarget,
  mesh: MeshFacts,
): ChecklistItem[] {
  const ours = model.provider.name;
  const scope = tracingScopeOf(model);
  const rules = istiodRulesFor(model.istio.version);
  const fixText = generateTelemetry(model).text;
  const applyFix = `Apply ${TELEMETRY_FILE_NAME} (kubectl apply -n ${scope.namespace} -f ${TELEMETRY_FILE_NAME}):`;
  const inputs = sortTelemetries(inputsOf(telemetries), rules);
  const loaded = meshOf(mesh);
  const assumed: LoadedProvider[] = [
    { name: ours, entry: undefined, customSampler: model.provider.sampler, openTelemetry: true },
  ];
  const resolve = (proxy: ReturnType<typeof scopeProxy>): TracingResolution =>
    resolveTracing({
      telemetries: inputs,
      rootNamespace: model.istio.rootNamespace,
      proxy,
      istioVersion: model.istio.version,
      mesh: loaded,
      assumedProviders: assumed,
    });
  const known = (name: string) => loaded === undefined || lookupProvider(loaded, name) !== undefined;
  const names = (t: TelemetryInput) =>
    tracingEntriesOf(t.spec)
      .flatMap(providerNamesOf)
      .filter((n) => n !== '');

  // 1. Does any Telemetry reference the provider by its name?
  const referencing = inputs.filter((t) => names(t).includes(ours));
  const referencingCase = inputs.filter((t) =>
    names(t).some((n) => n !== ours && n.toLowerCase() === ours.toLowerCase()),
  );
  const refProblems: Problem[] = [];
  const refNotes: Problem[] = [];
  // istiod gives every proxy the mesh's first defaultProviders.tracing, unless a Telemetry that applies names another
  // (istio/istio pilot/pkg/model/telemetry.go Telemetries.Tracing, 1.22.0–1.30.3): then no Telemetry needs to name it.
  const defaultTracing = loaded?.defaultTracing[0];
  if (
    referencing.length === 0 &&
    referencingCase.length === 0 &&
    defaultTracing !== undefined &&
    defaultTracing.toLowerCase() === ours.toLowerCase()
  ) {
    refNotes.push({
      code: 'telemetry.default-provider',
      message: `No Telemetry names ${ours}, and none needs to: defaultProviders.tracing names it, so istiod uses it wherever no Telemetry names another provider.`,
    });
  } else if (referencing.length === 0 && referencingCase.length === 0) {
    const others = [...new Set(inputs.flatMap(names))];
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
      message: `${referencingCase.map(telemetryId).join(', ')} name the provider with other capitalisation; istiod matches names case-insensitively.`,
    });
  }
  for (const telemetry of inputs) {
    for (const name of names(telemetry)) {
      if (!known(name)) {
        refNotes.push({
          code: 'telemetry.unknown-provider',
          message: `${telemetryId(telemetry)} names ${name}, which is not in the live mesh config: tracing is off wherever it applies.`,
          fix: 'Fix the name, or remove the Telemetry.',
        });
      }
    }
    // A field the user's Istio does not have (or a typo) is dropped by the API server: the setting does nothing
    // (per-version tables generated from istio/api and istio/istio, telemetry-fields.ts).
    for (const gap of telemetryFieldGaps(telemetry.spec, model.istio.version)) {
      refNotes.push({ code: 'telemetry.field-version', message: `${telemetryId(telemetry)}: ${gap.message}` });
    }
    const entries = tracingEntriesOf(telemetry.spec);
    if (
      entries.some(
        (entry) => Array.isArray(entry.providers) && entry.providers.length > 0 && providerNamesOf(entry)[0] === '',
      )
    ) {
      refNotes.push({
        code: 'telemetry.empty-providers',
        message: `${telemetryId(telemetry)} has a provider without a name first in a tracing entry: istiod finds no provider for it and turns tracing off where it applies.`,
      });
    }
  }
  const items: ChecklistItem[] = [
    checked(REFERENCES, model, target, {
      summary: referencing.length
        ? `${referencing.map(telemetryId).join(', ')} name${referencing.length === 1 ? 's' : ''} ${ours}.`
        : referencingCase.length
          ? `${referencingCase.map(telemetryId).join(', ')} name the provider.`
          : `No Telemetry names ${ours}.`,
      problems: refProblems,
      notes: refNotes,
    }),
  ];

  // 2. What istiod gives the proxies of the user's scope.
  const resolution = resolve(scopeProxy(scope, inputs));
  const applyProblems: Problem[] = [];
  const applyNotes: Problem[] = [];
  const sides = resolution.reads.map((side) => resolution[side]);
  const distinct = sides.filter(
    (side, index) =>
      sides.findIndex(
        (o) => o.reason === side.reason && o.status === side.status && o.sampling.percent === side.sampling.percent,
      ) === index,
  );
  for (const side of distinct) {
    const prefix = distinct.length > 1 ? `${side.side} side: ` : '';
    applyProblems.push(...judge(side, prefix, resolution, model, applyFix, fixText, referencing));
  }
  const ignoredPercent = sides.map((side) => side.sampling.ignored).find((s) => s !== undefined);
  if (ignoredPercent)
    applyNotes.push({
      code: 'telemetry.sampling-ignored',
      message: `randomSamplingPercentage ${ignoredPercent.value} (from ${ignoredPercent.from}) is ignored: with the Dynatrace sampler istiod sends every request to the sampler.`,
    });
  const tagged = sides[0]?.history.filter((set) => set.field === 'customTags').map((set) => set.from) ?? [];
  if (tagged.length > 1) {
    applyNotes.push({
      code: 'telemetry.custom-tags-replaced',
      message: `customTags from ${tagged.slice(0, -1).join(', ')} are replaced, not merged, by those of ${tagged[tagged.length - 1]}.`,
      fix: 'Repeat every tag you need in the Telemetry that applies last.',
    });
  }
  const skipped = sides[0]?.customTags?.skipped ?? [];
  if (skipped.length > 0)
    applyNotes.push({
      code: 'telemetry.formatter-tags-skipped',
      message: `The formatter tags ${skipped.join(', ')} are left out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go).`,
    });
  for (const caveat of resolution.caveats.filter((c) => !c.startsWith('Without the live mesh config')))
    applyNotes.push({ code: 'telemetry.caveat', message: caveat });
  if (isMeshWide(scope)) {
    // Namespaces with their own namespace-wide Telemetry decide for themselves.
    const namespaces = [...new Set(inputs.map((t) => t.namespace))].filter((ns) => ns !== model.istio.rootNamespace);
    for (const ns of namespaces) {
      const local = resolve({
        kind: scope.atWaypoints ? 'waypoint' : 'sidecar',
        namespace: ns,
        labels: {},
        ...(scope.atWaypoints ? { gatewayName: 'waypoint' } : {}),
      });
      const own = local.applied.filter((v) => v.telemetry.namespace === ns);
      const lost = local.reads
        .map((side) => local[side])
        .find((side) => side.status !== 'traces' || side.provider?.value.toLowerCase() !== ours.toLowerCase());
      if (lost && own.length > 0) {
        applyNotes.push({
          code: 'telemetry.namespace-override',
          message: `In namespace ${ns}, ${own.map((v) => v.id).join(', ')} override${own.length === 1 ? 's' : ''} the mesh-wide one: ${lost.reason}.`,
          fix: `If ${ns} should send traces to Dynatrace, make that Telemetry name ${ours} (or remove it).`,
        });
      }
    }
  }
  for (const telemetry of inputs.filter(
    (t) => t.namespace === model.istio.rootNamespace && !isNamespaceWide(t.spec, rules),
  )) {
    if (names(telemetry).includes(ours) && scope.namespace !== model.istio.rootNamespace) {
      applyNotes.push({
        code: 'telemetry.root-selector',
        message: `${telemetryId(telemetry)} is not namespace-wide: in the root namespace it reaches only proxies of ${model.istio.rootNamespace}, not the whole mesh.`,
      });
    }
  }
  items.push(
    checked(APPLIES, model, target, {
      summary: `For ${describeScope(scope)}: ${describe(sides)}${resolution.applied.length ? ` (from ${resolution.applied.map((v) => v.id).join(' → ')})` : ''}.`,
      problems: applyProblems,
      notes: applyNotes,
    }),
  );

  // 3. Conflicts: what istioctl analyze reports (IST0160, IST0159) against what istiod does at this version.
  const conflictProblems: Problem[] = [];
  const conflictNotes: Problem[] = [];
  const relevant = new Set([model.istio.rootNamespace, scope.namespace]);
  for (const ns of [...new Set(inputs.map((t) => t.namespace))]) {
    const inNs = inputs.filter((t) => t.namespace === ns);
    const wide = inNs.filter((t) => isNamespaceWide(t.spec, rules));
    if (wide.length > 1) {
      const undated = wide.some((t) => creationTime(t) === undefined);
      const problem: Problem = {
        code: 'telemetry.multiple-selectorless',
        message: `IST0160: ${wide.map(telemetryId).join(', ')} are namespace-wide${
          !rules.targetRefsAttach && wide.some((t) => targetRefsOf(t.spec).length > 0)
            ? ` (on Istio ${rules.text} a Telemetry with only targetRefs counts as namespace-wide: istiod attaches by targetRefs from 1.24)`
            : ''
        }. istiod uses only the oldest, ${telemetryId(wide[0]!)}${undated ? ' (a guess: some have no creationTimestamp)' : ''}, and ignores the others.`,
        cause: 'Two namespace-wide Telemetries in one namespace: the newer one is silently ignored.',
        fix: `Merge them into one Telemetry per namespace${wide.some((t) => names(t).includes(ours)) ? `, naming ${ours}` : ''}.`,
      };
      (relevant.has(ns) ? conflictProblems : conflictNotes).push(problem);
    }
    // istioctl analyze counts every Telemetry without `selector` (default_selector.go), targetRefs ones included.
    const analyzerCounts = inNs.filter((t) => asObject(t.spec.selector) === undefined);
    const falseAlarm = analyzerCounts.filter((t) => !isNamespaceWide(t.spec, rules));
    if (analyzerCounts.length > 1 && falseAlarm.length > 0) {
      conflictNotes.push({
        code: 'telemetry.ist0160-targetrefs',
        message: `istioctl analyze reports IST0160 for ${analyzerCounts.map(telemetryId).join(', ')}, but ${falseAlarm.map(telemetryId).join(', ')} attach${falseAlarm.length === 1 ? 'es' : ''} by targetRefs, which istiod ${rules.text} handles on its own: no conflict for ${falseAlarm.length === 1 ? 'it' : 'them'}.`,
        fix: 'Do not merge a Gateway- or Service-targeted Telemetry into the namespace-wide one: that would make it apply to the whole namespace (or mesh).',
      });
    }
    const withSelector = inNs.filter((t) => Object.keys(matchLabelsOf(t.spec)).length > 0);
    for (let i = 0; i < withSelector.length; i++) {
      for (let j = i + 1; j < withSelector.length; j++) {
        const a = withSelector[i]!;
        const b = withSelector[j]!;
        if (!selectorsOverlap(matchLabelsOf(a.spec), matchLabelsOf(b.spec))) continue;
        const labels = scope.matchLabels;
        const mine =
          Object.keys(labels).length > 0 &&
          ns === scope.namespace &&
          selects(matchLabelsOf(a.spec), labels) &&
          selects(matchLabelsOf(b.spec), labels);
        const problem: Problem = {
          code: 'telemetry.overlapping-selectors',
          message: `IST0159: ${telemetryId(a)} and ${telemetryId(b)} can select the same pods; for those, istiod applies both, oldest first, so ${telemetryId(b)} (the newer${creationTime(a) === undefined || creationTime(b) === undefined ? ', as far as the pasted timestamps tell' : ''}) wins for every field it sets.`,
          fix: 'Give each workload one Telemetry with a selector.',
        };
        (mine ? conflictProblems : conflictNotes).push(problem);
      }
    }
  }
  const conflictCount = conflictProblems.length + conflictNotes.length;
  items.push(
    checked(CONFLICTS, model, target, {
      summary:
        conflictCount === 0
          ? `${telemetries.length} Telemetr${telemetries.length === 1 ? 'y' : 'ies'}, no conflicts.`
          : `${conflictCount} conflict${conflictCount === 1 ? '' : 's'} found.`,
      problems: conflictProblems,
      notes: conflictNotes,
    }),
  );
  return items;
}

/** Two label selectors can match one pod unless they require different values for the same key. */
function selectorsOverlap(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(a).every(([key, value]) => !(key in b) || b[key] === value);
}

function selects(wanted: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

function describe(sides: readonly SideOutcome[]): string {
  const texts = sides.map((side) => {
    if (side.status !== 'traces')
      return side.status === 'disabled'
        ? `${side.provider?.value}, but span reporting is disabled`
        : 'no tracing provider';
    return `traces go to ${side.provider?.value || '(a provider without a name)'} at ${side.sampling.percent} %${side.sampling.source === 'sampler' ? ' (the sampler decides)' : ''}`;
  });
  const unique = [...new Set(texts)];
  return unique.length === 1 ? unique[0]! : sides.map((side, i) => `${side.side}: ${texts[i]}`).join('; ');
}

function judge(
  outcome: SideOutcome,
  side: string,
  resolution: TracingResolution,
  model: Model,
  applyFix: string,
  fixText: string,
  referencing: readonly TelemetryInput[],
): Problem[] {
  const ours = model.provider.name;
  const problems: Problem[] = [];
  const elsewhere = referencing
    .map((telemetry) => {
      const verdict = resolution.verdicts.find((v) => v.telemetry === telemetry);
      return verdict && !verdict.applies
        ? ` ${verdict.id} names ${ours} but does not decide here: ${verdict.why}.`
        : '';
    })
    .join('');
  if (outcome.status === 'no-tracing' || outcome.status === 'no-provider') {
    problems.push({
      code: 'telemetry.not-applied',
      message: `${side}no Telemetry that applies here names a tracing provider.${elsewhere}`,
      cause: 'The Telemetry is missing, in the wrong namespace, or attached to other proxies.',
      fix: applyFix,
      fixText,
    });
  } else if (outcome.provider && outcome.provider.value.toLowerCase() !== ours.toLowerCase()) {
    problems.push({
      code: 'telemetry.overridden',
      message: `${side}${outcome.provider.from} decides here and names ${outcome.provider.value || '(a provider without a name)'}, not ${ours}.${elsewhere}`,
      cause:
        'Another Telemetry overrides yours: istiod applies the root namespace’s namespace-wide one, then the namespace’s own, then every attached one (selector or targetRefs) oldest first, so the newest wins.',
      fix: `Name ${ours} in ${outcome.provider.from}, or remove it.`,
    });
  } else if (outcome.status === 'unknown-provider') {
    problems.push({
      code: 'telemetry.provider-unknown',
      message: `${side}the provider ${outcome.provider?.value} is not in the live mesh config, so istiod turns tracing off.`,
      fix: 'Apply the mesh config first (step 3).',
    });
  }
  if (outcome.status === 'disabled') {
    problems.push({
      code: 'telemetry.disabled',
      message: `${side}disableSpanReporting: true in ${outcome.disableSpanReporting?.from}.`,
      cause: 'Span reporting is switched off for these workloads.',
      fix: `Remove disableSpanReporting from ${outcome.disableSpanReporting?.from}.`,
    });
  }
  if (outcome.sampling.percent === 0 && outcome.sampling.source !== 'sampler' && outcome.provider) {
    problems.push({
      code: 'telemetry.sampling-zero',
      message: `${side}randomSamplingPercentage is 0 (from ${outcome.sampling.from ?? 'the mesh config'}): no request is traced.`,
      fix: `Set randomSamplingPercentage to ${model.telemetry.samplingPercentage} (step 5), or enable the Dynatrace sampler.`,
    });
  }
  return problems;
}

export function meshFactsOf(mesh: Plain | undefined, providerNames: string[] | undefined): MeshFacts {
  // Loaded as istiod loads it: built-in providers, the last entry of a name, defaultProviders in camelCase only.
  const loaded = mesh ? loadMeshConfig(mesh) : undefined;
  return {
    ...(providerNames ? { providerNames } : {}),
    ...(loaded ? { loaded, defaultTracing: loaded.defaultTracing } : {}),
  };
}
