/*
 * When do proxies need a restart? Not for the provider or the Telemetry: a mesh-config change makes
 * istiod run a forced full push (istio/istio pilot/pkg/bootstrap/server.go initMeshHandlers), and the
 * tracer, sampler and resource detector are built into each listener at push time
 * (pilot/pkg/networking/core/tracing.go), so running proxies get them. What a push cannot change:
 * - files the Dynatrace Operator's pod webhook mounts when a pod is created: the resource detector reads
 *   /var/lib/dynatrace/enrichment/dt_metadata.properties, which the webhook mounts only into pods created
 *   while metadata enrichment or OneAgent injection covers their namespace
 *   (Dynatrace/dynatrace-operator pkg/webhook/mutation/pod/volumes/split.go, ConfigMountPath in volumes.go);
 * - proxy bootstrap settings such as legacy meshConfig.defaultConfig.tracing, read when the proxy starts.
 */

export const RESTART_WHEN_NEEDED =
  'Not needed for tracing itself: istiod pushes the new provider and Telemetry to running proxies within seconds. Restart only pods created before the Dynatrace Operator’s metadata enrichment (or OneAgent injection) covered their namespace, if you want the resource detector’s attributes on their spans (the Operator mounts those files when a pod is created), or if you changed legacy defaultConfig settings.';

// Which pods a restart concerns is part of the resolved setup (setup/resolved-setup.ts, `restart`).
