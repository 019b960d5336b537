import { describe, expect, it } from 'vitest';
import {
  NEWEST_SAIL,
  SAIL_RELEASES,
  checkSailVersion,
  findSailRelease,
  installableSailVersions,
  sailEndOfLife,
  sailReleasesInstalling,
} from './sail-releases';

/*
 * Facts from istio-ecosystem/sail-operator at its tags (the generated table; the regeneration check is in
 * istio-releases.test.ts). Sail 1.30.3: chart/crds/sailoperator.io_istios.yaml spec.version enum v1.30-latest … v1.21.6,
 * pkg/istioversion/versions.yaml marks everything up to v1.27.9 `eol: true` (facts §11/§12: installs 1.28.0–1.30.3).
 */
const sail = (version: string) => findSailRelease(version)!;

describe('the Sail release table', () => {
  it('knows every Sail tag, oldest first, with the apiVersion of its Istio resource', () => {
    expect(SAIL_RELEASES.map((release) => release.sail)).toEqual([
      '0.1.0-rc.1',
      '0.1.0',
      '0.2.0',
      '1.0.0',
      '1.25.1',
      '1.25.2',
      '1.26.0',
      '1.26.1',
      '1.26.2',
      '1.26.3',
      '1.27.0',
      '1.27.1',
      '1.27.2',
      '1.27.3',
      '1.28.0',
      '1.28.1',
      '1.28.2',
      '1.28.3',
      '1.29.0',
      '1.29.1',
      '1.29.2',
      '1.30.0',
      '1.30.3',
    ]);
    expect(sail('0.2.0').apiVersion).toBe('sailoperator.io/v1alpha1');
    expect(sail('1.0.0').apiVersion).toBe('sailoperator.io/v1');
    expect(NEWEST_SAIL.sail).toBe('1.30.3');
    expect(findSailRelease('v1.26.3')?.sail).toBe('1.26.3');
    expect(findSailRelease('1.30.1')).toBeUndefined();
  });

  it('Sail 1.30.3 installs Istio 1.28.0 to 1.30.3 and accepts older values only as end-of-life', () => {
    const release = sail('1.30.3');
    const installable = installableSailVersions(release);
    expect(installable[0]).toBe('v1.30-latest');
    expect(installable.filter((v) => !v.endsWith('-latest')).at(-1)).toBe('v1.28.0');
    expect(release.accepted).toContain('v1.27.9');
    expect(release.eol).toContain('v1.27.9');
    expect(release.aliases['v1.30-latest']).toBe('v1.30.3');
    expect(release.defaultVersion).toBe('v1.30.3');
  });

  it('before Sail 1.26.0 nothing is marked end-of-life (versions.yaml had no eol entries)', () => {
    expect(sail('1.25.2').eol).toEqual([]);
    expect(sail('1.26.0').eol).toContain('v1.22.5');
  });
});

describe('checking spec.version against a Sail release', () => {
  it('accepts what the release installs, and says where an alias resolves', () => {
    expect(checkSailVersion('v1.30.3')).toEqual({ ok: true, version: 'v1.30.3' });
    expect(checkSailVersion('v1.29-latest')).toEqual({ ok: true, version: 'v1.29-latest', resolvesTo: 'v1.29.6' });
    expect(checkSailVersion('v1.24.3', sail('1.26.0'))).toEqual({ ok: true, version: 'v1.24.3' });
  });

  it('refuses an end-of-life version with the nearest installable ones', () => {
    const check = checkSailVersion('v1.27.9');
    expect(check).toMatchObject({ ok: false, code: 'sail-version-eol', nearest: ['v1.28.0', 'v1.28-latest'] });
    expect(!check.ok && check.message).toBe(
      'Sail 1.30.3 accepts v1.27.9 but refuses to install it: it marks it end-of-life. It installs v1.28.0 to v1.30.3.',
    );
  });

  it('refuses a pre-release and a version no Sail lists, with the nearest installable ones', () => {
    expect(checkSailVersion('v1.31.0-rc.0')).toMatchObject({
      ok: false,
      code: 'sail-version-pre-release',
      nearest: ['v1.30.3', 'v1.30-latest'],
    });
    expect(checkSailVersion('v1.31.0')).toMatchObject({
      ok: false,
      code: 'sail-version-not-accepted',
      nearest: ['v1.30.3', 'v1.30-latest'],
    });
    // A patch Sail skipped: the patches around it, same minor first.
    expect(checkSailVersion('v1.28.4', sail('1.28.0'))).toMatchObject({
      ok: false,
      code: 'sail-version-not-accepted',
      nearest: ['v1.28.0', 'v1.28-latest'],
    });
    expect(checkSailVersion('v1.29.6', sail('1.29.0'))).toMatchObject({
      ok: false,
      nearest: ['v1.29.0', 'v1.29-latest'],
    });
    expect(checkSailVersion('latest')).toMatchObject({ ok: false, code: 'sail-version-unreadable' });
  });

  it('never calls a refused value installable, and never offers a refused value as nearest', () => {
    for (const release of SAIL_RELEASES) {
      const installable = installableSailVersions(release);
      for (const value of ['v1.21.6', 'v1.22.5', 'v1.27.9', 'v1.30.3', 'v1.31.0-rc.0', 'v1.28-latest', 'v9.9.9']) {
        const check = checkSailVersion(value, release);
        expect(check.ok).toBe(installable.includes(value));
        if (!check.ok) for (const near of check.nearest) expect(installable).toContain(near);
      }
    }
  });
});

describe('end of life as Sail marks it', () => {
  it('names the first Sail release that marks a whole minor end-of-life', () => {
    expect(sailEndOfLife(22)?.sail).toBe('1.26.0');
    expect(sailEndOfLife(24)?.sail).toBe('1.28.0');
    expect(sailEndOfLife(27)?.sail).toBe('1.30.0');
    expect(sailEndOfLife(28)).toBeUndefined();
  });

  it('lists the Sail releases that install a version', () => {
    expect(sailReleasesInstalling('v1.30.3').map((release) => release.sail)).toEqual(['1.30.3']);
    expect(sailReleasesInstalling('v1.31.0')).toEqual([]);
  });
});
