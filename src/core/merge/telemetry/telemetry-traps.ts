import { telemetryFieldGaps } from '../../telemetry-fields';
import type { Finding } from '../../findings';
import { generateTelemetry, TELEMETRY_NAME } from '../../generate/telemetry';
import { compareIstioVersions, istiodRulesFor } from '../../istiod/istiod-version';
import { describeScope, isMeshWide, scopeProxy, type TracingScope } from '../../istiod/scope-proxy';
import { matchLabelsOf, targetRefsOf } from '../../istiod/telemetry-attachment';
import { sortTelemetries, creationTime } from '../../istiod/telemetry-order';
import {
  isNamespaceWide,
  resolveTracing,
  telemetryId,
  tracingEntriesOf,
  type ProxyInput,
  type SideOutcome,
  type TelemetryInput,
  type TracingResolution,
} from '../../istiod/tracing-rules';
import type { Model } from '../../model';
import type { ExistingTelemetry } from './read-telemetries';
import type { TracingEdit } from './tracing-edit';

/*
 * What the user's Telemetries do to tracing once ours is in place. Every answer here comes from istiod's rules
 * (src/core/istiod/tracing-rules.ts): the merged set of Telemetries is resolved for the proxies of our scope and
 * for the workloads each other Telemetry reaches, and what does not end with our provider is reported with the
 * resource that decides it.
 */

type Plain = Record<string, unknown>;

export interface TrapContext {
  scope: TracingScope;
  model: Model;
  /** The Telemetry the merged file replaces, if any. */
  target: ExistingTelemetry | undefined;
  /** The target's spec after the merge. */
  mergedSpec: Plain | undefined;
  /** Attached like the target but older (same selector or same waypoint target): the target overrides them. */
  others: readonly ExistingTelemetry[];
  edits: readonly TracingEdit[];
}

const TELEMETRY_DOCS = 'https://istio.io/latest/docs/reference/config/telemetry/';
// Later than any real creationTimestamp: a Telemetry applied now is the newest.
const APPLIED_NOW = '9999-12-31T23:59:59Z';

export function label(telemetry: ExistingTelemetry): string {
  return `${telemetry.namespace ?? '(no namespace)'}/${telemetry.name || '(unnamed)'}`;
}

/** The Telemetries as the cluster holds them after applying the merged (or generated) file. */
export function telemetriesAfterMerge(
  telemetries: readonly ExistingTelemetry[],
  model: Model,
  scope: TracingScope,
  target: ExistingTelemetry | undefined,
  mergedSpec: Plain | undefined,
): TelemetryInput[] {
  const inputs: TelemetryInput[] = telemetries.map((telemetry) => ({
    name: telemetry.name,
    namespace: telemetry.namespace ?? scope.namespace,
    creationTimestamp: telemetry.creationTimestamp,
    spec: telemetry === target && mergedSpec ? mergedSpec : telemetry.spec,
  }));
  if (!target)
    inputs.push({
      name: TELEMETRY_NAME,
      namespace: scope.namespace,
      creationTimestamp: APPLIED_NOW,
      spec: generateTelemetry(model).document.spec as Plain,
    });
  return inputs;
}

/** istiod's answer for the scope's proxies (or `proxy`) after the merge; the mesh config is not known here. */
export function resolveForScope(
  telemetries: readonly ExistingTelemetry[],
  model: Model,
  scope: TracingScope,
  target: ExistingTelemetry | undefined,
  mergedSpec: Plain | undefined,
  proxy?: ProxyInput,
): TracingResolution {
  const inputs = telemetriesAfterMerge(telemetries, model, scope, target, mergedSpec);
  return resolveTracing({
    telemetries: inputs,
    rootNamespace: scope.rootNamespace,
    proxy: proxy ?? scopeProxy(scope, inputs),
    istioVersion: model.istio.version,
    assumedProviders: [
      { name: model.provider.name, entry: undefined, customSampler: model.provider.sampler, openTelemetry: true },
    ],
  });
}

/** The warnings Istio's validation prints on apply (pkg/config/validation/validation.go validateTelemetryTracing). */
export function webhookWarnings(spec: unknown): string[] {
  const entries = tracingEntriesOf((spec as Plain | undefined) ?? {});
  const warnings: string[] = [];
  if (Array.isArray((spec as Plain | undefined)?.tracing) && ((spec as Plain).tracing as unknown[]).length > 1)
    warnings.push('multiple tracing is not currently supported');
  if (entries.some((entry) => Array.isArray(entry.providers) && entry.providers.length > 1))
    warnings.push('multiple providers is not currently supported');
  return warnings;
}

