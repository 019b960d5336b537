import fc from 'fast-check';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TOKEN } from './__fixtures__/models';
import { defaultModel, withDefaults } from './defaults';
import type { ModelInput } from './model';
import { WIZARD_STEPS } from './wizard-steps';
import { decodeShareFragment, encodeShareFragment, MAX_DECODED_BYTES, MAX_FRAGMENT_LENGTH } from './share-link';
import { runs } from '../test-setup/runs';

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
    caDelivery: fc.constantFrom('file', 'configmap'),
    caNamespaces: text,
    caSelector: fc.array(fc.record({ key: text, value: text }), { maxLength: 3 }),
    caGatewayNamespace: text,
    caGatewaySelector: fc.array(fc.record({ key: text, value: text }), { maxLength: 3 }),
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
    serviceAttributeEnrichment: fc.boolean(),
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
      { numRuns: runs(300) },
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
    // Every link names its Istio version (the default moves with the release table): 39 characters.
    expect(encodeShareFragment(defaultModel, 'requirements').length).toBeLessThan(40);
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

  it('name the Istio version even when it is the default, and read a link without one as the old default 1.28', () => {
    const made = decodeShareFragment(encodeShareFragment(defaultModel, 'requirements'));
    expect(made.ok && made.state.values.istio.version).toBe(defaultModel.istio.version);
    // A link made while 1.28 was the default left the version out: it opens as 1.28, not as today's default.
    const old = `s=1.${toB64(deflateSync(strToU8(JSON.stringify({ f: [[10, 'abc12345']] }))))}`;
    const decoded = decodeShareFragment(old);
    expect(decoded.ok && decoded.state.values.istio.version).toBe('1.28');
    expect(decoded.ok && decoded.state.values.dynatrace.environmentId).toBe('abc12345');
  });

  it('carry the OpenTelemetry service attributes choice', () => {
    const values = withDefaults({ istio: { version: '1.30' }, provider: { serviceAttributeEnrichment: true } });
    const decoded = decodeShareFragment(encodeShareFragment(values, 'configuration'));
    expect(decoded.ok && decoded.state.values.provider.serviceAttributeEnrichment).toBe(true);
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
      { numRuns: runs(2000) },
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
      { numRuns: runs(10_000) },
    );
    // Nine in ten refused (9,000 of 10,000; of the capped count under `npm run mutate`).
    expect(refused).toBeGreaterThan(runs(10_000) * 0.9);
  });
});

const linkOf = (payload: unknown, version = 1) =>
  `s=${version}.${toB64(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }))}`;
const refusal = (fragment: string) => {
  const decoded = decodeShareFragment(fragment);
  if (decoded.ok) throw new Error('expected a refusal');
  return { code: decoded.code, message: decoded.message };
};

