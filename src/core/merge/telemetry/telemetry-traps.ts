import type { Finding } from '../../findings';
import { versionRefusal } from '../../version-gates';
import type { ExistingTelemetry } from './read-telemetries';
import { providerNames, sameName, type TracingEdit } from './tracing-edit';

/*
 * What else in the user's Telemetries decides how their workloads trace, once ours is in place.
 * istiod layers Telemetries root namespace → workload namespace → workload selector, each tracing entry
 * overriding only the fields it sets; customTags are replaced, not merged; within a namespace only the
 * oldest selector-less Telemetry counts (istio/istio pilot/pkg/model/telemetry.go: applicableTelemetries,
 * namespaceWideTelemetryConfig, Tracing; ordering by creationTimestamp then name in pilot/pkg/model/config.go).
 */

type Plain = Record<string, unknown>;

export interface TelemetryScope {
  namespace: string;
  rootNamespace: string;
  matchLabels: Record<string, string>;
  /** The waypoint Gateway ours targets (in `namespace`), when it targets one instead of workloads. */
  waypoint?: string | undefined;
}

export interface TrapContext {
  scope: TelemetryScope;
  providerName: string;
  sampler: boolean;
  samplingPercentage: number;
  /** The Telemetry the merged file replaces, if any. */
  target: ExistingTelemetry | undefined;
  edits: readonly TracingEdit[];
  istioVersion: string;
}

const TELEMETRY_DOCS = 'https://istio.io/latest/docs/reference/config/telemetry/';

export function isSelectorLess(telemetry: ExistingTelemetry): boolean {
  return Object.keys(telemetry.matchLabels).length === 0 && !telemetry.hasTargetRefs;
}

export function label(telemetry: ExistingTelemetry): string {
  return `${telemetry.namespace ?? '(no namespace)'}/${telemetry.name || '(unnamed)'}`;
}

/** The order istiod uses among Telemetries of one namespace: oldest first, then by name. */
export function byAge(a: ExistingTelemetry, b: ExistingTelemetry): number {
  const at = a.creationTimestamp ?? '';
  const bt = b.creationTimestamp ?? '';
  if (at !== bt) return at === '' ? 1 : bt === '' ? -1 : Date.parse(at) - Date.parse(bt);
  return a.name.localeCompare(b.name);
}

export function findTelemetryTraps(telemetries: readonly ExistingTelemetry[], context: TrapContext): Finding[] {
  const { scope, providerName } = context;
  const findings: Finding[] = [];
  const namespaceOf = (telemetry: ExistingTelemetry) => telemetry.namespace ?? scope.namespace;

  const selectorLessByNamespace = new Map<string, ExistingTelemetry[]>();
  for (const telemetry of telemetries.filter(isSelectorLess)) {
    const list = selectorLessByNamespace.get(namespaceOf(telemetry)) ?? [];
    list.push(telemetry);
    selectorLessByNamespace.set(namespaceOf(telemetry), list);
  }
  // Selector-less Telemetries that lose to an older one in their namespace change nothing.
  const ignored = new Set<ExistingTelemetry>();
  for (const [namespace, list] of selectorLessByNamespace) {
    if (list.length < 2) continue;
    const ordered = [...list].sort(byAge);
    ordered.slice(1).forEach((telemetry) => ignored.add(telemetry));
    const undated = list.some((telemetry) => telemetry.creationTimestamp === undefined);
    findings.push({
      id: 'telemetry-several-without-selector',
      level: 'warning',
      step: 'telemetry',
      message: `${list.map((telemetry) => telemetry.name).join(', ')} in namespace ${namespace} have no workload selector (istioctl analyze: IST0160). istiod uses only one of them, the oldest by creationTimestamp (then by name)${undated ? '; some have no creationTimestamp in what you pasted, so which one is a guess' : ''}: ${ordered[0]!.name}. The others are ignored.`,
      fix: `Keep one selector-less Telemetry in ${namespace}: move what the others set into ${ordered[0]!.name} and delete them.`,
      link: TELEMETRY_DOCS,
    });
  }

  for (const telemetry of telemetries) {
    if (telemetry === context.target || ignored.has(telemetry)) continue;
    if (!overridesOurs(telemetry, namespaceOf(telemetry), scope)) continue;
    const where = isSelectorLess(telemetry)
      ? `workloads in namespace ${namespaceOf(telemetry)}`
      : `the workloads ${label(telemetry)} selects`;
    const tracing = tracingEntries(telemetry);
    if (tracing.length === 0) continue;
    const first = tracing.map(providerNames).filter((names) => names.length > 0);
    const effective = first.length > 0 ? first[first.length - 1]![0] : undefined;
    if (effective !== undefined && !sameName(effective, providerName)) {
      findings.push({
        id: 'telemetry-overridden-by-more-specific',
        level: 'warning',
        step: 'telemetry',
        message: `${label(telemetry)} overrides the tracing provider for ${where}: they trace with ${effective}, not ${providerName}.`,
        fix: `Add ${providerName} as the first provider in its spec.tracing (paste it here alone to have the wizard merge it), or remove its providers to inherit ours.`,
        link: TELEMETRY_DOCS,
      });
    } else if (effective !== undefined) {
      findings.push({
        id: 'telemetry-more-specific-names-ours',
        level: 'info',
        step: 'telemetry',
        message: `${label(telemetry)} also sets the tracing provider for ${where}, and names ${providerName}: fine.`,
        fix: 'Nothing to do; its other tracing settings apply to those workloads.',
      });
    }
    if (tracing.some((entry) => entry.customTags !== undefined && entry.customTags !== null)) {
      findings.push({
        id: 'telemetry-custom-tags-replaced',
        level: 'info',
        step: 'telemetry',
        message: `${label(telemetry)} sets customTags for ${where}. istiod replaces custom tags, it does not merge them: those workloads get only its tags, none from the wider Telemetry.`,
        fix: 'Repeat the tags you need everywhere in its customTags.',
        link: TELEMETRY_DOCS,
      });
    }
    reportEntryTraps(findings, label(telemetry), where, tracing, context);
  }

  reportVersionGates(findings, telemetries, context.istioVersion);
  if (context.target) {
    reportEntryTraps(findings, label(context.target), 'its workloads', tracingEntries(context.target), context);
  }
  const displaced = [
    ...new Set(context.edits.flatMap((edit) => (edit.kind === 'put-first' ? edit.displaced : []))),
  ].filter((name) => name !== '');
  if (displaced.length > 0 && context.target) {
    findings.push({
      id: 'telemetry-provider-displaced',
      level: 'info',
      step: 'telemetry',
      message: `${providerName} is now the first tracing provider of ${label(context.target)}. istiod uses only the first provider of a tracing entry, so ${displaced.join(', ')} stays listed but no longer receives spans from these workloads.`,
      fix: `Remove ${displaced.join(', ')} from the list if you no longer need it; Istio cannot send the same spans to two tracing providers.`,
      link: TELEMETRY_DOCS,
    });
  }
  return findings;
}

