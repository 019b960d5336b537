import { describe, expect, it } from 'vitest';
import { UPSTREAM_CASES, type ExpectedSide } from './__fixtures__/upstream-cases';
import { loadMeshConfig } from './mesh-providers';
import { resolveTracing, type SideOutcome } from './tracing-rules';

function titleOf(upstream: (typeof UPSTREAM_CASES)[number]['upstream']): string {
  return 'test' in upstream ? `${upstream.test} "${upstream.name}" (${upstream.file})` : upstream.source;
}

function expectSide(actual: SideOutcome, expected: ExpectedSide) {
  expect(actual.status).toBe(expected.status);
  if (expected.provider !== undefined) expect(actual.provider?.value).toBe(expected.provider);
  if (expected.sampling !== undefined) expect(actual.sampling.percent).toBe(expected.sampling);
  if (expected.samplingSource !== undefined) expect(actual.sampling.source).toBe(expected.samplingSource);
  if (expected.customTags !== undefined)
    expect(Object.keys(actual.customTags?.value ?? {}).sort()).toEqual(expected.customTags);
  if (expected.skippedTags !== undefined) expect(actual.customTags?.skipped ?? []).toEqual(expected.skippedTags);
}

describe("istiod's own test tables, restated, run through the rules module", () => {
  it('has at least 40 cases, each naming its upstream source and tags', () => {
    expect(UPSTREAM_CASES.length).toBeGreaterThanOrEqual(40);
    for (const testCase of UPSTREAM_CASES) expect(testCase.upstream.tags.length).toBeGreaterThan(0);
  });
  const runs = UPSTREAM_CASES.flatMap((testCase) => testCase.runAt.map((version) => ({ testCase, version })));
  it.each(runs.map((run) => [`${titleOf(run.testCase.upstream)} @ ${run.version}`, run] as const))('%s', (_, run) => {
    const { testCase, version } = run;
    const resolution = resolveTracing({
      telemetries: testCase.telemetries,
      rootNamespace: testCase.rootNamespace ?? 'istio-system',
      proxy: testCase.proxy,
      istioVersion: version,
      mesh: loadMeshConfig(testCase.mesh ?? {}),
    });
    if (testCase.applied !== undefined) expect(resolution.applied.map((v) => v.id)).toEqual(testCase.applied);
    if (testCase.client) expectSide(resolution.client, testCase.client);
    if (testCase.server) expectSide(resolution.server, testCase.server);
  });
});
