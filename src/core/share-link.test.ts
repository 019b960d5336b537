import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from './__fixtures__/models';
import { defaultModel, withDefaults } from './defaults';
import type { ModelInput } from './model';
import { WIZARD_STEPS } from './wizard-steps';
import { decodeShareFragment, encodeShareFragment, MAX_FRAGMENT_LENGTH } from './share-link';

const toB64 = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const text = fc.string({ maxLength: 40 });
const modelInput: fc.Arbitrary<ModelInput> = fc.record({
  mode: fc.constantFrom('operator', 'standalone'),
  istio: fc.record({
    version: text,
    ambient: fc.boolean(),
    rootNamespace: text,
    istiodNamespace: text,
    revision: text,
    clusterDomain: text,
    ambientTracing: fc.constantFrom('sidecar', 'waypoints'),
    sailName: text,
    kubernetesVersion: text,
    nativeSidecars: fc.constantFrom('keep', 'off-istiod', 'off-workloads'),
  }),
  operator: fc.record({
    dynakubeName: text,
    namespace: text,
    serviceName: text,
    telemetryIngestEnabled: fc.boolean(),
    enableIstio: fc.boolean(),
  }),
  dynatrace: fc.record({
    environmentKind: fc.constantFrom('saas', 'managed', 'activegate'),
    environmentId: text,
    host: text,
    port: text,
    clusterId: text,
    tls: fc.constantFrom('public', 'ca-certificates', 'insecure-skip-verify'),
    caCertificates: text,
  }),
  token: fc.record({
    value: text,
    storage: fc.constantFrom('auto', 'inline', 'istiod-env'),
    envName: text,
    secretName: text,
  }),
  provider: fc.record({
    name: text,
    timeout: text,
    resourceDetector: fc.boolean(),
    sampler: fc.boolean(),
    rootSpansPerMinute: text,
    samplerFromTenant: fc.boolean(),
  }),
  telemetry: fc.record({
    namespace: text,
    selector: fc.array(fc.record({ key: text, value: text }), { maxLength: 4 }),
    samplingPercentage: text,
    customTags: fc.array(
      fc.record({
        name: text,
        type: fc.constantFrom('literal', 'environment', 'header', 'formatter'),
        value: text,
        defaultValue: text,
      }),
      { maxLength: 3 },
    ),
    waypoint: fc.record({ name: text, namespace: text }),
  }),
  output: fc.record({ meshConfigFormat: fc.constantFrom('istio-operator', 'helm', 'configmap', 'sail') }),
});
const step = fc.constantFrom(...WIZARD_STEPS);

