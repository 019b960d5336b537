import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { standalone } from '../__fixtures__/models';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { findRequirements } from '../findings';
import { generateBundle } from './bundle';
import { generateServiceEntry } from './service-entry';
import { caVolumeAnnotations } from './tenant-tls';
import { generateVerification } from './verification';

/* Item 15: a Managed cluster or ActiveGate with a self-signed or private-CA certificate. */

function destinationRule(m: Parameters<typeof generateServiceEntry>[0]) {
  const result = generateServiceEntry(m);
  if (!result.needed) throw new Error('expected a ServiceEntry');
  const docs = parseAllDocuments(result.text, { version: '1.1' }).map((d) => d.toJS() as Record<string, any>);
  for (const doc of docs) validateIstioResource(doc);
  return docs.find((doc) => doc.kind === 'DestinationRule')!;
}

describe('TLS to a private-CA endpoint', () => {
  it('verifies against the CA file in the proxy, never through credentialName (plaintext on sidecars)', () => {
    const m = standalone('activegate', {
      dynatrace: { tls: 'ca-certificates', caCertificates: '/etc/dt-ca/ca.pem', caNamespaces: 'shop' },
    });
    const tls = destinationRule(m).spec.trafficPolicy.portLevelSettings[0].tls;
    expect(tls).toEqual({ mode: 'SIMPLE', caCertificates: '/etc/dt-ca/ca.pem' });
    expect(JSON.stringify(destinationRule(m))).not.toContain('credentialName');
  });

  it('mounts the Secret where caCertificates points, and the apply step creates it in the traced namespaces', () => {
    const m = standalone('managed', {
      dynatrace: { tls: 'ca-certificates', caCertificates: '/etc/dt-ca/ca.pem' },
      telemetry: { namespace: 'shop' },
    });
    const annotations = caVolumeAnnotations(m);
    expect(JSON.parse(annotations['sidecar.istio.io/userVolume']!)).toEqual({
      'dynatrace-ca': { secret: { secretName: 'dynatrace-ca' } },
    });
    expect(JSON.parse(annotations['sidecar.istio.io/userVolumeMount']!)).toEqual({
      'dynatrace-ca': { mountPath: '/etc/dt-ca', readOnly: true },
    });
    const verification = generateVerification(m);
    const step = verification.apply.find((s) => s.id === 'ca-secret')!;
    expect(step.command).toContain('for ns in shop; do kubectl -n "$ns" create secret generic dynatrace-ca');
    expect(step.command).toContain('--from-file=ca.pem="${DYNATRACE_CA_FILE}"');
    expect(verification.checks.map((c) => c.id)).toContain('ca-file-loaded');
    const row = verification.troubleshooting.find((r) => r.symptom.includes('CERTIFICATE_VERIFY_FAILED'))!;
    expect(row.cause).toContain('/etc/dt-ca/ca.pem');
    const bundle = generateBundle(m);
    if (bundle.blocked) throw new Error('unexpected blocker');
    const script = bundle.files.find((f) => f.name === 'apply.sh')!.content;
    expect(script).toContain(': "${DYNATRACE_CA_FILE:?');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
  });

  it('marks insecureSkipVerify loudly', () => {
    const m = standalone('activegate', { dynatrace: { tls: 'insecure-skip-verify' } });
    expect(destinationRule(m).spec.trafficPolicy.portLevelSettings[0].tls).toEqual({
      mode: 'SIMPLE',
      insecureSkipVerify: true,
    });
    const finding = findRequirements(m).find((f) => f.id === 'tls-insecure-skip-verify')!;
    expect(finding.level).toBe('warning');
    expect(finding.message).toMatch(/^INSECURE/);
  });

  it('offers the way out when the certificate is left as publicly trusted', () => {
    const m = standalone('managed');
    expect(destinationRule(m).spec.trafficPolicy.portLevelSettings[0].tls).toEqual({ mode: 'SIMPLE' });
    const row = generateVerification(m).troubleshooting.find((r) => r.symptom.includes('CERTIFICATE_VERIFY_FAILED'))!;
    expect(row.fix).toMatch(/Trust my CA certificate/);
    expect(findRequirements(m).find((f) => f.id === 'activegate-certificate')!.fix).toMatch(/Trust my CA/);
  });

  it('leaves SaaS alone whatever the stored choice', () => {
    const m = standalone('saas', { dynatrace: { tls: 'insecure-skip-verify' } });
    expect(destinationRule(m).spec.trafficPolicy.portLevelSettings[0].tls).toEqual({ mode: 'SIMPLE' });
  });
});
