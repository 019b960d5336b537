import { describe, expect, it } from 'vitest';
import { FACTS_STANDALONE_MESH_CONFIG, fill, GUIDE_OPERATOR_MESH_CONFIG } from './__fixtures__/guide-snippets';
import { SAMPLE_TOKEN } from './__fixtures__/models';
import { parseEnvironmentUrl } from './endpoints';
import { fillsFromEnvironmentUrl, fillsFromHubSnippet } from './form-fills';
import { readHubSnippet } from './merge/hub-snippet';

function snippetValues(text: string) {
  const result = readHubSnippet(text);
  if (!result.ok) throw new Error(result.message);
  return result.values;
}

describe('what a paste fills in', () => {
  it('a standalone Hub snippet fills mode, environment, cluster ID, provider name and token', () => {
    const values = snippetValues(
      fill(FACTS_STANDALONE_MESH_CONFIG, {
        'your-environment-id': 'abc12345',
        'your-tenant-id': 'abc12345',
        API_TOKEN: SAMPLE_TOKEN,
        'cluster-id': '-1743916452',
      }),
    );
    expect(fillsFromHubSnippet(values)).toEqual([
      { path: 'mode', value: 'standalone' },
      { path: 'dynatrace.environmentKind', value: 'saas' },
      { path: 'dynatrace.environmentId', value: 'abc12345' },
      { path: 'dynatrace.host', value: '' },
      { path: 'dynatrace.clusterId', value: '-1743916452' },
      { path: 'provider.name', value: 'dynatrace-otel' },
      { path: 'token.value', value: SAMPLE_TOKEN },
    ]);
  });

  it('an Operator snippet fills the DynaKube name and namespace, and no token', () => {
    const values = snippetValues(
      fill(GUIDE_OPERATOR_MESH_CONFIG, {
        'dynakube-name': 'dk',
        'dynatrace-operator-namespace': 'dt',
        'your-tenant-id': 'abc12345',
        'cluster-id': '7',
      }),
    );
    const fills = fillsFromHubSnippet(values);
    expect(fills).toContainEqual({ path: 'mode', value: 'operator' });
    expect(fills).toContainEqual({ path: 'operator.dynakubeName', value: 'dk' });
    expect(fills).toContainEqual({ path: 'operator.namespace', value: 'dt' });
    expect(fills.map((entry) => entry.path)).not.toContain('token.value');
  });

  it('every value the snippet reader finds is filled in somewhere', () => {
    const values = snippetValues(
      fill(FACTS_STANDALONE_MESH_CONFIG, {
        'your-environment-id': 'abc12345',
        'your-tenant-id': 'abc12345',
        API_TOKEN: SAMPLE_TOKEN,
        'cluster-id': '5',
      }),
    );
    const filled = new Set(fillsFromHubSnippet(values).map((entry) => entry.value));
    const found = [values.mode, values.providerName, values.token, ...Object.values(values.dynatrace)];
    for (const value of found) if (value !== undefined) expect(filled).toContain(value);
  });

  it('an environment URL fills kind, ID, host and port', () => {
    const parsed = parseEnvironmentUrl('https://ag.example.com:9999/e/abc12345/');
    expect(parsed).toBeDefined();
    expect(fillsFromEnvironmentUrl(parsed!)).toEqual([
      { path: 'dynatrace.environmentKind', value: 'activegate' },
      { path: 'dynatrace.environmentId', value: 'abc12345' },
      { path: 'dynatrace.host', value: 'ag.example.com' },
      { path: 'dynatrace.port', value: '9999' },
    ]);
  });
});
