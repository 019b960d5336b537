import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { model, operatorSaas, standalone } from '../__fixtures__/models';
import { FACTS_STANDALONE_SERVICE_ENTRY, fill } from '../__fixtures__/guide-snippets';
import { validateIstioResource } from '../__fixtures__/istio-schemas';
import { ENVIRONMENT_KINDS } from '../defaults';
import { generateServiceEntry } from './service-entry';

function documents(text: string) {
  return parseAllDocuments(text, { version: '1.1' }).map((doc) => doc.toJS() as Record<string, any>);
}

describe('ServiceEntry and DestinationRule', () => {
  it('is an explicit “nothing to apply” in Operator mode', () => {
    const result = generateServiceEntry(operatorSaas());
    expect(result.needed).toBe(false);
    if (!result.needed) expect(result.reason).toMatch(/Nothing to apply/);
  });

  it('equals Dynatrace’s current standalone snippet for SaaS, apart from the promoted API version and the namespace', () => {
    const result = generateServiceEntry(standalone('saas'));
    if (!result.needed) throw new Error('expected files');
    const snippet = documents(fill(FACTS_STANDALONE_SERVICE_ENTRY, { 'your-environment-id': 'abc12345' }));
    const ours = documents(result.text);
    expect(ours.map((doc) => doc.apiVersion)).toEqual(['networking.istio.io/v1', 'networking.istio.io/v1']);
    expect(ours.map((doc) => doc.metadata.namespace)).toEqual(['istio-system', 'istio-system']);
    const normalise = (doc: Record<string, any>) => ({
      ...doc,
      apiVersion: undefined,
      metadata: { name: doc.metadata.name },
    });
    expect(ours.map(normalise)).toEqual(snippet.map(normalise));
  });

  it('originates TLS on port 80 only, so apps calling the tenant over HTTPS keep working (istio#53382)', () => {
    for (const kind of ENVIRONMENT_KINDS) {
      const result = generateServiceEntry(standalone(kind));
      if (!result.needed) throw new Error('expected files');
      const [, rule] = documents(result.text);
      expect(rule?.spec.trafficPolicy).toEqual({
        portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }],
      });
    }
  });

  it('maps port 80 to the ActiveGate’s HTTPS port', () => {
    const result = generateServiceEntry(standalone('activegate'));
    if (!result.needed) throw new Error('expected files');
    const [entry] = documents(result.text);
    expect(entry?.spec.hosts).toEqual(['activegate.example.com']);
    expect(entry?.spec.ports).toEqual([
      { number: 80, name: 'http-port', protocol: 'HTTP', targetPort: 9999 },
      { number: 9999, name: 'https-port', protocol: 'HTTPS' },
    ]);
  });

  it('is generated in Operator mode when the sampler fetches its rate from the tenant', () => {
    expect(
      generateServiceEntry(model({ provider: { samplerFromTenant: true }, token: { storage: 'istiod-env' } })).needed,
    ).toBe(true);
  });

  it('validates against Istio’s CRD schemas in every case that needs it', async () => {
    const cases = [
      ...ENVIRONMENT_KINDS.map((kind) => standalone(kind)),
      standalone('managed', { dynatrace: { port: '8443' } }),
      model({
        provider: { samplerFromTenant: true },
        token: { storage: 'istiod-env' },
        istio: { rootNamespace: 'mesh-root' },
      }),
    ];
    for (const m of cases) {
      const result = generateServiceEntry(m);
      if (!result.needed) throw new Error('expected files');
      for (const doc of documents(result.text)) expect(() => validateIstioResource(doc)).not.toThrow();
    }
    const golden = generateServiceEntry(standalone('managed'));
    if (golden.needed)
      await expect(golden.text).toMatchFileSnapshot('__golden__/dt-serviceentry.standalone-managed.yaml');
  });

  it('the schema check is real: a broken document fails it', () => {
    const result = generateServiceEntry(standalone('saas'));
    if (!result.needed) throw new Error('expected files');
    const [entry] = documents(result.text);
    entry!.spec.ports[0].number = 'eighty';
    expect(() => validateIstioResource(entry!)).toThrow(/number/);
  });
});
