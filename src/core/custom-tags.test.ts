import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateIstioResource } from './__fixtures__/istio-schemas';
import { model } from './__fixtures__/models';
import { customTagTypesFor, parseTagFlag } from './custom-tags';
import { generateTelemetry } from './generate/telemetry';
import { defaultModel, sanitizeModelInput, withDefaults } from './defaults';
import { validateModel } from './model';

const tags = [
  { name: 'cluster', type: 'literal', value: 'prod-eu-1', defaultValue: '' },
  { name: 'pod', type: 'environment', value: 'POD_NAME', defaultValue: 'unknown' },
  { name: 'request_id', type: 'header', value: 'x-request-id', defaultValue: '' },
] as const;

const issuesFor = (telemetry: object, istio: object = {}) => {
  const result = validateModel(
    withDefaults(
      { istio, telemetry },
      withDefaults({ dynatrace: { environmentId: 'abc12345', clusterId: '1' } }, defaultModel),
    ),
  );
  return result.ok ? {} : Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
};

describe('custom tags on the Telemetry', () => {
  it('are written as spec.tracing[].customTags in the Telemetry API’s shape, and validate against its CRD', () => {
    const text = generateTelemetry(model({ telemetry: { customTags: [...tags] } })).text;
    const doc = parse(text, { version: '1.1' });
    expect(doc.spec.tracing[0].customTags).toEqual({
      cluster: { literal: { value: 'prod-eu-1' } },
      pod: { environment: { name: 'POD_NAME', defaultValue: 'unknown' } },
      request_id: { header: { name: 'x-request-id' } },
    });
    expect(() => validateIstioResource(doc)).not.toThrow();
  });

  it('keep a literal value that YAML 1.1 would read as something else a string', () => {
    const text = generateTelemetry(
      model({ telemetry: { customTags: [{ name: 'on', type: 'literal', value: 'yes', defaultValue: '' }] } }),
    ).text;
    expect(parse(text, { version: '1.1' }).spec.tracing[0].customTags).toEqual({ on: { literal: { value: 'yes' } } });
  });

  it('are refused when incomplete or malformed, naming the field', () => {
    expect(issuesFor({ customTags: [{ name: '', type: 'literal', value: 'x', defaultValue: '' }] })).toHaveProperty([
      'telemetry.customTags.0.name',
    ]);
    expect(
      issuesFor({ customTags: [{ name: 'a', type: 'header', value: 'x request', defaultValue: '' }] })[
        'telemetry.customTags.0.value'
      ],
    ).toMatch(/header name/);
    expect(
      issuesFor({ customTags: [{ name: 'a', type: 'environment', value: '1X', defaultValue: '' }] })[
        'telemetry.customTags.0.value'
      ],
    ).toMatch(/environment variable/);
    expect(
      issuesFor({ customTags: [{ name: 'a', type: 'literal', value: 'v', defaultValue: 'd' }] })[
        'telemetry.customTags.0.defaultValue'
      ],
    ).toMatch(/Only environment and header/);
    expect(issuesFor({ customTags: [tags[0], tags[0]] })['telemetry.customTags.1.name']).toMatch(/twice/);
  });

  it('accept pseudo-headers such as :authority as header names (Envoy HTTP_HEADER_NAME, strict: false), not a colon elsewhere', () => {
    const header = (value: string) => [{ name: 'host', type: 'header', value, defaultValue: '' }];
    expect(issuesFor({ customTags: header(':authority') })['telemetry.customTags.0.value']).toBeUndefined();
    expect(issuesFor({ customTags: header('x:y') })['telemetry.customTags.0.value']).toMatch(/header name/);
    expect(issuesFor({ customTags: header('::authority') })['telemetry.customTags.0.value']).toMatch(/header name/);
  });

  it('offer the formatter kind only from Istio 1.29, and refuse it before with the version it needs', () => {
    const formatter = [{ name: 'sni', type: 'formatter', value: '%REQUESTED_SERVER_NAME%', defaultValue: '' }];
    expect(issuesFor({ customTags: formatter }, { version: '1.28' })['telemetry.customTags.0.type']).toBe(
      'A custom tag from an access-log formatter (customTags.formatter) needs Istio 1.29 or later; this setup is for Istio 1.28.',
    );
    expect(issuesFor({ customTags: formatter }, { version: '1.29.1' })).toEqual({});
    expect(customTagTypesFor('1.28')).not.toContain('formatter');
    expect(customTagTypesFor('1.29')).toContain('formatter');
  });

  it('survive a stored draft or link with only their four text fields', () => {
    const sanitized = sanitizeModelInput({
      telemetry: { customTags: [{ ...tags[1], extra: 1 }, 'junk', { name: 5 }] },
    });
    expect(sanitized.telemetry.customTags).toEqual([
      { name: 'pod', type: 'environment', value: 'POD_NAME', defaultValue: 'unknown' },
      { name: '', type: '', value: '', defaultValue: '' },
    ]);
  });
});

describe('--tag', () => {
  it.each([
    ['cluster=literal:prod:eu', { name: 'cluster', type: 'literal', value: 'prod:eu', defaultValue: '' }],
    ['rid=header:x-request-id', { name: 'rid', type: 'header', value: 'x-request-id', defaultValue: '' }],
    ['pod=env:POD_NAME:none', { name: 'pod', type: 'environment', value: 'POD_NAME', defaultValue: 'none' }],
    [
      'sni=formatter:%REQ(:AUTHORITY)%',
      { name: 'sni', type: 'formatter', value: '%REQ(:AUTHORITY)%', defaultValue: '' },
    ],
  ])('reads %s', (flag, tag) => {
    expect(parseTagFlag(flag)).toEqual({ ok: true, tag });
  });

  it.each(['nothing', '=literal:x', 'a=unknown:x', 'a=literal'])('refuses %s with the forms it accepts', (flag) => {
    const result = parseTagFlag(flag);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('NAME=literal:VALUE');
  });
});