export function findTelemetryTraps(telemetries: readonly ExistingTelemetry[], context: TrapContext): Finding[] {
  const { scope, model, target, mergedSpec } = context;
  const ours = model.provider.name;
  const rules = istiodRulesFor(model.istio.version);
  const findings: Finding[] = [];
  const namespaceOf = (telemetry: ExistingTelemetry) => telemetry.namespace ?? scope.namespace;
  const placed = telemetries.map((t) => ({
    name: t.name,
    namespace: namespaceOf(t),
    creationTimestamp: t.creationTimestamp,
    spec: t.spec,
    source: t,
  }));

  // IST0160: istiod uses only the oldest namespace-wide Telemetry of a namespace.
  const ignored = new Set<ExistingTelemetry>();
  const namespaces = [...new Set(placed.map((t) => t.namespace))];
  for (const namespace of namespaces) {
    const wide = sortTelemetries(
      placed.filter((t) => t.namespace === namespace && isNamespaceWide(t.spec, rules)),
      rules,
    );
    if (wide.length < 2) continue;
    wide.slice(1).forEach((t) => ignored.add(t.source));
    const undated = wide.some((t) => creationTime(t) === undefined);
    const withRefs = wide.filter((t) => targetRefsOf(t.spec).length > 0);
    findings.push({
      id: 'telemetry-several-without-selector',
      level: 'warning',
      step: 'telemetry',
      message: `${wide.map((t) => t.name).join(', ')} in namespace ${namespace} are namespace-wide (istioctl analyze: IST0160)${
        withRefs.length > 0
          ? `; on Istio ${rules.text} istiod does not attach Telemetries by targetRefs, so ${withRefs.map((t) => t.name).join(', ')} count${withRefs.length === 1 ? 's' : ''} as namespace-wide too`
          : ''
      }. istiod uses only the oldest by creationTimestamp (ties: ${rules.tieBreak === 'name.namespace' ? 'by name.namespace on 1.22' : 'by name, then namespace'})${
        undated ? '; some have no creationTimestamp in what you pasted, so which one is a guess' : ''
      }: ${wide[0]!.name}. The others are ignored.`,
      fix: `Keep one namespace-wide Telemetry in ${namespace}: move what the others set into ${wide[0]!.name} and delete them.`,
      link: TELEMETRY_DOCS,
    });
  }

  // 1.22–1.23: targetRefs never attach a Telemetry.
  if (!rules.targetRefsAttach) {
    for (const t of placed.filter(
      (t) => targetRefsOf(t.spec).length > 0 && Object.keys(matchLabelsOf(t.spec)).length === 0,
    )) {
      findings.push({
        id: 'telemetry-targetrefs-not-attached',
        level: 'warning',
        step: 'telemetry',
        message: `${label(t.source)} attaches by targetRefs, which istiod ${rules.text} does not do for Telemetry (from 1.24.0): it counts as a namespace-wide Telemetry of ${t.namespace}, so ${
          ignored.has(t.source)
            ? 'an older namespace-wide one wins and it is ignored'
            : 'it applies to every proxy in that namespace, not only the Gateway or Service it names'
        }.`,
        fix: 'Upgrade istiod to 1.24 or later, or use a workload selector instead.',
        link: TELEMETRY_DOCS,
      });
    }
  }

  // Our scope after the merge: each side its proxies read must trace to ours.
  const scopeResolution = resolveForScope(telemetries, model, scope, target, mergedSpec);
  reportScope(findings, scopeResolution, context);

  // The target overrides older Telemetries attached the same way. Other namespace-wide ones are not applied at all:
  // istiod takes only the first, the oldest (istio/istio pilot/pkg/model/telemetry.go namespaceWideTelemetryConfig,
  // 1.30.3); IST0160 above names them.
  for (const other of context.others) {
    if (ignored.has(other)) continue;
    findings.push({
      id: 'telemetry-same-attachment',
      level: 'info',
      step: 'telemetry',
      message: `${label(other)} is attached like ${target ? label(target) : 'ours'} (${scope.waypoint ? `targets the waypoint ${scope.waypoint}` : 'same selector'}) and is older: istiod applies it first and ${target ? label(target) : 'ours'} overrides every tracing field both set${scope.waypoint ? '' : ' (istioctl analyze reports IST0159 for two Telemetries selecting one pod)'}.`,
      fix: `Fold what ${label(other)} sets into ${target ? label(target) : 'the merged file'} and delete it, so one Telemetry decides.`,
      link: TELEMETRY_DOCS,
    });
  }

  // Other Telemetries that decide for some of the workloads ours is meant to reach.
  for (const t of placed) {
    const telemetry = t.source;
    if (telemetry === target || ignored.has(telemetry) || context.others.includes(telemetry)) continue;
    if (tracingEntriesOf(telemetry.spec).length === 0) continue;
    const proxy = representativeProxy(t, scope, rules.targetRefsAttach);
    if (!proxy) continue;
    const resolution = resolveForScope(telemetries, model, scope, target, mergedSpec, proxy);
    const id = telemetryId(t);
    if (!resolution.applied.some((v) => v.id === id)) continue;
    const where = isNamespaceWide(t.spec, rules)
      ? `workloads in namespace ${t.namespace}`
      : targetRefsOf(t.spec).length > 0
        ? `the proxies ${label(telemetry)} targets`
        : `the workloads ${label(telemetry)} selects`;
    const sides = resolution.reads.map((side) => resolution[side]);
    const decidedByIt = sides.filter((side) => side.provider?.from === id);
    const notOurs = decidedByIt.filter((side) => side.provider!.value.toLowerCase() !== ours.toLowerCase());
    if (notOurs.length > 0) {
      findings.push({
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        step: 'telemetry',
        message: `${label(telemetry)} overrides the tracing provider for ${where}: they trace with ${notOurs[0]!.provider!.value}, not ${ours}${sideText(notOurs, resolution)}.`,
        fix: `Add ${ours} as the first provider in its spec.tracing (paste it here alone to have the wizard merge it), or remove its providers to inherit ours.`,
        link: TELEMETRY_DOCS,
      });
    } else if (decidedByIt.length > 0) {
      findings.push({
        id: 'telemetry-more-specific-names-ours',
        level: 'info',
        step: 'telemetry',
        message: `${label(telemetry)} also sets the tracing provider for ${where}, and names ${ours}: fine.`,
        fix: 'Nothing to do; its other tracing settings apply to those workloads.',
      });
    }
    const disabled = sides.filter((side) => side.status === 'disabled' && side.disableSpanReporting?.from === id);
    if (disabled.length > 0)
      findings.push({
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        step: 'telemetry',
        message: `${label(telemetry)} sets disableSpanReporting: true, so ${where} report no spans${sideText(disabled, resolution)}, to Dynatrace or anywhere else.`,
        fix: 'Remove disableSpanReporting (or set it to false) where you want traces.',
        link: TELEMETRY_DOCS,
      });
    const replaced = sides.filter(
      (side) =>
        side.customTags?.from === id &&
        (model.telemetry.customTags.length > 0 ||
          side.history.some((set) => set.field === 'customTags' && set.from !== id)),
    );
    if (replaced.length > 0)
      findings.push({
        id: 'telemetry-custom-tags-replaced',
        level: 'info',
        step: 'telemetry',
        message: `${label(telemetry)} sets customTags for ${where}. istiod replaces custom tags, it does not merge them: those workloads get only its tags, none from the wider Telemetry.`,
        fix: 'Repeat the tags you need everywhere in its customTags.',
        link: TELEMETRY_DOCS,
      });
  }

  reportVersionGates(findings, telemetries, model);
  const displaced = [
    ...new Set(context.edits.flatMap((edit) => (edit.kind === 'put-first' ? edit.displaced : []))),
  ].filter((name) => name !== '');
  if (displaced.length > 0 && target) {
    findings.push({
      id: 'telemetry-provider-displaced',
      level: 'info',
      step: 'telemetry',
      message: `${ours} is now the first tracing provider of ${label(target)}. istiod uses only the first provider of a tracing entry, so ${displaced.join(', ')} ${displaced.length === 1 ? 'stays listed but no longer receives' : 'stay listed but no longer receive'} spans from these workloads.`,
      fix: `Remove ${displaced.join(', ')} from the list if you no longer need ${displaced.length === 1 ? 'it' : 'them'}; Istio cannot send the same spans to two tracing providers.`,
      link: TELEMETRY_DOCS,
    });
  }
  return findings;
}

