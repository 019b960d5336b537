import { tenantOf, TENANT_PLAIN_PORT } from '../endpoints';
import { sidesRead } from '../istiod/tracing-rules';
import type { Model } from '../model';
import { resolveSetup } from '../setup/resolved-setup';
import { spansThroughProxy } from '../spans-by-version';
import type { CheckId, Diagnosis } from './types';

/*
 * The path spans (and the sampler's requests) take, hop by hop, with what the configuration says about
 * each hop; the diagnosis marks each hop ok / broken / unknown. The UI draws it; screen readers get it as text.
 */

export type HopStatus = 'ok' | 'broken' | 'unknown';

export interface Hop {
  id: 'sidecar' | 'egress' | 'collector' | 'tenant' | 'sampler';
  title: string;
  /** host, port, path, namespace as the configuration has them */
  details: string[];
  status: HopStatus;
  /** The checks that decide this hop's status. */
  checks: CheckId[];
  /** While the user types: a value this hop shows is missing or invalid (drawn as ‹its label›). */
  incomplete?: boolean;
}

export interface TracePath {
  /** Sidecar → (egress) → collector or tenant → Dynatrace. */
  spans: Hop[];
  /** The sampler's own requests, when a sampler is configured. */
  sampler?: Hop;
  /** While the user types: the values the path needs that are missing or invalid, by their labels. */
  missing?: string[];
}

/** Which failures break which hop: a check fails the hop only through these problem codes (or any, when absent). */
const HOP_CODES: Partial<Record<Hop['id'], RegExp>> = {
  sidecar: /^(mesh\.|telemetry\.|istiod\.|proxy\.(no-tracer|other-tracer|tracer-|no-resource|no-sampler))/,
  egress:
    /^(proxy\.cluster-|proxy\.cluster-not-configured|istiod\.provider-cluster-missing|dynakube\.(other-|service-name|telemetry-ingest-off))/,
  collector: /^(proxy\.export-status|proxy\.cluster-|dynakube\.|istiod\.provider-cluster-missing)/,
  tenant: /^proxy\.export-status/,
  sampler: /^(proxy\.(sampler-|no-sampler)|istiod\.sampler-)/,
};

