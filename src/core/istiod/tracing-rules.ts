import { asObject, textOf, type Plain } from '../plain-data';
import { compareIstioVersions, istiodRulesFor, type IstiodRules } from './istiod-version';
import { lookupProvider, PILOT_TRACE_SAMPLING_DEFAULT, type LoadedMesh, type LoadedProvider } from './mesh-providers';
import {
  GATEWAY_NAME_LABEL,
  matchLabelsOf,
  shouldAttach,
  targetRefsOf,
  type ServedService,
} from './telemetry-attachment';
import { creationTime, sortTelemetries } from './telemetry-order';

/*
 * What istiod configures for tracing on one proxy: the one place in the project that knows istiod's rules.
 * Read at tags 1.22.0, 1.23.0, 1.24.0, 1.28.0, 1.30.2 and 1.30.3 of istio/istio:
 * - pilot/pkg/model/telemetry.go applicableTelemetries: the oldest namespace-wide Telemetry of the root
 *   namespace, then the oldest namespace-wide one of the proxy's namespace (skipped when that is the root),
 *   then, for a waypoint serving a Service of another namespace and from 1.30.3 only, the oldest namespace-wide
 *   one of the Service's namespace; then every attached (selector / targetRefs) Telemetry of the last of those
 *   namespaces, oldest first, so the newest wins. "Namespace-wide" is "no matchLabels" on 1.22–1.23 and
 *   "no matchLabels and no targetRefs" from 1.24.0: on 1.22–1.23 a targetRefs-only Telemetry is namespace-wide.
 * - telemetry.go Tracing: defaultProviders.tracing[0] starts both sides; each tracing entry (match.mode CLIENT,
 *   SERVER or both) sets the provider from providers[0] when it names any (looked up case-insensitively; a name
 *   not in the mesh config leaves no provider), and disableSpanReporting, customTags (replaced whole) and
 *   randomSamplingPercentage only when set. A side without a provider is disabled. Without any tracing entry and
 *   without a default provider istiod configures no Telemetry tracing at all.
 * - pilot/pkg/networking/core/tracing.go configureTracingFromTelemetry: sidecar outbound and gateways read the
 *   CLIENT side, sidecar inbound and waypoints the SERVER side; sampling is 100 with a custom (Dynatrace)
 *   sampler, else the Telemetry's percentage, else defaultConfig.tracing.sampling, else PILOT_TRACE_SAMPLING (1);
 *   formatter custom tags are skipped for proxies older than 1.29 (buildCustomTagsFromProvider).
 */

export type ProxyKind = 'sidecar' | 'gateway' | 'waypoint';
export type Side = 'client' | 'server';

export interface TelemetryInput {
  name: string;
  namespace: string;
  creationTimestamp?: string | undefined;
  spec: Plain;
}

export interface ProxyInput {
  kind: ProxyKind;
  namespace: string;
  /** The pod's labels; undefined when not known (then no selector can be said to match). */
  labels?: Record<string, string> | undefined;
  /** The Gateway API Gateway it is deployed from (waypoints always; gateways when not a classic ingress gateway). */
  gatewayName?: string | undefined;
  /** For a waypoint: the Service whose request it handles. */
  service?: ServedService | undefined;
  /** The proxy's own version when it differs from istiod's (formatter tags). */
  version?: string | undefined;
}

export interface TracingRulesInput {
  telemetries: readonly TelemetryInput[];
  rootNamespace: string;
  proxy: ProxyInput;
  istioVersion: string;
  /** The mesh config as istiod loaded it; undefined when not known (provider names are then not checked). */
  mesh?: LoadedMesh | undefined;
  /** Without a mesh config: providers assumed to exist, e.g. the one the wizard generates. */
  assumedProviders?: readonly LoadedProvider[] | undefined;
}

export type Step = 'root' | 'namespace' | 'service-namespace' | 'attached';
export type TracingField = 'provider' | 'disableSpanReporting' | 'customTags' | 'randomSamplingPercentage';

export interface Setting<T> {
  value: T;
  /** `namespace/name` of the Telemetry, or `defaultProviders.tracing`. */
  from: string;
}