function sideText(sides: readonly SideOutcome[], resolution: TracingResolution): string {
  if (resolution.reads.length === 1 || sides.length === resolution.reads.length) return '';
  return sides[0]!.side === 'client'
    ? ' (on the client side: outbound spans and gateways)'
    : ' (on the server side: inbound spans and waypoints)';
}

function reportScope(findings: Finding[], resolution: TracingResolution, context: TrapContext): void {
  const { model, scope } = context;
  const ours = model.provider.name;
  const where = describeScope(scope);
  const sides = resolution.reads.map((side) => resolution[side]);
  // Sides with the same outcome are reported once.
  const distinct = sides.filter(
    (side, index) => sides.findIndex((other) => other.reason === side.reason && other.status === side.status) === index,
  );
  for (const side of distinct) {
    const sideName = distinct.length === sides.length ? sideText([side], resolution) : '';
    if (side.status === 'disabled') {
      // disableSpanReporting decides whatever the provider: an entry naming a provider leaves `Disabled` as it was,
      // and a disabled side gets no tracing (istio/istio pilot/pkg/model/telemetry.go Tracing, and
      // pilot/pkg/networking/core/tracing.go `if spec.Disabled`, 1.30.3). Naming ours elsewhere would not help.
      const from = side.disableSpanReporting!.from;
      const other = side.provider?.value.toLowerCase() !== ours.toLowerCase() ? side.provider : undefined;
      findings.push({
        id: 'telemetry-span-reporting-disabled',
        level: 'warning',
        step: 'telemetry',
        message: `After the merge, ${where} still report no spans${sideName}: disableSpanReporting: true in ${from}.${
          other
            ? ` Without it they would trace to ${other.value || '(a provider without a name)'} (from ${other.from}), not ${ours}.`
            : ''
        }`,
        fix: other
          ? `Remove disableSpanReporting (or set it to false) in ${from}, then merge again: the merge then completes that side with ${ours}, or names what decides it.`
          : `Remove disableSpanReporting (or set it to false) in ${from}.`,
        link: TELEMETRY_DOCS,
      });
    } else if (side.provider?.value.toLowerCase() !== ours.toLowerCase()) {
      findings.push({
        id: 'telemetry-scope-not-ours',
        level: 'warning',
        step: 'telemetry',
        message: `After the merge, ${where} would still not trace to ${ours}${sideName}: ${side.reason}.`,
        fix: side.provider
          ? `Name ${ours} first in the tracing of ${side.provider.from}, or remove its providers.`
          : `Add a tracing entry naming ${ours} to the Telemetry that applies there.`,
        link: TELEMETRY_DOCS,
      });
    }
  }
  const first = sides[0];
  if (!first) return;
  if (model.provider.sampler) {
    const ignored = sides.map((side) => side.sampling.ignored).find((setting) => setting !== undefined);
    if (ignored)
      findings.push({
        id: 'telemetry-sampling-overridden-by-sampler',
        level: 'info',
        step: 'telemetry',
        message: `${ignored.from} sets randomSamplingPercentage: ${ignored.value}. With the Dynatrace sampler on the provider, istiod sets 100 % and the sampler decides, so this value has no effect (istio/istio pilot/pkg/networking/core/tracing.go).`,
        fix: 'Leave it or remove it; to limit spans, tune the sampler (root spans per minute) instead.',
        link: 'https://github.com/istio/istio/issues/53012',
      });
    return;
  }
  const chosen = model.telemetry.samplingPercentage;
  const off = sides.find((side) => side.sampling.percent !== chosen);
  if (!off) return;
  const source =
    off.sampling.source === 'telemetry'
      ? `randomSamplingPercentage: ${off.sampling.percent} from ${off.sampling.from}`
      : off.sampling.source === 'default-config'
        ? `${off.sampling.percent} % from the mesh config's defaultConfig.tracing.sampling`
        : `istiod's default of ${off.sampling.percent} % (PILOT_TRACE_SAMPLING), as no Telemetry that applies sets randomSamplingPercentage`;
  const targetId = context.target ? `${context.target.namespace ?? scope.namespace}/${context.target.name}` : undefined;
  const kept = off.sampling.source === 'telemetry' && targetId !== undefined && off.sampling.from === targetId;
  // Where to set the wizard's value: the Telemetry that decides, unless it is applied before the target (a wider
  // one): then the target, which overrides it for our scope only instead of changing it for every workload it reaches.
  const order = resolution.applied.map((verdict) => verdict.id);
  const decides = off.sampling.source === 'telemetry' ? off.sampling.from : undefined;
  const setIn =
    decides !== undefined && !(targetId !== undefined && order.indexOf(decides) < order.indexOf(targetId))
      ? decides
      : context.target
        ? label(context.target)
        : 'the Telemetry';
  findings.push({
    id: kept ? 'telemetry-sampling-kept' : 'telemetry-sampling-not-written',
    level: kept ? 'info' : 'warning',
    step: 'telemetry',
    message: `The ${chosen} % chosen in the wizard is not written${context.target ? ` into ${label(context.target)}` : ''}: ${where} sample at ${source}.`,
    fix: `Set randomSamplingPercentage: ${chosen} in ${setIn} if you want the wizard's value.`,
  });
}