export function tracePathOf(model: Model, diagnosis?: Diagnosis): TracePath {
  // Every name on the path comes from the resolved setup, as in the files and the checks.
  const { controlPlane, dataPlane, endpoints, telemetry, istio } = resolveSetup(model);
  const endpoint = endpoints.trace;
  const tenant = endpoints.tenant ?? tenantOf(model);
  const workloads =
    telemetry.scope === 'selector'
      ? `workloads ${Object.entries(telemetry.matchLabels)
          .map(([key, value]) => `${key}=${value}`)
          .join(', ')} in ${telemetry.namespace}`
      : telemetry.scope === 'mesh'
        ? 'every namespace (mesh-wide)'
        : `namespace ${telemetry.namespace}`;
  // In ambient mode ztunnel emits no spans: with tracing at waypoints the first Envoy on the path is the waypoint
  // (or a gateway), which the same Telemetry and provider configure (see ambient-tracing.ts for the source).
  const waypoint = dataPlane.waypoint;
  const atWaypoints = dataPlane.kind === 'waypoints';
  // Waypoints read the Telemetry's SERVER side, gateways its CLIENT side (the istiod rules module, tracing.go).
  const sideNote = atWaypoints
    ? waypoint
      ? `reads the Telemetry's ${sidesRead('waypoint')
          .map((side) => side.toUpperCase())
          .join('/')} side`
      : `waypoints read the ${sidesRead('waypoint')[0]!.toUpperCase()} side, gateways the ${sidesRead('gateway')[0]!.toUpperCase()} side`
    : '';
  // What a request through a waypoint produces on this version (spans-by-version.ts, from tracing.go at the tags).
  const spansNote = atWaypoints
    ? spansThroughProxy('waypoint', istio.version).extraTags.length > 0
      ? 'its spans name source and destination workloads'
      : 'its spans do not name the workloads (before 1.29)'
    : undefined;
  const spans: Omit<Hop, 'status'>[] = [
    {
      id: 'sidecar',
      title: atWaypoints ? (waypoint ? 'Waypoint proxy' : 'Waypoints and gateways') : 'Workload sidecar',
      details: [
        waypoint ? `waypoint ${waypoint.name} in ${waypoint.namespace}` : workloads,
        `provider ${model.provider.name}`,
        `Telemetry in ${telemetry.namespace}`,
        ...(sideNote ? [sideNote] : []),
        ...(spansNote ? [spansNote] : []),
      ],
      checks: ['mesh.provider', 'mesh.provider-fields', 'telemetry.applies', 'istiod.log', 'proxy.tracer'],
    },
  ];
  if (endpoints.serviceEntryNamespace !== undefined && model.mode === 'standalone') {
    spans.push({
      id: 'egress',
      title: 'ServiceEntry + DestinationRule',
      details: [
        `${tenant.host}:${TENANT_PLAIN_PORT} → TLS to :${tenant.httpsPort}`,
        `namespace ${endpoints.serviceEntryNamespace}`,
        `cluster ${endpoints.collectorCluster}`,
      ],
      checks: ['proxy.cluster', 'proxy.log', 'istiod.log'],
    });
    spans.push({
      id: 'tenant',
      title: 'Tenant OTLP endpoint',
      details: [`https://${tenant.host}${tenant.httpsPort === 443 ? '' : `:${tenant.httpsPort}`}`, endpoint.path],
      checks: ['proxy.log'],
    });
  } else {
    spans.push({
      id: 'collector',
      title: 'Telemetry-ingest service',
      details: [`${endpoints.collectorHost}:${endpoint.port}`, endpoint.path, `namespace ${model.operator.namespace}`],
      checks: ['proxy.cluster', 'dynatrace.dynakube', 'proxy.log', 'istiod.log'],
    });
    spans.push({
      id: 'tenant',
      title: 'Dynatrace',
      details: ['the collector forwards to your environment'],
      checks: [],
    });
  }
  const path: TracePath = { spans: spans.map((hop) => ({ ...hop, status: statusOf(hop, diagnosis) })) };
  const sampler = endpoints.sampler;
  if (sampler) {
    const hop: Omit<Hop, 'status'> = {
      id: 'sampler',
      title: 'Dynatrace sampler',
      details: sampler.ownEndpoint
        ? [`${sampler.host}:${TENANT_PLAIN_PORT} → TLS`, sampler.path, `namespace ${controlPlane.rootNamespace}`]
        : [
            `${sampler.host}:${endpoints.collectorPort}`,
            sampler.path,
            model.mode === 'operator'
              ? 'no answer here: keeps its fallback rate (expected)'
              : 'same host as the exporter',
          ],
      checks: ['proxy.tracer', 'proxy.log', 'istiod.log'],
    };
    path.sampler = { ...hop, status: statusOf(hop, diagnosis) };
  }
  return path;
}

function statusOf(hop: Omit<Hop, 'status'>, diagnosis: Diagnosis | undefined): HopStatus {
  if (!diagnosis || hop.checks.length === 0) return 'unknown';
  const codes = HOP_CODES[hop.id];
  const items = diagnosis.items.filter((item) => hop.checks.includes(item.id));
  const broken = items.some(
    (item) => item.status === 'fail' && item.problems.some((problem) => !codes || codes.test(problem.code)),
  );
  if (broken) return 'broken';
  // A hop is ok only when the check that proves it directly passed.
  const direct: Record<Hop['id'], CheckId[]> = {
    sidecar: ['proxy.tracer'],
    egress: ['proxy.cluster'],
    collector: ['proxy.cluster'],
    tenant: ['proxy.log'],
    sampler: ['proxy.tracer'],
  };
  return items.some((item) => direct[hop.id].includes(item.id) && item.status === 'pass') ? 'ok' : 'unknown';
}

/** The same information as sentences, for screen readers and the CLI. */
export function describeTracePath(path: TracePath): string[] {
  const word: Record<HopStatus, string> = { ok: 'works', broken: 'broken', unknown: 'not checked yet' };
  const lines = path.spans.map(
    (hop, index) =>
      `${index + 1}. ${hop.title} (${hop.details.filter((d) => d !== '').join('; ')}): ${word[hop.status]}.`,
  );
  if (path.sampler) {
    lines.push(
      `Beside it, ${path.sampler.title} (${path.sampler.details.filter((d) => d !== '').join('; ')}): ${word[path.sampler.status]}.`,
    );
  }
  if (path.missing && path.missing.length > 0)
    lines.push(`Not known yet (missing or invalid): ${path.missing.join(', ')}.`);
  return lines;
}