describe('decoding a share link: what opens', () => {
  it('reads a whole URL, a fragment with or without #, and only what follows the first #', () => {
    const fragment = encodeShareFragment(withDefaults({ dynatrace: { environmentId: 'abc12345' } }), 'verify');
    for (const input of [fragment, `#${fragment}`, `https://wizard.example/#${fragment}`]) {
      const decoded = decodeShareFragment(input);
      expect(decoded.ok && decoded.state.step, input).toBe('verify');
      expect(decoded.ok && decoded.state.values.dynatrace.environmentId, input).toBe('abc12345');
    }
    expect(decodeShareFragment(`https://wizard.example/?${fragment}`)).toMatchObject({
      ok: false,
      code: 'LINK_NOT_WIZARD',
    });
  });

  it('opens on the step it names, and on the first step for a missing, unknown or non-number step', () => {
    expect(decodeShareFragment(linkOf({ f: [], s: 2 }))).toMatchObject({ ok: true, state: { step: WIZARD_STEPS[2] } });
    for (const s of [undefined, 0, -1, 99, 1.5, '2', null]) {
      const decoded = decodeShareFragment(linkOf({ f: [], s }));
      expect(decoded.ok && decoded.state.step, String(s)).toBe('requirements');
    }
  });

  it('skips entries that are not [number, value] pairs, and keeps reading the rest', () => {
    const decoded = decodeShareFragment(linkOf({ f: [['10', 'nope'], [null, 'x'], 10, [10, 'abc12345']] }));
    expect(decoded.ok && decoded.state.values.dynatrace.environmentId).toBe('abc12345');
    const noFields = decodeShareFragment(linkOf({ f: { 10: 'abc12345' } }));
    // A link without the version slot was made when 1.28 was the default: it opens as 1.28, not today's default.
    expect(noFields.ok && noFields.state.values).toEqual({
      ...defaultModel,
      istio: { ...defaultModel.istio, version: '1.28' },
      token: { ...defaultModel.token, value: '' },
    });
  });

  it('reads a bounded number of entries: a link padded with two thousand of them does not set what comes after', () => {
    const padding = Array.from({ length: 2000 }, () => [0, 'operator']);
    const decoded = decodeShareFragment(linkOf({ f: [...padding, [10, 'abc12345']] }));
    expect(decoded.ok && decoded.state.values.dynatrace.environmentId).toBe(defaultModel.dynatrace.environmentId);
    const early = decodeShareFragment(linkOf({ f: [[10, 'abc12345'], ...padding] }));
    expect(early.ok && early.state.values.dynatrace.environmentId).toBe('abc12345');
  });

  it('a token under either key is ignored and said so; a link without one has no note', () => {
    for (const key of ['t', 'token']) {
      const decoded = decodeShareFragment(linkOf({ f: [], [key]: SAMPLE_TOKEN }));
      expect(decoded.ok && decoded.notes, key).toEqual([
        'The link carried an API token; it was ignored. Enter your own.',
      ]);
      expect(JSON.stringify(decoded)).not.toContain(SAMPLE_TOKEN);
    }
    expect(decodeShareFragment(linkOf({ f: [] }))).toMatchObject({ ok: true, notes: [] });
  });

  it('a token value placed in the token field by number is not taken either', () => {
    const decoded = decodeShareFragment(linkOf({ f: [[14, 'inline']], token: { value: SAMPLE_TOKEN } }));
    expect(decoded.ok && decoded.state.values.token.value).toBe('');
  });
});

