import { describe, expect, it } from 'vitest';
import { telemetryFieldGaps } from './telemetry-fields';

/*
 * Maps in the Telemetry CRD (istio/api kubernetes/customresourcedefinitions.gen.yaml, telemetry.istio.io/v1:
 * spec.selector.matchLabels is `additionalProperties: {type: string}`): their keys are the user's, so a label key is
 * never a misspelt field. Found by the mutation work on the verify checks (issue 27): every Telemetry with a selector
 * was told "no Istio release's Telemetry has this field".
 */
const withSelector = {
  apiVersion: 'telemetry.istio.io/v1',
  kind: 'Telemetry',
  metadata: { name: 'checkout', namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: 'checkout', 'app.kubernetes.io/version': 'v2' } },
    tracing: [{ providers: [{ name: 'dynatrace-otel' }], customTags: { team: { literal: { value: 'pay' } } } }],
  },
};

describe('Telemetry fields that are maps', () => {
  it('reads selector labels as the user’s keys, not as fields, at every version', () => {
    for (const version of ['1.22.0', '1.26.3', '1.30.3']) expect(telemetryFieldGaps(withSelector, version)).toEqual([]);
  });

  it('still names a misspelt field beside a selector, and a misspelt field under selector', () => {
    const misspelt = {
      ...withSelector,
      spec: { ...withSelector.spec, selector: { matchLabel: { app: 'checkout' } }, tracng: [] },
    };
    expect(telemetryFieldGaps(misspelt, '1.30.3').map((gap) => gap.path)).toEqual([
      'spec.selector.matchLabel',
      'spec.tracng',
    ]);
  });
});
