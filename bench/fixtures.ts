import { defaultModel, withDefaults, type ModelInput } from '../src/core';

/** A typical standalone Managed setup: every generator has work to do (ServiceEntry, sampler endpoint). */
export const TYPICAL: ModelInput = withDefaults({
  mode: 'standalone',
  istio: { version: '1.24.3' },
  dynatrace: {
    environmentKind: 'managed',
    environmentId: 'abc12345',
    host: 'dynatrace.example.com',
    clusterId: '-1743916452',
  },
  token: { storage: 'inline', value: `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}` },
});

export const OPERATOR_TYPICAL: ModelInput = withDefaults({
  istio: { version: '1.27.2' },
  dynatrace: { environmentId: 'abc12345', clusterId: '-1743916452' },
  operator: { dynakubeName: 'prod-dk' },
});

/** Every field at its longest. */
export const MAXIMAL: ModelInput = withDefaults({
  mode: 'standalone',
  istio: { version: '1.30.12', ambient: true, rootNamespace: 'x'.repeat(63) },
  operator: {
    dynakubeName: 'd'.repeat(46),
    namespace: 'n'.repeat(63),
    serviceName: 's'.repeat(63),
    telemetryIngestEnabled: false,
    enableIstio: true,
  },
  dynatrace: {
    environmentKind: 'activegate',
    environmentId: 'e'.repeat(63),
    host: `${`${'h'.repeat(63)}.`.repeat(3)}com`,
    port: '65535',
    clusterId: '-2147483648',
  },
  token: { storage: 'inline', envName: 'E'.repeat(60), secretName: 'q'.repeat(200) },
  provider: {
    name: 'p'.repeat(200),
    timeout: '123456.123456789s',
    resourceDetector: false,
    sampler: false,
    rootSpansPerMinute: '4294967295',
    samplerFromTenant: true,
  },
  telemetry: {
    namespace: 't'.repeat(63),
    selector: Array.from({ length: 16 }, (_, i) => ({
      key: `app.kubernetes.io/k${i}${'k'.repeat(50)}`,
      value: 'v'.repeat(63),
    })),
    samplingPercentage: '99.99',
  },
  output: { meshConfigFormat: 'configmap' },
});

export { defaultModel };

/** An IstioOperator of about 1 MB: ~2,000 providers of several kinds, with comments, 4-space indentation. */
export function largeIstioOperator(providers = 2000): string {
  const lines = [
    '# Generated for the merge benchmark: a very large, commented mesh config.',
    'apiVersion: install.istio.io/v1alpha1',
    'kind: IstioOperator',
    'metadata:',
    '    name: huge-mesh   # kept',
    'spec:',
    '    profile: default',
    '    meshConfig:',
    '        accessLogFile: /dev/stdout   # for the SRE dashboards',
    '        enablePrometheusMerge: yes',
    '        extensionProviders:',
  ];
  for (let i = 0; i < providers; i++) {
    lines.push(`            # provider ${i}: owned by team-${i % 37}`);
    switch (i % 3) {
      case 0:
        lines.push(
          `            - name: zipkin-${i}`,
          '              zipkin:',
          `                  service: zipkin-${i}.tracing-${i % 50}.svc.cluster.local`,
          '                  port: 9411',
          `                  maxTagLength: ${256 + (i % 100)}   # per team`,
        );
        break;
      case 1:
        lines.push(
          `            - name: als-${i}`,
          '              envoyOtelAls:',
          `                  service: otel-${i}.observability.svc.cluster.local`,
          '                  port: 4317',
          '                  logName: "mesh-access"',
          '                  logFormat:',
          '                      labels:',
          '                          path: "%REQ(:PATH)%"',
          '                          status: "%RESPONSE_CODE%"',
        );
        break;
      default:
        lines.push(
          `            - name: otel-${i}`,
          '              opentelemetry:',
          `                  service: collector-${i}.observability.svc.cluster.local`,
          '                  port: 4318',
          '                  http:',
          '                      path: /v1/traces',
          '                      timeout: 5s',
          '                      headers:',
          `                          - name: x-team`,
          `                            value: "team-${i % 37}"`,
        );
    }
  }
  lines.push(
    '        # end of providers',
    '    components:',
    '        pilot:',
    '            k8s:',
    '                resources:',
    '                    requests:',
    '                        cpu: 500m',
    '',
  );
  return lines.join('\n');
}