export interface TelemetryVerdict {
  telemetry: TelemetryInput;
  id: string;
  applies: boolean;
  step?: Step;
  /** Why it applies, or why not. */
  why: string;
  /** True when the answer rests on something not known (pod labels, a missing creationTimestamp). */
  unsure?: boolean;
  /** Fields it set that a later Telemetry overrode, per side. */
  overridden: { side: Side; field: TracingField; by: string }[];
}

export type SideStatus = 'traces' | 'no-tracing' | 'no-provider' | 'unknown-provider' | 'disabled';

export interface SideOutcome {
  side: Side;
  status: SideStatus;
  /** One sentence: what the proxy does on this side and which resource decides. */
  reason: string;
  provider?: Setting<string> | undefined;
  /** The mesh-config provider the name reached; undefined when none or when the mesh config is not known. */
  resolved?: LoadedProvider | undefined;
  /** False when the mesh config is not known, so the provider's existence was assumed. */
  providerChecked: boolean;
  disableSpanReporting?: Setting<boolean> | undefined;
  sampling: {
    percent: number;
    source: 'sampler' | 'telemetry' | 'default-config' | 'pilot-default';
    from?: string | undefined;
    /** A Telemetry percentage that the sampler overrides. */
    ignored?: Setting<number> | undefined;
  };
  customTags?: (Setting<Plain> & { skipped: string[] }) | undefined;
  /** Every Telemetry that set each field, in order; the last one counts. */
  history: { field: TracingField; from: string }[];
}

export interface TracingResolution {
  rules: IstiodRules;
  /** The sides this proxy reads: sidecars both, gateways CLIENT, waypoints SERVER. */
  reads: Side[];
  client: SideOutcome;
  server: SideOutcome;
  /** The contributing Telemetries in istiod's order. */
  applied: TelemetryVerdict[];
  /** Every Telemetry given, with why it applies or not, in istiod's order. */
  verdicts: TelemetryVerdict[];
  /** Sentences about what this answer could not know. */
  caveats: string[];
}

export function telemetryId(telemetry: { name: string; namespace: string }): string {
  return `${telemetry.namespace}/${telemetry.name}`;
}

export function sidesRead(kind: ProxyKind): Side[] {
  return kind === 'sidecar' ? ['client', 'server'] : kind === 'gateway' ? ['client'] : ['server'];
}

/** True when the Telemetry is namespace-wide under these rules. */
export function isNamespaceWide(spec: Plain, rules: Pick<IstiodRules, 'targetRefsAttach'>): boolean {
  if (Object.keys(matchLabelsOf(spec)).length > 0) return false;
  return !rules.targetRefsAttach || targetRefsOf(spec).length === 0;
}

export function tracingEntriesOf(spec: Plain): Plain[] {
  return Array.isArray(spec.tracing) ? spec.tracing.map(asObject).filter((e): e is Plain => e !== undefined) : [];
}

/** The provider names an entry lists, in order; '' for an entry without a name (istiod then finds none). */
export function providerNamesOf(entry: Plain): string[] {
  return Array.isArray(entry.providers) ? entry.providers.map((p) => textOf(asObject(p)?.name)) : [];
}

export function entrySides(entry: Plain): Side[] {
  const mode = textOf(asObject(entry.match)?.mode);
  return mode === 'CLIENT' ? ['client'] : mode === 'SERVER' ? ['server'] : ['client', 'server'];
}

