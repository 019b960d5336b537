import type { Finding } from '../findings';
import { asObject, meshField, textOf, type Plain } from '../plain-data';
import { camelCase, checkMeshConfig, PROVIDER_TYPES, TRACING_PROVIDER_TYPES } from '../mesh-config-schema';
import type { ExtensionProvider } from '../generate/mesh-config';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { SERVICE_ENTRY_FILE_NAME } from '../generate/service-entry';

/*
 * What in the user's existing mesh config would fight with the new provider, each with what to do
 * (facts §1, §8). Read with YAML 1.1 semantics, as istiod reads it.
 */

function providerTypes(entry: Plain): string[] {
  return Object.keys(entry).filter((key) => PROVIDER_TYPES.some((type) => type === key || camelCase(type) === key));
}

function isTracingType(key: string): boolean {
  return TRACING_PROVIDER_TYPES.some((type) => type === key || camelCase(type) === key);
}

export function findTraps(
  mesh: Plain | undefined,
  model: Model,
  provider: ExtensionProvider,
  replaced?: unknown,
): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Omit<Finding, 'step'>) => findings.push({ step: 'mesh-config', ...finding });
  const ours = model.provider.name;
  const providers = (
    Array.isArray(meshField(mesh, 'extension_providers')) ? (meshField(mesh, 'extension_providers') as unknown[]) : []
  )
    .map(asObject)
    .filter((entry): entry is Plain => entry !== undefined);

  const old = asObject(replaced);
  if (old) {
    const oldTypes = providerTypes(old);
    const changed = describeChanges(asObject(old.opentelemetry), provider.opentelemetry);
    add({
      id: 'provider-replaced',
      level: oldTypes.includes('opentelemetry') ? 'info' : 'warning',
      message: `Your config already has a provider named ${ours}${oldTypes.length ? ` (${oldTypes.join(', ')})` : ''}; it is replaced by the generated one.${changed ? ` Changes: ${changed}.` : ''}`,
      fix: 'Check that nothing else relied on the old settings. Any comments inside that provider are replaced with it.',
    });
  }

  const names = providers.map((entry) => entry.name).filter((name): name is string => typeof name === 'string');
  for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
    // istiod merges providers by name, so the last entry's settings count (istio/istio pkg/config/mesh/mesh.go
    // ApplyMeshConfig); istioctl's validation of the raw file rejects the duplicate
    // (pkg/config/validation/agent/extensionprovider.go).
    add({
      id: `duplicate-provider-${name}`,
      level: 'warning',
      message: `${names.filter((each) => each === name).length} providers are named ${name}. istiod keeps one: the last entry's settings, at the first one's place; istioctl validate rejects the file.${name === ours ? ' The merged file has exactly one: the generated provider replaces the first, and the others are removed.' : ''}`,
      fix:
        name === ours
          ? 'Nothing to do in the merged file.'
          : `Keep one provider named ${name} (the settings you want) and remove the others.`,
    });
  }

  for (const entry of providers) {
    const types = providerTypes(entry);
    const name = providerName(entry);
    if (types.length > 1) {
      add({
        id: `two-types-${name}`,
        level: 'warning',
        message: `The provider ${name} holds ${types.join(' and ')}. A provider entry may hold only one type; istiod uses one and ignores the rest (istio#55172).`,
        fix: `Split it into one entry per type, each with its own name.`,
      });
    }
    if (name !== ours && types.some(isTracingType)) {
      add({
        id: `other-tracing-${name}`,
        level: 'warning',
        message: `You also have the tracing provider ${name} (${types.join(', ')}). A workload sends spans to one tracing provider; where the new Telemetry applies, that is ${ours}, so ${name} stops receiving those traces.`,
        fix: `If ${name} must keep its traces, scope the Telemetry (dt-telemetry.yaml) to other namespaces or workloads.`,
      });
    }
  }

  const defaults = asObject(meshField(mesh, 'default_providers'));
  const tracingDefaults = meshField(defaults, 'tracing');
  if (Array.isArray(tracingDefaults) && tracingDefaults.length > 0 && tracingDefaults[0] !== ours) {
    add({
      id: 'default-tracing-provider',
      level: 'warning',
      message: `defaultProviders.tracing names ${String(tracingDefaults[0])}. Workloads outside the new Telemetry keep tracing there; those it covers send to ${ours} instead.`,
      fix: `To send everything to Dynatrace, set defaultProviders.tracing to [${ours}] or remove the other provider.`,
    });
  }
  if (mesh && 'default_providers' in mesh) {
    add({
      id: 'snake-default-providers',
      level: 'warning',
      message:
        'default_providers is written in snake_case; istiod only reads defaultProviders and silently ignores this key.',
      fix: 'Rename it to defaultProviders.',
    });
  }
  if (mesh && 'default_config' in mesh) {
    add({
      id: 'snake-default-config',
      level: 'warning',
      message:
        'default_config is written in snake_case; istiod only reads defaultConfig and silently ignores this key.',
      fix: 'Rename it to defaultConfig.',
    });
  }
  const legacy = asObject(meshField(asObject(meshField(mesh, 'default_config')), 'tracing'));
  const legacyTracer =
    legacy &&
    Object.keys(legacy).find((key) =>
      ['zipkin', 'lightstep', 'datadog', 'stackdriver', 'openCensusAgent', 'open_census_agent'].includes(key),
    );
  if (legacyTracer) {
    add({
      id: 'legacy-default-config-tracing',
      level: 'warning',
      message: `defaultConfig.tracing.${legacyTracer} still configures the legacy tracer in every proxy. It competes with the OpenTelemetry provider and its sampling setting no longer applies.`,
      fix: 'Remove defaultConfig.tracing (and any proxy.istio.io/config tracing annotations) once Dynatrace tracing works.',
    });
  }
  if (meshField(mesh, 'enable_tracing') === false) {
    add({
      id: 'enable-tracing-false',
      level: 'warning',
      message:
        'enableTracing: false is set. It only switches off the legacy tracer; the Telemetry resource turns OpenTelemetry tracing on regardless, so someone may have meant tracing to be off.',
      fix: 'Check with whoever set it; remove it when tracing is wanted.',
    });
  }
  const policy = asObject(meshField(mesh, 'outbound_traffic_policy'));
  if (meshField(policy, 'mode') === 'REGISTRY_ONLY') {
    // A ServiceEntry exists only where the mesh reaches the tenant (standalone, or the sampler asking the tenant).
    const { reachesTenant, collectorHost } = resolveSetup(model).endpoints;
    add({
      id: 'registry-only',
      level: 'warning',
      message: reachesTenant
        ? `outboundTrafficPolicy is REGISTRY_ONLY: proxies reach only registered hosts, so the ServiceEntry (${SERVICE_ENTRY_FILE_NAME}) is mandatory.`
        : 'outboundTrafficPolicy is REGISTRY_ONLY. The telemetry-ingest service is in the cluster and so in the registry, but Sidecar resources that limit egress must list it (istio#53701).',
      fix: reachesTenant
        ? `Apply the ServiceEntry (${SERVICE_ENTRY_FILE_NAME}) before the Telemetry, and add the provider’s host to the egress hosts of any Sidecar resource.`
        : `No ServiceEntry is needed for ${collectorHost}: add it to the egress hosts of any Sidecar resource that limits egress.`,
    });
  }

  providers.forEach((entry, index) => {
    if (entry.name === ours) return;
    const issues = checkMeshConfig({ extensionProviders: [entry] }).map((issue) =>
      issue.path.replace('extensionProviders[0]', `extensionProviders[${index}]`),
    );
    if (issues.length > 0) {
      add({
        id: `provider-fields-${providerName(entry)}`,
        level: 'warning',
        message: `The provider ${providerName(entry)} has settings istiod would ignore or reject: ${issues.join(', ')}.`,
        fix: 'Check the spelling against the Istio MeshConfig reference.',
      });
    }
  });
  return findings;
}

/** How a provider entry is named in a message, also when its `name` is missing or misspelt. */
const providerName = (entry: Plain): string => (entry.name === undefined ? '(no name)' : textOf(entry.name));

function describeChanges(old: Plain | undefined, next: ExtensionProvider['opentelemetry']): string {
  if (!old) return 'it becomes an OpenTelemetry provider';
  const changes: string[] = [];
  const compare = (label: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after))
      changes.push(
        `${label} ${before === undefined ? '(none)' : textOf(before)} → ${after === undefined ? '(none)' : textOf(after)}`,
      );
  };
  compare('service', old.service, next.service);
  compare('port', old.port, next.port);
  const oldHttp = asObject(old.http);
  compare('path', oldHttp?.path, next.http.path);
  compare('timeout', oldHttp?.timeout, next.http.timeout);
  const oldSampler = asObject(meshField(old, 'dynatrace_sampler'));
  compare('tenant', meshField(oldSampler, 'tenant'), next.dynatrace_sampler?.tenant);
  compare('cluster_id', meshField(oldSampler, 'cluster_id'), next.dynatrace_sampler?.cluster_id);
  return changes.join(', ');
}