describe('decoding a share link: what is refused, and why', () => {
  it('a fragment of exactly the limit is read; one character more is too long, and the message says how long', () => {
    expect(refusal(`s=1.${'A'.repeat(MAX_FRAGMENT_LENGTH - 4)}`).code).toBe('LINK_DAMAGED');
    expect(refusal(`#s=1.${'A'.repeat(MAX_FRAGMENT_LENGTH - 4)}`).code).toBe('LINK_DAMAGED');
    expect(refusal(`s=1.${'A'.repeat(MAX_FRAGMENT_LENGTH - 3)}`)).toEqual({
      code: 'LINK_TOO_LONG',
      message: `This link is ${MAX_FRAGMENT_LENGTH + 1} characters long; wizard links are far shorter, so it was not opened.`,
    });
  });

  it('no s= prefix: not a wizard link', () => {
    for (const fragment of ['', '#', 'x=2.abc', 'S=2.abc', ' s=2.abc', 'section-2']) {
      expect(refusal(fragment), fragment).toEqual({
        code: 'LINK_NOT_WIZARD',
        message: 'This link holds no wizard configuration.',
      });
    }
  });

  it('no version, or one that is not a whole number: damaged, cut off', () => {
    for (const fragment of [
      's=',
      's=abc',
      's=2',
      's=.abc',
      's=x.abc',
      's=2x.abc',
      's=-1.abc',
      's=1e0.abc',
      's= 2.abc',
    ]) {
      expect(refusal(fragment), fragment).toEqual({
        code: 'LINK_DAMAGED',
        message: 'This link is damaged (no version); it may have been cut off when it was copied.',
      });
    }
    expect(refusal('s=0.abc')).toEqual({ code: 'LINK_DAMAGED', message: 'This link is damaged (unknown format).' });
    expect(refusal('s=00.abc').message).toBe('This link is damaged (unknown format).');
  });

  it('a newer format names both formats; this one and older ones are read', () => {
    expect(refusal('s=3.abc')).toEqual({
      code: 'LINK_NEWER_FORMAT',
      message:
        'This link was made by a newer version of the wizard (format 3); this one reads format 2. Open it where it was made, or ask for a new link.',
    });
    expect(refusal('s=12.abc').code).toBe('LINK_NEWER_FORMAT');
    expect(decodeShareFragment(linkOf({ f: [] }, 1)).ok).toBe(true);
  });

  it('characters outside base64url anywhere in the payload: damaged', () => {
    const good = encodeShareFragment(withDefaults({ dynatrace: { environmentId: 'abc12345' } }), 'verify');
    const body = good.slice(4);
    for (const bad of [`+${body}`, `${body}+`, `${body.slice(0, 5)}/${body.slice(5)}`, `${body}=`, `${body} `]) {
      expect(refusal(`s=2.${bad}`).code, bad).toBe('LINK_DAMAGED');
    }
  });

  it('format 2: a payload too short for its checksum, or with a checksum that does not match, is damaged', () => {
    expect(refusal('s=2.').code).toBe('LINK_DAMAGED');
    expect(refusal('s=2.AAAAAA').code).toBe('LINK_DAMAGED');
    const good = encodeShareFragment(withDefaults({ dynatrace: { environmentId: 'abc12345' } }), 'verify');
    const bytes = Uint8Array.from(atob(good.slice(4).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    bytes[bytes.length - 1]! ^= 1;
    expect(refusal(`s=2.${toB64(bytes)}`)).toEqual({
      code: 'LINK_DAMAGED',
      message: 'This link is damaged; it may have been cut off when it was copied.',
    });
    // The same deflated payload without its checksum is a format-1 link, still read.
    expect(decodeShareFragment(`s=1.${toB64(bytes.subarray(0, -4))}`).ok).toBe(true);
  });

  it('a deflate stream cut short is damaged, in either format', () => {
    const deflated = deflateSync(strToU8(JSON.stringify({ f: [[10, 'abc12345'.repeat(20)]] })), { level: 0 });
    expect(refusal(`s=1.${toB64(deflated.subarray(0, deflated.length - 8))}`).code).toBe('LINK_DAMAGED');
  });

  it('content that is not JSON, or JSON that is not an object: damaged, saying which', () => {
    expect(refusal(`s=1.${toB64(deflateSync(strToU8('{"f": [')))}`)).toEqual({
      code: 'LINK_DAMAGED',
      message: 'This link is damaged; its content is not readable.',
    });
    for (const payload of [null, [1, 2], 'text', 5, true]) {
      expect(refusal(linkOf(payload)), JSON.stringify(payload)).toEqual({
        code: 'LINK_DAMAGED',
        message: 'This link is damaged; its content is not a configuration.',
      });
    }
  });

  it('a payload that inflates past the bound is too large, in either format; one just under it opens', () => {
    const big = (size: number) => strToU8(JSON.stringify({ f: [[10, 'a'.repeat(size)]] }));
    const overhead = JSON.stringify({ f: [[10, '']] }).length;
    const under = deflateSync(big(MAX_DECODED_BYTES - overhead), { level: 9 });
    expect(decodeShareFragment(`s=1.${toB64(under)}`).ok).toBe(true);
    const over = deflateSync(big(MAX_DECODED_BYTES - overhead + 1), { level: 9 });
    expect(refusal(`s=1.${toB64(over)}`)).toEqual({
      code: 'LINK_TOO_LARGE',
      message: 'This link expands to far more data than a configuration holds, so it was not opened.',
    });
    const withChecksum = new Uint8Array(over.length + 4);
    withChecksum.set(over);
    expect(refusal(`s=2.${toB64(withChecksum)}`).code).toBe('LINK_TOO_LARGE');
  });
});

describe('encoding a share link', () => {
  it('writes only what differs from the defaults (and always the Istio version), and the step only when it is not the first', () => {
    const inflate = (fragment: string) =>
      JSON.parse(
        strFromU8(
          inflateSync(
            Uint8Array.from(atob(fragment.slice(4).replace(/-/g, '+').replace(/_/g, '/')), (c) =>
              c.charCodeAt(0),
            ).subarray(0, -4),
          ),
        ),
      );
    // The version is always written: a link keeps opening on the version it was made for when the default moves on.
    const version = [1, defaultModel.istio.version];
    expect(inflate(encodeShareFragment(defaultModel, 'requirements'))).toEqual({ f: [version] });
    expect(
      inflate(encodeShareFragment(withDefaults({ dynatrace: { environmentId: 'abc12345' } }), WIZARD_STEPS[1])),
    ).toEqual({
      f: [version, [10, 'abc12345']],
      s: 1,
    });
  });
});