export function resolveTracing(input: TracingRulesInput): TracingResolution {
  const rules = istiodRulesFor(input.istioVersion);
  const { proxy, rootNamespace } = input;
  const labels =
    proxy.gatewayName !== undefined
      ? { ...(proxy.labels ?? {}), [GATEWAY_NAME_LABEL]: proxy.gatewayName }
      : proxy.labels;
  const sorted = sortTelemetries(input.telemetries, rules);
  const verdicts = new Map<TelemetryInput, TelemetryVerdict>();
  const verdict = (telemetry: TelemetryInput, rest: Omit<TelemetryVerdict, 'telemetry' | 'id' | 'overridden'>) => {
    verdicts.set(telemetry, { telemetry, id: telemetryId(telemetry), overridden: [], ...rest });
  };
  const caveats: string[] = [];
  const applied: TelemetryInput[] = [];
  const namespaceWide = (t: TelemetryInput) => isNamespaceWide(t.spec, rules);
  const inNamespace = (ns: string) => sorted.filter((t) => t.namespace === ns);

  const takeNamespaceWide = (ns: string, step: Step, label: string) => {
    const wide = inNamespace(ns).filter(namespaceWide);
    const [first, ...rest] = wide;
    if (!first) return;
    applied.push(first);
    const guessed = wide.length > 1 && wide.some((t) => creationTime(t) === undefined);
    const oldRefs = !rules.targetRefsAttach && targetRefsOf(first.spec).length > 0;
    verdict(first, {
      applies: true,
      step,
      why: `${label}${wide.length > 1 ? ', and the oldest of its namespace-wide Telemetries' : ''}${
        oldRefs ? `; on Istio ${rules.text} its targetRefs are not used, so it counts as namespace-wide` : ''
      }`,
      ...(guessed ? { unsure: true } : {}),
    });
    for (const later of rest) {
      verdict(later, {
        applies: false,
        why: `istiod uses only the oldest namespace-wide Telemetry of ${ns}, ${telemetryId(first)}${
          !rules.targetRefsAttach && targetRefsOf(later.spec).length > 0
            ? `; on Istio ${rules.text} targetRefs do not attach, so this one counts as namespace-wide too`
            : ''
        }`,
        ...(guessed ? { unsure: true } : {}),
      });
    }
  };

  if (rootNamespace !== '')
    takeNamespaceWide(rootNamespace, 'root', `the namespace-wide Telemetry of the root namespace ${rootNamespace}`);
  let loopNamespace = proxy.namespace;
  if (proxy.namespace !== rootNamespace)
    takeNamespaceWide(
      proxy.namespace,
      'namespace',
      `the namespace-wide Telemetry of the proxy's namespace ${proxy.namespace}`,
    );
  const service = proxy.kind === 'waypoint' ? proxy.service : undefined;
  if (service && service.namespace !== proxy.namespace) {
    if (rules.waypointServiceNamespace) {
      loopNamespace = service.namespace;
      takeNamespaceWide(
        service.namespace,
        'service-namespace',
        `the namespace-wide Telemetry of ${service.namespace}, the namespace of the Service this waypoint serves (Istio 1.30.3+)`,
      );
    }
    if (rules.patchUnknown)
      caveats.push(
        `Istio ${rules.text} without a patch: from 1.30.3 a waypoint also reads the Service's namespace (${service.namespace}) and takes attached Telemetries only from there; 1.30.0–1.30.2 do not. This answer assumes 1.30.3 or later.`,
      );
  }
  const attachProxy = { isWaypoint: proxy.kind === 'waypoint', namespace: proxy.namespace, labels, service };
  for (const telemetry of inNamespace(loopNamespace)) {
    if (verdicts.has(telemetry) || namespaceWide(telemetry)) continue;
    const attachment = shouldAttach(telemetry, attachProxy, rules, rootNamespace);
    if (attachment.attaches) {
      applied.push(telemetry);
      verdict(telemetry, { applies: true, step: 'attached', why: attachment.why });
    } else {
      verdict(telemetry, { applies: false, why: attachment.why, ...(attachment.unsure ? { unsure: true } : {}) });
    }
  }
  for (const telemetry of sorted) {
    if (verdicts.has(telemetry)) continue;
    verdict(telemetry, { applies: false, why: notConsidered(telemetry, proxy, rootNamespace, loopNamespace, rules) });
  }
  const attachedGuess = applied.filter((t) => verdicts.get(t)?.step === 'attached');
  if (attachedGuess.length > 1 && attachedGuess.some((t) => creationTime(t) === undefined))
    caveats.push(
      `${attachedGuess.map(telemetryId).join(', ')} all attach here and some have no creationTimestamp: the newest wins, so which one decides is a guess (undated ones are ordered first, as istiod orders a zero time).`,
    );

  const client = emptySide('client');
  const server = emptySide('server');
  const defaults = input.mesh?.defaultTracing ?? [];
  const lookup = (name: string) => findProvider(input, name);
  if (defaults[0] !== undefined) {
    for (const side of [client, server]) setProvider(side, defaults[0], 'defaultProviders.tracing', lookup);
  }
  let anyEntry = false;
  for (const telemetry of applied) {
    const from = telemetryId(telemetry);
    for (const entry of tracingEntriesOf(telemetry.spec)) {
      anyEntry = true;
      const sides = entrySides(entry).map((s) => (s === 'client' ? client : server));
      const names = providerNamesOf(entry);
      for (const side of sides) {
        if (names.length > 0) setProvider(side, names[0]!, from, lookup);
        const disable = readBool(entry.disableSpanReporting);
        if (disable !== undefined) {
          side.disableSpanReporting = { value: disable, from };
          side.history.push({ field: 'disableSpanReporting', from });
        }
        const tags = entry.customTags;
        if (tags !== undefined && tags !== null) {
          side.customTags = { value: asObject(tags) ?? {}, from, skipped: [] };
          side.history.push({ field: 'customTags', from });
        }
        const percent = readNumber(entry.randomSamplingPercentage);
        if (percent !== undefined) {
          side.telemetrySampling = { value: percent, from };
          side.history.push({ field: 'randomSamplingPercentage', from });
        }
      }
    }
  }
  // Tracing() returns nil without entries and default provider: no Telemetry tracing at all.
  const noTracing = !anyEntry && defaults.length === 0;
  const proxyVersion = proxy.version ?? input.istioVersion;
  const finish = (side: WorkingSide): SideOutcome => finishSide(side, noTracing, input, proxyVersion);
  const result: TracingResolution = {
    rules,
    reads: sidesRead(proxy.kind),
    client: finish(client),
    server: finish(server),
    applied: [],
    verdicts: [],
    caveats,
  };
  // What overrode what: every field a Telemetry set that a later one set again on the same side.
  for (const side of [result.client, result.server]) {
    side.history.forEach((set, index) => {
      const later = side.history.slice(index + 1).find((other) => other.field === set.field && other.from !== set.from);
      const target = applied.find((t) => telemetryId(t) === set.from);
      if (later && target) verdicts.get(target)!.overridden.push({ side: side.side, field: set.field, by: later.from });
    });
  }
  result.verdicts = sorted.map((t) => verdicts.get(t)!);
  result.applied = applied.map((t) => verdicts.get(t)!);
  if (!rules.known)
    caveats.push(`Istio version "${rules.text}" is not readable; the newest rules known (1.30.3+) were used.`);
  if (input.mesh === undefined)
    caveats.push('Without the live mesh config, provider names and defaultProviders could not be checked.');
  return result;
}

