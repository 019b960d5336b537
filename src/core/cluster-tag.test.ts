import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from './__fixtures__/models';
import { CLUSTER_TAG_NAME, clusterTagFlag, clusterTagFromProxy, literalClusterTag } from './cluster-tag';
import { customTagSchema, parseTagFlag } from './custom-tags';
import { generateTelemetry } from './generate/telemetry';
import { telemetryFieldGaps } from './telemetry-fields';

describe('the cluster tag presets', () => {
  it('are valid custom tags, and their CLI flags read back to the same tag', () => {
    for (const tag of [clusterTagFromProxy(), literalClusterTag('eu-west-1'), literalClusterTag('a:b', 'cluster')]) {
      expect(customTagSchema.safeParse(tag).success).toBe(true);
      expect(parseTagFlag(clusterTagFlag(tag))).toEqual({ ok: true, tag });
    }
    expect(clusterTagFlag(clusterTagFromProxy())).toBe('k8s.cluster.name=env:ISTIO_META_CLUSTER_ID');
  });

  it('become span tags in the Telemetry on every version from 1.22', () => {
    for (const version of ['1.22', '1.30.3']) {
      const m = operatorSaas({
        istio: { version },
        telemetry: { customTags: [clusterTagFromProxy(), literalClusterTag('east', 'site')] },
      });
      const doc = parse(generateTelemetry(m).text);
      expect(doc.spec.tracing[0].customTags).toEqual({
        [CLUSTER_TAG_NAME]: { environment: { name: 'ISTIO_META_CLUSTER_ID' } },
        site: { literal: { value: 'east' } },
      });
      expect(telemetryFieldGaps(doc, version)).toEqual([]);
    }
  });
});