/** A proxy that `t` reaches and ours is meant to reach too; undefined when `t` cannot override ours anywhere. */
function representativeProxy(
  t: TelemetryInput,
  scope: TracingScope,
  targetRefsAttach: boolean,
): ProxyInput | undefined {
  const oursNamespaceWide = Object.keys(scope.matchLabels).length === 0 && !scope.waypoint;
  if (!oursNamespaceWide) return undefined;
  const meshWide = isMeshWide(scope);
  if (!meshWide && t.namespace !== scope.namespace) return undefined;
  const labels = matchLabelsOf(t.spec);
  const refs = targetRefsAttach ? targetRefsOf(t.spec) : [];
  const gateway = refs.find((ref) => ref.kind === 'Gateway');
  if (gateway) return { kind: 'waypoint', namespace: t.namespace, labels: {}, gatewayName: gateway.name };
  const service = refs.find((ref) => ref.kind === 'Service' || ref.kind === 'ServiceEntry');
  if (service)
    return {
      kind: 'waypoint',
      namespace: t.namespace,
      labels: {},
      gatewayName: 'waypoint',
      service: {
        namespace: t.namespace,
        name: service.name,
        kind: service.kind === 'ServiceEntry' ? 'ServiceEntry' : 'Service',
      },
    };
  if (meshWide && t.namespace === scope.rootNamespace && Object.keys(labels).length === 0) return undefined;
  return { kind: 'sidecar', namespace: t.namespace, labels };
}