function reportEntryTraps(
  findings: Finding[],
  name: string,
  where: string,
  tracing: readonly Plain[],
  context: TrapContext,
): void {
  if (tracing.some((entry) => entry.disableSpanReporting === true)) {
    findings.push({
      id: 'telemetry-span-reporting-disabled',
      level: 'warning',
      step: 'telemetry',
      message: `${name} sets disableSpanReporting: true, so ${where} report no spans, to Dynatrace or anywhere else.`,
      fix: 'Remove disableSpanReporting (or set it to false) where you want traces.',
      link: TELEMETRY_DOCS,
    });
  }
  const percentages = tracing
    .map((entry) => entry.randomSamplingPercentage)
    .filter((value): value is number => typeof value === 'number');
  if (percentages.length === 0) return;
  const last = percentages[percentages.length - 1]!;
  if (context.sampler) {
    findings.push({
      id: 'telemetry-sampling-overridden-by-sampler',
      level: 'info',
      step: 'telemetry',
      message: `${name} sets randomSamplingPercentage: ${last}. With the Dynatrace sampler on the provider, istiod sets 100 % and the sampler decides, so this value has no effect (istio/istio pilot/pkg/networking/core/tracing.go).`,
      fix: 'Leave it or remove it; to limit spans, tune the sampler (root spans per minute) instead.',
      link: 'https://github.com/istio/istio/issues/53012',
    });
  } else if (name === (context.target && label(context.target)) && last !== context.samplingPercentage) {
    findings.push({
      id: 'telemetry-sampling-kept',
      level: 'info',
      step: 'telemetry',
      message: `${name} keeps its randomSamplingPercentage: ${last}; the ${context.samplingPercentage} % chosen in the wizard is not written into it.`,
      fix: 'Edit randomSamplingPercentage in the merged file if you want the other value.',
    });
  }
}

/** Fields in the user's Telemetries that their Istio version does not have (the one table: version-gates.ts). */
function reportVersionGates(findings: Finding[], telemetries: readonly ExistingTelemetry[], istioVersion: string) {
  for (const telemetry of telemetries) {
    const formatter = tracingEntries(telemetry).some((entry) =>
      Object.values(isPlain(entry.customTags) ? entry.customTags : {}).some(
        (tag) => isPlain(tag) && 'formatter' in tag,
      ),
    );
    const refusals = [
      formatter ? versionRefusal('customTagFormatter', istioVersion) : undefined,
      telemetry.hasTargetRefs ? versionRefusal('telemetryTargetRefs', istioVersion) : undefined,
    ].filter((refusal): refusal is string => refusal !== undefined);
    for (const refusal of refusals) {
      findings.push({
        id: 'telemetry-field-too-new',
        level: 'warning',
        step: 'telemetry',
        message: `${label(telemetry)}: ${refusal} istiod of this version does not know the field.`,
        fix: 'Remove the field, or check the Istio version given on the Requirements step.',
      });
    }
  }
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when this Telemetry applies after ours for some workloads, so its tracing settings win there. */
function overridesOurs(telemetry: ExistingTelemetry, namespace: string, scope: TelemetryScope): boolean {
  // Istio applies the Telemetries attached by selector or targetRefs after the namespace-wide ones, oldest first, each
  // overriding what came before (istio/istio pilot/pkg/model/telemetry.go applicableTelemetries, and Tracing: the
  // later entry's provider wins); ours is the newest. So only something attached like ours could override it.
  const oursIsNamespaceWide = Object.keys(scope.matchLabels).length === 0 && scope.waypoint === undefined;
  if (!oursIsNamespaceWide) return false;
  if (scope.namespace === scope.rootNamespace) {
    return namespace !== scope.rootNamespace || !isSelectorLess(telemetry);
  }
  return namespace === scope.namespace && !isSelectorLess(telemetry);
}

function tracingEntries(telemetry: ExistingTelemetry): Plain[] {
  const tracing = telemetry.spec.tracing;
  return Array.isArray(tracing)
    ? tracing.filter((entry): entry is Plain => typeof entry === 'object' && entry !== null)
    : [];
}
