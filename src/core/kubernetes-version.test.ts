import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKubernetesVersion, parseKubernetesVersion } from './kubernetes-version';
import { validateModel } from './model';
import { model } from './__fixtures__/models';

describe('the Kubernetes version', () => {
  it('reads 1.33, v1.33.2, provider suffixes and the Server Version line of kubectl version', () => {
    expect(parseKubernetesVersion('1.33')).toEqual({ major: 1, minor: 33 });
    expect(parseKubernetesVersion('v1.33.2-gke.1000')).toEqual({ major: 1, minor: 33 });
    const pasted = 'Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.32.4-eks-1234\n';
    expect(parseKubernetesVersion(pasted)).toEqual({ major: 1, minor: 32 });
    expect(normalizeKubernetesVersion(pasted)).toBe('1.32');
  });

  it('refuses what is not a version, with a message, and never throws', () => {
    expect(parseKubernetesVersion('')).toBeUndefined();
    expect(parseKubernetesVersion('latest')).toBeUndefined();
    expect(parseKubernetesVersion('Client Version: v1.34.1')).toBeUndefined();
    const base = model();
    const invalid = validateModel({
      ...base,
      token: { ...base.token },
      istio: { ...base.istio, kubernetesVersion: 'soon' },
    });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.issues.map((issue) => issue.message).join()).toMatch(/Kubernetes version/);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseKubernetesVersion(text);
        if (parsed) expect(Number.isInteger(parsed.minor)).toBe(true);
      }),
    );
  });
});