interface WorkingSide {
  side: Side;
  provider?: Setting<string>;
  resolved?: LoadedProvider;
  providerChecked: boolean;
  disableSpanReporting?: Setting<boolean>;
  customTags?: Setting<Plain> & { skipped: string[] };
  telemetrySampling?: Setting<number>;
  history: { field: TracingField; from: string }[];
}

function emptySide(side: Side): WorkingSide {
  return { side, providerChecked: true, history: [] };
}

function findProvider(input: TracingRulesInput, name: string): { provider?: LoadedProvider; checked: boolean } {
  if (input.mesh) {
    const provider = lookupProvider(input.mesh, name);
    return provider ? { provider, checked: true } : { checked: true };
  }
  const assumed = (input.assumedProviders ?? []).find((p) => p.name.toLowerCase() === name.toLowerCase());
  return assumed ? { provider: assumed, checked: false } : { checked: false };
}

function setProvider(
  side: WorkingSide,
  name: string,
  from: string,
  lookup: (name: string) => { provider?: LoadedProvider; checked: boolean },
) {
  const found = lookup(name);
  side.provider = { value: name, from };
  if (found.provider) side.resolved = found.provider;
  else delete side.resolved;
  side.providerChecked = found.checked;
  side.history.push({ field: 'provider', from });
}