/** Fields in the user's Telemetries that their Istio version does not have (the one table: version-gates.ts). */
function reportVersionGates(findings: Finding[], telemetries: readonly ExistingTelemetry[], model: Model) {
  const istioVersion = model.istio.version;
  for (const telemetry of telemetries) {
    const formatter = tracingEntriesOf(telemetry.spec).some((entry) =>
      Object.values(isPlain(entry.customTags) ? entry.customTags : {}).some(
        (tag) => isPlain(tag) && 'formatter' in tag,
      ),
    );
    // Every field and targetRefs kind the user's Istio lacks, from the per-version tables generated from istio/api and
    // istio/istio (telemetry-fields.ts); a typo'd field is named too.
    const gaps = telemetryFieldGaps(telemetry.spec, istioVersion);
    for (const gap of gaps) {
      findings.push({
        id: gap.code === 'telemetry-field-unknown' ? 'telemetry-field-unknown' : 'telemetry-field-too-new',
        level: 'warning',
        step: 'telemetry',
        message: `${label(telemetry)}: ${gap.message}`,
        fix: 'Remove the field, or check the Istio version given on the Requirements step.',
      });
    }
    const refusals = gaps.filter((gap) => gap.code !== 'telemetry-field-unknown');
    if (formatter && refusals.length === 0 && (compareIstioVersions(istioVersion, '1.29.0') ?? 0) >= 0)
      findings.push({
        id: 'telemetry-formatter-needs-new-proxies',
        level: 'info',
        step: 'telemetry',
        message: `${label(telemetry)} has formatter custom tags: istiod leaves them out for proxies older than 1.29 (pilot/pkg/networking/core/tracing.go buildCustomTagsFromProvider), without an error.`,
        fix: 'Check the data-plane versions (istioctl version): proxies still on 1.28 or older get the other tags only.',
      });
  }
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
