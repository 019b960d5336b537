import { describe, expect, it } from 'vitest';
import { isAtLeast, parseIstioVersion, readIstioctlVersionOutput } from './istio-version';

describe('Istio versions', () => {
  it('parses major.minor and major.minor.patch, with or without v and pre-release tags', () => {
    expect(parseIstioVersion('1.24')).toEqual({ major: 1, minor: 24 });
    expect(parseIstioVersion('v1.24.3')).toEqual({ major: 1, minor: 24, patch: 3 });
    expect(parseIstioVersion('1.26.0-beta.1')).toEqual({ major: 1, minor: 26, patch: 0 });
    expect(parseIstioVersion('1')).toBeUndefined();
    expect(parseIstioVersion('latest')).toBeUndefined();
  });

  it('compares by minor version', () => {
    expect(isAtLeast({ major: 1, minor: 22 }, 1, 22)).toBe(true);
    expect(isAtLeast({ major: 1, minor: 21, patch: 9 }, 1, 22)).toBe(false);
    expect(isAtLeast({ major: 2, minor: 0 }, 1, 26)).toBe(true);
  });

  it('reads the control plane version out of istioctl version output, and the oldest proxy', () => {
    const output =
      'client version: 1.28.1\ncontrol plane version: 1.27.3\ndata plane version: 1.27.3 (40 proxies), 1.26.2 (3 proxies)\n';
    expect(readIstioctlVersionOutput(output)).toEqual({
      ok: true,
      controlPlane: '1.27.3',
      client: '1.28.1',
      dataPlane: '1.26.2',
    });
  });

  it('accepts a bare version and explains what it needs otherwise', () => {
    expect(readIstioctlVersionOutput(' 1.24.2 \n')).toEqual({ ok: true, controlPlane: '1.24.2' });
    const result = readIstioctlVersionOutput('error: no running Istio pods in "istio-system"');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/control plane version/);
  });
});