function finishSide(
  side: WorkingSide,
  noTracing: boolean,
  input: TracingRulesInput,
  proxyVersion: string,
): SideOutcome {
  const mesh = input.mesh;
  const base = {
    side: side.side,
    provider: side.provider,
    resolved: side.resolved,
    providerChecked: side.providerChecked,
    disableSpanReporting: side.disableSpanReporting,
    history: side.history,
  };
  const sampler = side.resolved?.customSampler === true;
  const sampling: SideOutcome['sampling'] = sampler
    ? { percent: 100, source: 'sampler', ...(side.telemetrySampling ? { ignored: side.telemetrySampling } : {}) }
    : side.telemetrySampling
      ? { percent: side.telemetrySampling.value, source: 'telemetry', from: side.telemetrySampling.from }
      : mesh?.defaultSampling !== undefined
        ? { percent: mesh.defaultSampling, source: 'default-config', from: 'defaultConfig.tracing.sampling' }
        : { percent: PILOT_TRACE_SAMPLING_DEFAULT, source: 'pilot-default' };
  const customTags = side.customTags
    ? { ...side.customTags, skipped: formatterTagsSkipped(side.customTags.value, proxyVersion) }
    : undefined;
  const outcome = (status: SideStatus, reason: string): SideOutcome => ({
    ...base,
    status,
    reason,
    sampling,
    customTags,
  });
  if (noTracing)
    return outcome(
      'no-tracing',
      'no Telemetry that applies here has a tracing entry and the mesh config has no defaultProviders.tracing, so istiod configures no Telemetry tracing',
    );
  if (!side.provider)
    return outcome(
      'no-provider',
      'no Telemetry that applies here names a tracing provider on this side, and defaultProviders.tracing is empty',
    );
  const mesh_known = side.providerChecked;
  if (!side.resolved && mesh_known)
    return outcome(
      'unknown-provider',
      `${side.provider.from} names ${side.provider.value || '(a provider without a name)'}, which is not in the mesh config, so istiod turns tracing off`,
    );
  if (side.disableSpanReporting?.value === true)
    return outcome('disabled', `disableSpanReporting: true in ${side.disableSpanReporting.from}`);
  return outcome(
    'traces',
    `traces go to ${side.provider.value || '(a provider without a name)'} (from ${side.provider.from})`,
  );
}

/** Tag names of formatter custom tags that a proxy older than 1.29 drops (tracing.go buildCustomTagsFromProvider). */
function formatterTagsSkipped(tags: Plain, proxyVersion: string): string[] {
  const old = (compareIstioVersions(proxyVersion, '1.29.0') ?? 0) < 0;
  if (!old) return [];
  return Object.entries(tags)
    .filter(([, tag]) => asObject(tag)?.formatter !== undefined)
    .map(([name]) => name);
}

function notConsidered(
  telemetry: TelemetryInput,
  proxy: ProxyInput,
  rootNamespace: string,
  loopNamespace: string,
  rules: IstiodRules,
): string {
  const ns = telemetry.namespace;
  if (ns === rootNamespace)
    return `it is not namespace-wide: from the root namespace istiod takes only the namespace-wide Telemetry, and attached ones only for proxies in ${rootNamespace}`;
  if (proxy.kind === 'waypoint' && proxy.service && ns === proxy.namespace && loopNamespace !== proxy.namespace)
    return `on Istio ${rules.text} a waypoint serving ${proxy.service.namespace}/${proxy.service.name} takes attached Telemetries only from ${loopNamespace}, not from its own namespace ${ns} (istio#61538)`;
  if (proxy.kind === 'waypoint' && proxy.service && ns === proxy.service.namespace)
    return `on Istio ${rules.text} a waypoint in ${proxy.namespace} does not read Telemetries of ${ns}, the Service's namespace (from 1.30.3 it reads the namespace-wide one)`;
  return `it is in namespace ${ns}; this proxy runs in ${proxy.namespace}`;
}

function readBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The sides the proxy reads that do not end with `providerName` tracing: empty when it is in effect everywhere. */
export function sidesMissing(resolution: TracingResolution, providerName: string): SideOutcome[] {
  return resolution.reads
    .map((side) => resolution[side])
    .filter(
      (outcome) => outcome.status !== 'traces' || outcome.provider?.value.toLowerCase() !== providerName.toLowerCase(),
    );
}
