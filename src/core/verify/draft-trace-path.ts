import { effectiveTokenStorage, sanitizeModelInput, type FieldIssue } from '../defaults';
import type { Model, ModelInput } from '../model';
import { tracePathOf, type TracePath } from './trace-path';

/*
 * The path drawn while the user types (steps 2–5): from the form's values as they are, valid or not.
 * Every value the path shows that is empty or invalid is drawn as ‹its label›, so the diagram shows what
 * is known and names what is missing instead of waiting for a valid configuration.
 */

/** How a value the user has not given (or gave wrong) appears in the path. */
export function placeholderFor(label: string): string {
  return `‹${label}›`;
}

// A port the schema never accepts (1–65535), so it can only stand for "the port field is invalid".
const INVALID_PORT = 0;
const INVALID_PORT_IN_TEXT = new RegExp(`:${INVALID_PORT}(?!\\d)`, 'g');

export function tracePathOfDraft(values: ModelInput, issues: readonly FieldIssue[]): TracePath {
  const input = sanitizeModelInput(values);
  const invalid = new Set(issues.map((issue) => issue.path));
  const labels: string[] = [];
  const known = (path: string, label: string, value: string, { optional = false } = {}): string => {
    const trimmed = value.trim();
    if (!invalid.has(path) && (optional || trimmed !== '')) return trimmed;
    labels.push(label);
    return placeholderFor(label);
  };
  const { dynatrace, operator, istio, provider, telemetry } = input;
  const kind = dynatrace.environmentKind;
  const portInvalid = invalid.has('dynatrace.port');
  const portText = String(dynatrace.port).trim();
  if (portInvalid) labels.push('HTTPS port');
  const port = portInvalid ? INVALID_PORT : portText === '' ? undefined : Number(portText);

  // Only what the path reads is filled in faithfully; the rest takes harmless values of the right type.
  const drawing: Model = {
    ...input,
    istio: {
      ...istio,
      ambientTracing: istio.ambientTracing ?? 'sidecar',
      rootNamespace: known('istio.rootNamespace', 'Istio root namespace', istio.rootNamespace),
      istiodNamespace: known('istio.istiodNamespace', 'istiod namespace', istio.istiodNamespace),
      revision: known('istio.revision', 'revision', istio.revision, { optional: true }),
      clusterDomain: known('istio.clusterDomain', 'cluster domain', istio.clusterDomain),
    },
    operator: {
      ...operator,
      dynakubeName: known('operator.dynakubeName', 'DynaKube name', operator.dynakubeName),
      namespace: known('operator.namespace', 'DynaKube namespace', operator.namespace),
      serviceName: known('operator.serviceName', 'service name', operator.serviceName, { optional: true }),
    },
    dynatrace: {
      ...dynatrace,
      environmentId: known('dynatrace.environmentId', 'environment ID', dynatrace.environmentId),
      host: known('dynatrace.host', kind === 'managed' ? 'Managed cluster host' : 'ActiveGate host', dynatrace.host, {
        optional: kind === 'saas',
      }),
      port,
      clusterId: 0,
      caNamespaces: dynatrace.caNamespaces.split(/[\s,]+/).filter((name) => name !== ''),
    },
    token: { ...input.token, storage: effectiveTokenStorage(input.token.storage, istio.version) },
    provider: {
      ...provider,
      name: known('provider.name', 'provider name', provider.name),
      rootSpansPerMinute: undefined,
    },
    telemetry: {
      ...telemetry,
      namespace: known('telemetry.namespace', 'Telemetry namespace', telemetry.namespace),
      selector: telemetry.selector.map((label, index) => ({
        key: known(`telemetry.selector.${index}.key`, `label ${index + 1} key`, label.key),
        value: known(`telemetry.selector.${index}.value`, `label ${index + 1} value`, label.value, { optional: true }),
      })),
      samplingPercentage: 0,
      // An empty waypoint name means "every waypoint" (no targetRefs); a name makes the namespace required.
      waypoint: waypointOfDraft(telemetry.waypoint, known),
    },
  };

  const path = tracePathOf(drawing);
  const showPort = (detail: string) =>
    portInvalid ? detail.replace(INVALID_PORT_IN_TEXT, `:${placeholderFor('HTTPS port')}`) : detail;
  const hops = [...path.spans, ...(path.sampler ? [path.sampler] : [])].map((hop) => ({
    ...hop,
    details: hop.details.map(showPort),
  }));
  const shown = hops.flatMap((hop) => hop.details).join('\n');
  const missing = [...new Set(labels)].filter((label) => shown.includes(placeholderFor(label)));
  const marked = hops.map((hop) => ({
    ...hop,
    incomplete: missing.some((label) => hop.details.some((detail) => detail.includes(placeholderFor(label)))),
  }));
  return {
    spans: marked.slice(0, path.spans.length),
    ...(path.sampler ? { sampler: marked.at(-1) } : {}),
    missing,
  };
}

type Known = (path: string, label: string, value: string, options?: { optional?: boolean }) => string;

function waypointOfDraft(waypoint: { name?: string; namespace?: string } | undefined, known: Known) {
  const name = waypoint?.name ?? '';
  if (name.trim() === '') return { name: '', namespace: '' };
  return {
    name: known('telemetry.waypoint.name', 'waypoint name', name),
    namespace: known('telemetry.waypoint.namespace', 'waypoint namespace', waypoint?.namespace ?? ''),
  };
}
