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
