import { describe, expect, it } from 'vitest';
import { operatorSaas } from '../__fixtures__/models';
import { checkMeshConfig } from './check-mesh-config';
import { verifyTargetOf } from './target';

/* Duplicate provider names: verify compares the entry istiod keeps (the last), facts §12. */

describe('mesh.provider-fields with two providers of our name', () => {
  const model = operatorSaas();
  const target = verifyTargetOf(model);
  const generated = target.provider as unknown as Record<string, unknown>;
  const broken = { name: generated.name, opentelemetry: { service: 'wrong.example', port: 1 } };
  const status = (providers: unknown[]) =>
    checkMeshConfig({ mesh: { extensionProviders: providers } }, model, target).find(
      (item) => item.id === 'mesh.provider-fields',
    )?.status;

  it('passes when the LAST entry equals the generated provider, whatever the first holds', () => {
    expect(status([broken, generated])).toBe('pass');
  });

  it('fails when the last entry differs, even if the first equals the generated provider', () => {
    expect(status([generated, broken])).toBe('fail');
  });

  it('says istiod keeps the last entry, not the first', () => {
    const items = checkMeshConfig({ mesh: { extensionProviders: [generated, broken] } }, model, target);
    // A note, not a failure: the duplicate alone breaks nothing; the fields of the entry istiod keeps are checked.
    const duplicate = items.flatMap((item) => item.notes).find((p) => p.code === 'mesh.provider-duplicate');
    expect(duplicate?.message).toContain('istiod keeps the last');
    expect(duplicate?.message).not.toMatch(/uses the first/);
  });
});
