import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import type { Model } from '../model';
import type { Plain } from '../plain-data';
import { toYaml } from '../yaml-text';
import { serviceEquivalence } from './check-mesh-config';
import { diagnose } from './diagnose';
import { verifyTargetOf } from './target';

/*
 * The provider's `service` (and the sampler's http_service.service) as istiod looks it up
 * (istio/istio pilot/pkg/model/telemetry_logging.go LookupCluster, same at 1.22.0 and 1.30.3):
 * - split at "/" into exactly two parts: namespace and host, looked up in ServiceIndex.HostnameAndNamespace[host][ns];
 * - no "/": the host alone, found only if exactly one namespace has a service of that host;
 * - the host is a Go map key (host.Name, pilot/pkg/model/push_context.go): no trimming, no case folding. A
 *   Kubernetes Service's key is <name>.<namespace>.svc.<domain> (pilot/pkg/serviceregistry/kube/conversion.go
 *   ServiceHostname), lower case as Kubernetes names are.
 * istiod only warns about an invalid provider (pkg/config/validation/agent/validation.go ValidateMeshConfig, "can be
 * ignored if the given extension provider is not used"), so a mistyped service is loaded and then not found.
 * Tested through the verifier's entry: a pasted live mesh config (data.mesh) run through `diagnose`.
 */

function fieldsOf(model: Model, edit: (provider: Plain) => void) {
  const provider = structuredClone(verifyTargetOf(model).provider) as unknown as Plain;
  edit(provider);
  const text = toYaml({ extensionProviders: [provider], rootNamespace: 'istio-system' });
  const item = diagnose([{ name: 'data.mesh', text }], model).items.find((i) => i.id === 'mesh.provider-fields')!;
  return {
    status: item.status,
    codes: item.problems.map((p) => p.code),
    message: item.problems[0]?.message,
    notes: item.notes,
  };
}

const otel = (provider: Plain) => provider.opentelemetry as Plain;
const withService = (service: string) => (provider: Plain) => {
  otel(provider).service = service;
};
const samplerService = (provider: Plain) =>
  (otel(provider).dynatrace_sampler as Plain).http_service as Plain | undefined;

const tenant = 'abc12345.live.dynatrace.com';
const ingest = 'dynakube-telemetry-ingest.dynatrace.svc.cluster.local';

describe('a tenant host (ServiceEntry) generated as istio-system/<host>', () => {
  const model = standalone('saas');

  it('is generated with the root namespace as prefix (the premise of these cases)', () => {
    expect(verifyTargetOf(model).provider.opentelemetry.service).toBe(`istio-system/${tenant}`);
  });

  it('written without the prefix passes with a note that names both forms and when the bare one fails', () => {
    const result = fieldsOf(model, withService(tenant));
    expect(result.status).toBe('pass');
    expect(result.codes).toEqual([]);
    expect(result.notes).toEqual([
      {
        code: 'mesh.service-namespace-form',
        message: `opentelemetry.service is ${tenant}, generated istio-system/${tenant}: the same host, so istiod finds the same service unless a ServiceEntry in another namespace defines it too (then the "<namespace>/<host>" form picks one).`,
      },
    ]);
  });

  it('written exactly as generated passes without a note', () => {
    const result = fieldsOf(model, () => {});
    expect(result.status).toBe('pass');
    expect(result.notes).toEqual([]);
  });

  it('with the prefix of another namespace fails, naming both values, and is not noted as the same service', () => {
    const result = fieldsOf(model, withService(`dynatrace/${tenant}`));
    expect(result.status).toBe('fail');
    expect(result.message).toBe(`opentelemetry.service: live dynatrace/${tenant}, generated istio-system/${tenant}`);
    expect(result.notes).toEqual([]);
  });

  it('in other capitalisation fails, with or without the prefix: istiod looks the host up as written', () => {
    const bare = fieldsOf(model, withService(tenant.toUpperCase()));
    expect(bare.status).toBe('fail');
    expect(bare.message).toBe(`opentelemetry.service: live ${tenant.toUpperCase()}, generated istio-system/${tenant}`);
    expect(bare.notes).toEqual([]);
    const prefixed = fieldsOf(model, withService(`istio-system/ABC12345.live.dynatrace.com`));
    expect(prefixed.status).toBe('fail');
    expect(prefixed.codes).toEqual(['mesh.provider-fields-differ']);
  });

  it('with blanks around it fails: istiod does not trim the value', () => {
    const padded = fieldsOf(model, withService(`${tenant} `));
    expect(padded.status).toBe('fail');
    expect(padded.notes).toEqual([]);
    expect(fieldsOf(model, withService(` istio-system/${tenant}`)).status).toBe('fail');
  });

  it('with an empty namespace ("/<host>") or a second "/" fails: istiod finds no service for either', () => {
    const empty = fieldsOf(model, withService(`/${tenant}`));
    expect(empty.status).toBe('fail');
    expect(empty.notes).toEqual([]);
    expect(fieldsOf(model, withService(`istio-system/${tenant}/`)).status).toBe('fail');
    expect(fieldsOf(model, withService(`x/istio-system/${tenant}`)).status).toBe('fail');
  });
});

