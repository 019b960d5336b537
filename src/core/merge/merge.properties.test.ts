import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, parse } from 'yaml';
import { model } from '../__fixtures__/models';
import { anyPastedText, layout, renderWithComments, type Layout } from '../__fixtures__/yaml-arbitraries';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig } from './merge-provider';
import { runs } from '../../test-setup/runs';

/*
 * Random mesh configs in every input form, indentation and list style, with comments scattered over
 * them: merging must keep every key and comment outside the replaced provider, and be idempotent.
 */

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom('yes', 'on', '0755', 'null', '~', ''),
);
const key = fc.oneof(
  fc.constantFrom(
    'accessLogFile',
    'enableTracing',
    'defaultConfig',
    'trustDomain',
    'outboundTrafficPolicy',
    'rootNamespace',
  ),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
  list: fc.array(tie('tree'), { maxLength: 3 }),
}));
const otherProvider = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/).filter((name) => name !== 'dynatrace-otel'),
  zipkin: fc.record({
    service: fc.constant('zipkin.tracing.svc.cluster.local'),
    port: fc.integer({ min: 1, max: 65535 }),
  }),
});
const ourOldProvider = fc.record({
  name: fc.constant('dynatrace-otel'),
  opentelemetry: fc.record({ service: fc.constant('old.example.com'), port: fc.constant(443) }),
});

const meshConfig = fc
  .record({
    before: fc.dictionary(key, tree, { maxKeys: 3 }),
    providers: fc.array(fc.oneof(otherProvider, ourOldProvider), { maxLength: 3 }),
    hasProviders: fc.boolean(),
    after: fc.dictionary(key, tree, { maxKeys: 2 }),
  })
  .map(({ before, providers, hasProviders, after }) => {
    const unique = providers.filter(
      (provider, index) => providers.findIndex((p) => p.name === provider.name) === index,
    );
    const mesh: Record<string, unknown> = { ...before };
    delete mesh.extensionProviders;
    if (hasProviders && unique.length > 0) mesh.extensionProviders = unique;
    for (const [k, v] of Object.entries(after)) if (k !== 'extensionProviders' && !(k in mesh)) mesh[k] = v;
    return mesh;
  });

const form = fc.constantFrom('istio-operator', 'helm', 'mesh-config', 'configmap');

/** Comments go on any key but those inside our provider, which is replaced whole. */
const render = (value: unknown, options: Layout, seed: number) =>
  renderWithComments(value, options, seed, {
    skip: (path) => path.some((node) => isMap(node) && node.get('name') === 'dynatrace-otel'),
  });

function wrap(formName: string, mesh: Record<string, unknown>, options: Layout, seed: number) {
  switch (formName) {
    case 'istio-operator':
      return render(
        {
          apiVersion: 'install.istio.io/v1alpha1',
          kind: 'IstioOperator',
          spec: { profile: 'default', meshConfig: mesh },
        },
        options,
        seed,
      );
    case 'helm':
      return render({ revision: '', meshConfig: mesh }, options, seed);
    case 'configmap': {
      const inner = render(mesh, options, seed);
      const outer = render(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'istio', namespace: 'istio-system' },
          data: { mesh: inner.text },
        },
        options,
        seed + 1,
      );
      return { text: outer.text, comments: [...inner.comments, ...outer.comments] };
    }
    default:
      // A bare block is recognised by its MeshConfig keys.
      return render({ accessLogFile: '/dev/stdout', ...mesh }, options, seed);
  }
}

function meshOf(formName: string, text: string): Record<string, unknown> {
  const doc = parse(text, { version: '1.1' });
  if (formName === 'istio-operator') return doc.spec.meshConfig ?? {};
  if (formName === 'helm') return doc.meshConfig ?? {};
  if (formName === 'configmap') return parse(doc.data.mesh, { version: '1.1' }) ?? {};
  return doc ?? {};
}

describe('merging any mesh config', () => {
  const m = model();
  const provider = buildExtensionProvider(m);

  it('keeps every key and comment outside the replaced provider, and merging twice equals merging once', () => {
    fc.assert(
      fc.property(form, meshConfig, layout, fc.nat(5), (formName, mesh, options, seed) => {
        const { text, comments } = wrap(formName, mesh, options, seed);
        const result = mergeIntoExistingMeshConfig(text, m);
        if (!result.ok) throw new Error(`${result.problem.message}\n${text}`);

        const after = meshOf(formName, result.merged);
        const before = meshOf(formName, text);
        const withoutProviders = (value: Record<string, unknown>) => {
          const copy = { ...value };
          delete copy.extensionProviders;
          return copy;
        };
        expect(withoutProviders(after)).toEqual(withoutProviders(before));
        const expectedProviders = [...((before.extensionProviders as { name: string }[] | undefined) ?? [])];
        const index = expectedProviders.findIndex((p) => p.name === provider.name);
        if (index >= 0) expectedProviders[index] = provider;
        else expectedProviders.push(provider);
        expect(after.extensionProviders).toEqual(expectedProviders);
        for (const comment of comments) expect(result.merged).toContain(comment);

        const again = mergeIntoExistingMeshConfig(result.merged, m);
        if (!again.ok) throw new Error(again.problem.message);
        expect(again.merged).toBe(result.merged);
      }),
      { numRuns: runs(300) },
    );
  });

  it('never throws on any text, and rejects what is not a mesh config with a message', () => {
    fc.assert(
      fc.property(anyPastedText, (text) => {
        const result = mergeIntoExistingMeshConfig(text, m);
        if (!result.ok) expect(result.problem.message.length).toBeGreaterThan(10);
        else expect(JSON.stringify(parse(result.merged, { version: '1.1' }))).toContain('dynatrace-otel');
      }),
      { numRuns: runs(500) },
    );
  });
});
