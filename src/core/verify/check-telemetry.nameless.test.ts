import { describe, expect, it } from 'vitest';
import { model as baseModel } from '../__fixtures__/models';
import { checkTelemetry } from './check-telemetry';
import { verifyTargetOf } from './target';

/*
 * A Telemetry whose provider item has an empty name (`providers: [{name: ""}]`, kubectl shows it as listed) must not
 * read "traces go to  at 1 %" or "names , not dynatrace-otel": the texts say the provider has no name.
 */
describe('a provider item without a name', () => {
  it('is named as such in the applies item, which fails', () => {
    const model = baseModel();
    const items = checkTelemetry(
      [
        {
          namespace: 'istio-system',
          name: 'mesh-default',
          creationTimestamp: '2026-11-01T00:00:00Z',
          spec: { tracing: [{ providers: [{ name: '' }] }] },
        },
      ],
      model,
      verifyTargetOf(model),
      {},
    );
    const applies = items.find((item) => item.id === 'telemetry.applies')!;
    expect(applies.status).toBe('fail');
    const text = JSON.stringify(applies);
    expect(text).not.toMatch(/go to {2}|names , |names {2}/);
    expect(text).toContain('(a provider without a name)');
  });
});