/**
 * A large cluster for the tracing map, as its commands print it: 200 namespaces (a tenth ambient, one in twenty not in
 * the mesh), 5,000 pods in 1,000 Deployments, 300 Telemetries (namespace-wide ones and selectors, a third naming
 * another provider), and the mesh ConfigMap.
 */
export function largeCluster(): { name: string; text: string }[] {
  const namespaces = 200;
  const lines = ['apiVersion: v1', 'kind: List', 'metadata:', '  resourceVersion: ""', 'items:'];
  for (let n = 0; n < namespaces; n++) {
    const labels =
      n % 20 === 0
        ? []
        : n % 10 === 1
          ? ['istio.io/dataplane-mode: ambient', ...(n % 20 === 1 ? ['istio.io/use-waypoint: waypoint'] : [])]
          : ['istio-injection: enabled'];
    lines.push('- apiVersion: v1', '  kind: Namespace', '  metadata:', `    name: team-${n}`, '    labels:');
    lines.push(`      kubernetes.io/metadata.name: team-${n}`, ...labels.map((label) => `      ${label}`));
  }
  const namespaceText = `${lines.join('\n')}\n`;
  const pods = ['# dt-istio-pods v1: namespace name owner labels containers initContainers'];
  for (let d = 0; d < 1000; d++) {
    const n = d % namespaces;
    const app = `svc-${d}`;
    const hash = `${(d * 7919).toString(36).padStart(6, 'x').slice(-6)}9f`;
    const ambient = n % 10 === 1;
    const injected = n % 20 !== 0 && !ambient && d % 50 !== 3;
    for (let p = 0; p < 5; p++) {
      const labels = JSON.stringify({
        app,
        'app.kubernetes.io/name': app,
        'app.kubernetes.io/part-of': `team-${n}`,
        ...(injected ? { 'istio.io/rev': 'default', 'security.istio.io/tlsMode': 'istio' } : {}),
        'pod-template-hash': hash,
        ...(injected ? { 'service.istio.io/canonical-name': app, 'service.istio.io/canonical-revision': 'v1' } : {}),
        version: 'v1',
      });
      pods.push(
        [
          `team-${n}`,
          `${app}-${hash}-${p}x${d}`,
          `ReplicaSet/${app}-${hash}`,
          labels,
          injected ? `${app} istio-proxy` : app,
          injected ? 'istio-init' : '',
        ].join('\t'),
      );
    }
  }
  const telemetries = ['apiVersion: v1', 'kind: List', 'metadata:', '  resourceVersion: ""', 'items:'];
  const telemetry = (name: string, namespace: string, minute: number, body: string[]) =>
    telemetries.push(
      '- apiVersion: telemetry.istio.io/v1',
      '  kind: Telemetry',
      '  metadata:',
      `    name: ${name}`,
      `    namespace: ${namespace}`,
      `    creationTimestamp: "2026-11-0${1 + (minute % 9)}T10:${String(minute % 60).padStart(2, '0')}:00Z"`,
      '  spec:',
      ...body.map((line) => `    ${line}`),
    );
  telemetry('mesh-default', 'istio-system', 0, ['tracing:', '- providers:', '  - name: dynatrace-otel']);
  for (let t = 1; t < 300; t++) {
    const n = (t * 3) % namespaces;
    const selector = t % 2 === 0 ? ['selector:', '  matchLabels:', `    app: svc-${(t * 5) % 1000}`] : [];
    telemetry(`t-${t}`, `team-${n}`, t, [
      ...selector,
      'tracing:',
      '- providers:',
      `  - name: ${t % 3 === 0 ? 'zipkin' : 'dynatrace-otel'}`,
      ...(t % 7 === 0 ? ['  randomSamplingPercentage: 0'] : []),
    ]);
  }
  const mesh = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: istio',
    '  namespace: istio-system',
    '  labels:',
    '    istio.io/rev: default',
    'data:',
    '  mesh: |-',
    '    extensionProviders:',
    '    - name: dynatrace-otel',
    '      opentelemetry:',
    '        port: 4318',
    '        service: dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    '    - name: zipkin',
    '      zipkin:',
    '        port: 9411',
    '        service: zipkin.istio-system.svc.cluster.local',
  ];
  return [
    { name: 'namespaces.yaml', text: namespaceText },
    { name: 'pods.txt', text: `${pods.join('\n')}\n` },
    { name: 'telemetry.yaml', text: `${telemetries.join('\n')}\n` },
    { name: 'mesh.yaml', text: `${mesh.join('\n')}\n` },
  ];
}
