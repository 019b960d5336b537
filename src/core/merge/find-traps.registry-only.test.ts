import { describe, expect, it } from 'vitest';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { generateServiceEntry } from '../generate/service-entry';
import type { Model } from '../model';
import { findTraps } from './find-traps';

const registryOnly = { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } };
const trap = (model: Model) =>
  findTraps(registryOnly, model, buildExtensionProvider(model)).find((f) => f.id === 'registry-only');

describe('REGISTRY_ONLY: the fix names a ServiceEntry only where one is generated', () => {
  it('Operator mode (no ServiceEntry): never tells the user to apply one', () => {
    const model = operatorSaas();
    expect(generateServiceEntry(model).needed).toBe(false);
    const finding = trap(model);
    expect(finding?.fix).not.toMatch(/Apply the ServiceEntry/);
    expect(finding?.message).not.toMatch(/ServiceEntry .* is mandatory/);
    expect(finding?.fix).toContain(
      'No ServiceEntry is needed for dynakube-telemetry-ingest.dynatrace.svc.cluster.local',
    );
  });

  it('standalone, and Operator mode with the sampler asking the tenant: the ServiceEntry comes first', () => {
    for (const model of [standalone('saas'), operatorSaas({ provider: { samplerFromTenant: true } })]) {
      expect(generateServiceEntry(model).needed).toBe(true);
      expect(trap(model)?.fix).toMatch(/^Apply the ServiceEntry \(dt-serviceentry\.yaml\) before the Telemetry/);
    }
  });
});