describe('share links', () => {
  it('round-trip any configuration and step, without the token', () => {
    fc.assert(
      fc.property(modelInput, step, (values, at) => {
        const decoded = decodeShareFragment(`#${encodeShareFragment(values, at)}`);
        if (!decoded.ok) throw new Error(decoded.message);
        expect(decoded.state.step).toBe(at);
        expect(decoded.state.values).toEqual({ ...values, token: { ...values.token, value: '' } });
      }),
      { numRuns: 300 },
    );
  });

  it('never carry the API token', () => {
    const values = withDefaults({ mode: 'standalone', token: { value: SAMPLE_TOKEN, storage: 'inline' } });
    const fragment = encodeShareFragment(values, 'configuration');
    const decoded = decodeShareFragment(fragment);
    expect(JSON.stringify(decoded)).not.toContain(SAMPLE_TOKEN.slice(7, 20));
    expect(decoded.ok && decoded.state.values.token.storage).toBe('inline');
  });

  it('ignore a token someone put into a link by hand', () => {
    const forged = `s=1.${toB64(deflateSync(strToU8(JSON.stringify({ f: [[10, 'abc']], t: SAMPLE_TOKEN }))))}`;
    const decoded = decodeShareFragment(forged);
    expect(decoded.ok && decoded.state.values.token.value).toBe('');
    expect(decoded.ok && decoded.notes[0]).toMatch(/ignored/);
  });

  it('stay short: the default link and a typical one', () => {
    expect(encodeShareFragment(defaultModel, 'requirements')).toMatch(/^s=2\.[A-Za-z0-9_-]+$/);
    expect(encodeShareFragment(defaultModel, 'requirements').length).toBeLessThan(26);
    const typical = withDefaults({
      mode: 'standalone',
      istio: { version: '1.24.3' },
      dynatrace: {
        environmentKind: 'managed',
        environmentId: 'abc12345',
        host: 'dynatrace.example.com',
        clusterId: '-1743916452',
      },
      token: { storage: 'inline' },
    });
    expect(encodeShareFragment(typical, 'mesh-config').length).toBeLessThan(160);
  });

  it('drop unknown keys and force every value to the type the form expects', () => {
    const payload = {
      evil: '<script>',
      f: [[1, 126], [2, 'yes'], [999, 'from the future'], 'junk', [24, [{ key: 'a', value: 'b' }, 'x', { key: 1 }]]],
      s: 42,
    };
    const decoded = decodeShareFragment(`s=1.${toB64(deflateSync(strToU8(JSON.stringify(payload))))}`);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.state.values).not.toHaveProperty('evil');
    expect(decoded.state.values.istio).toEqual({
      ...defaultModel.istio,
      version: '126',
      ambient: false,
      rootNamespace: 'istio-system',
    });
    expect(decoded.state.values.telemetry.selector).toEqual([{ key: 'a', value: 'b' }]);
    expect(decoded.state.step).toBe('requirements');
  });

  it('explain damaged, future-version, oversize and bomb links', () => {
    const good = encodeShareFragment(withDefaults({ dynatrace: { environmentId: 'abc12345' } }), 'verify');
    expect(decodeShareFragment(good.slice(0, -6))).toMatchObject({ ok: false, code: 'LINK_DAMAGED' });
    expect(decodeShareFragment('s=3.abc')).toMatchObject({ ok: false, code: 'LINK_NEWER_FORMAT' });
    expect(decodeShareFragment(`s=1.${'A'.repeat(MAX_FRAGMENT_LENGTH)}`)).toMatchObject({
      ok: false,
      code: 'LINK_TOO_LONG',
    });
    const bomb = `s=1.${toB64(deflateSync(strToU8(`{"f":[[10,"${'a'.repeat(5_000_000)}"]]}`), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_LENGTH);
    expect(decodeShareFragment(bomb)).toMatchObject({ ok: false, code: 'LINK_TOO_LARGE' });
    expect(decodeShareFragment('#nothing')).toMatchObject({ ok: false, code: 'LINK_NOT_WIZARD' });
  });

  it('never throw on any fragment, fuzzed from real links too', () => {
    const real = encodeShareFragment(
      withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '5' } }),
      'telemetry',
    );
    const mutated = fc
      .tuple(fc.nat(real.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
      .map(([at, insert]) => real.slice(0, at) + insert + real.slice(at + 1));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          mutated,
          fc.string().map((s) => `s=1.${s}`),
        ),
        (fragment) => {
          const decoded = decodeShareFragment(fragment);
          if (decoded.ok) expect(typeof decoded.state.values.istio.version).toBe('string');
          else expect(decoded.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keep opening format-1 links (made before the checksum)', () => {
    const payload = {
      f: [
        [10, 'abc12345'],
        [13, '-5'],
      ],
      s: 1,
    };
    const decoded = decodeShareFragment(`s=1.${toB64(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }))}`);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.state.values.dynatrace).toMatchObject({ environmentId: 'abc12345', clusterId: '-5' });
    expect(decoded.state.step).toBe('configuration');
  });

  // Issue 11 §12: 736 of 8,820 one-character corruptions of a format-1 link opened another configuration.
  it('never open a different configuration from a link with one character changed, inserted or removed', () => {
    const values = withDefaults({
      mode: 'standalone',
      dynatrace: { environmentKind: 'managed', environmentId: 'abc12345', host: 'dt.example.com', clusterId: '-5' },
      telemetry: { selector: [{ key: 'app', value: 'checkout' }] },
    });
    const real = encodeShareFragment(values, 'telemetry');
    const original = decodeShareFragment(real);
    if (!original.ok) throw new Error(original.message);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const edit = fc.oneof(
      fc.tuple(fc.constant('replace'), fc.nat(real.length - 1), fc.constantFrom(...alphabet)),
      fc.tuple(fc.constant('insert'), fc.nat(real.length), fc.constantFrom(...alphabet)),
      fc.tuple(fc.constant('delete'), fc.nat(real.length - 1), fc.constant('')),
    );
    let refused = 0;
    fc.assert(
      fc.property(edit, ([kind, at, char]) => {
        const damagedLink = real.slice(0, at) + char + real.slice(kind === 'insert' ? at : at + 1);
        const decoded = decodeShareFragment(damagedLink);
        if (decoded.ok) expect(decoded.state).toEqual(original.state);
        else {
          refused++;
          expect(['LINK_DAMAGED', 'LINK_NOT_WIZARD', 'LINK_NEWER_FORMAT']).toContain(decoded.code);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(refused).toBeGreaterThan(9_000);
  });
});