describe('the sampler’s own http_service (Operator mode, sampling configuration from the tenant)', () => {
  const model = operatorSaas({ provider: { samplerFromTenant: true } });

  it('is generated with the root namespace as prefix (the premise of these cases)', () => {
    expect(samplerService(verifyTargetOf(model).provider as unknown as Plain)?.service).toBe(`istio-system/${tenant}`);
  });

  it('written without the prefix passes with a note on that field; the exporter’s service is not noted', () => {
    const result = fieldsOf(model, (provider) => {
      samplerService(provider)!.service = tenant;
    });
    expect(result.status).toBe('pass');
    expect(result.notes.map((note) => note.code)).toEqual(['mesh.service-namespace-form']);
    expect(result.notes[0]?.message).toMatch(
      new RegExp(
        `^opentelemetry\\.dynatrace_sampler\\.http_service\\.service is ${tenant}, generated istio-system/${tenant}: the same host`,
      ),
    );
  });

  it('both the exporter and the sampler written in another form: one note each, in the order of the fields', () => {
    // Standalone Managed: the exporter is the tenant, and the sampler has its own http_service (the /e/<id> prefix).
    const managed = standalone('managed');
    const host = 'dynatrace.example.com';
    const provider = verifyTargetOf(managed).provider as unknown as Plain;
    expect([otel(provider).service, samplerService(provider)?.service]).toEqual([
      `istio-system/${host}`,
      `istio-system/${host}`,
    ]);
    const result = fieldsOf(managed, (edited) => {
      otel(edited).service = host;
      samplerService(edited)!.service = host;
    });
    expect(result.status).toBe('pass');
    expect(result.notes.map((note) => note.message.split(' is ')[0])).toEqual([
      'opentelemetry.service',
      'opentelemetry.dynatrace_sampler.http_service.service',
    ]);
  });

  it('a live sampler without the http_service the configuration generates fails, naming its fields as not set', () => {
    const result = fieldsOf(model, (provider) => {
      delete (otel(provider).dynatrace_sampler as Plain).http_service;
    });
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(
      new RegExp(
        `^opentelemetry\\.dynatrace_sampler\\.http_service\\.service: live \\(not set\\), generated istio-system/${tenant}; opentelemetry\\.dynatrace_sampler\\.http_service\\.port: live \\(not set\\), generated 80;`,
      ),
    );
    expect(result.notes).toEqual([]);
  });

  it('a live sampler http_service the configuration does not generate fails, naming it as not set', () => {
    const plain = operatorSaas();
    expect(samplerService(verifyTargetOf(plain).provider as unknown as Plain)).toBeUndefined();
    const result = fieldsOf(plain, (provider) => {
      (otel(provider).dynatrace_sampler as Plain).http_service = { service: `istio-system/${tenant}`, port: 80 };
    });
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      `opentelemetry.dynatrace_sampler.http_service.service: live istio-system/${tenant}, generated (not set); opentelemetry.dynatrace_sampler.http_service.port: live 80, generated (not set)`,
    );
    expect(result.notes).toEqual([]);
  });
});

describe('a Kubernetes Service host generated bare (Operator mode)', () => {
  const model = operatorSaas();

  it('with its own namespace as prefix passes without a note; with another namespace’s fails', () => {
    const own = fieldsOf(model, withService(`dynatrace/${ingest}`));
    expect(own).toMatchObject({ status: 'pass', notes: [] });
    const other = fieldsOf(model, withService(`istio-system/${ingest}`));
    expect(other.status).toBe('fail');
    expect(other.notes).toEqual([]);
  });

  it('in other capitalisation, or with an empty namespace, fails: no Service is registered under that key', () => {
    const upper = `Dynakube-Telemetry-Ingest.dynatrace.svc.cluster.local`;
    const cased = fieldsOf(model, withService(upper));
    expect(cased.status).toBe('fail');
    expect(cased.message).toBe(`opentelemetry.service: live ${upper}, generated ${ingest}`);
    expect(fieldsOf(model, withService(`/${ingest}`)).status).toBe('fail');
    expect(fieldsOf(model, withService(`dynatrace/${upper}`)).status).toBe('fail');
    // A second "/" makes three parts, which istiod does not look up at all, even around the right namespace and host.
    expect(fieldsOf(model, withService(`dynatrace/${ingest}/`)).status).toBe('fail');
  });
});

describe('serviceEquivalence: the verdict itself', () => {
  it.each([
    // Equal text: the same lookup, whatever the form.
    [`istio-system/${tenant}`, `istio-system/${tenant}`, 'same'],
    [ingest, ingest, 'same'],
    // A Kubernetes host: its own namespace as prefix is the same Service; the namespace is the label after the name.
    [`dynatrace/${ingest}`, ingest, 'same'],
    [ingest, `dynatrace/${ingest}`, 'same'],
    // Not a Kubernetes Service host (a name has no dots): the prefix only narrows the lookup.
    ['c/a.b.c.svc.cluster.local', 'a.b.c.svc.cluster.local', 'likely'],
    [tenant, `istio-system/${tenant}`, 'likely'],
    [`istio-system/${tenant}`, tenant, 'likely'],
    // What istiod cannot find, or finds elsewhere.
    [`other/${ingest}`, ingest, 'different'],
    [`/${ingest}`, ingest, 'different'],
    [`/${tenant}`, `istio-system/${tenant}`, 'different'],
    [`a/b/${tenant}`, `istio-system/${tenant}`, 'different'],
    [tenant.toUpperCase(), tenant, 'different'],
    [` ${tenant}`, tenant, 'different'],
    [`/${tenant}`, tenant, 'different'],
    [tenant, `a/b/${tenant}`, 'different'],
    // A bare Kubernetes host against a prefix of another namespace: found there only through a ServiceEntry, and the
    // bare form finds it as long as no other namespace defines the host.
    [ingest, `other/${ingest}`, 'likely'],
  ] as const)('live %j, generated %j: %s', (live, expected, verdict) => {
    expect(serviceEquivalence(live, expected)).toBe(verdict);
  });
});
