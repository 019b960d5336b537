import { compare, parseIstioVersion, type IstioVersion } from './istio-version';
import { SAIL_RELEASES, SAIL_RELEASES_SOURCE, type SailRelease } from './sail-releases.gen';

export { SAIL_RELEASES, SAIL_RELEASES_SOURCE, type SailRelease };

/*
 * Which `spec.version` values each Sail operator release accepts and installs, from the generated table
 * (sail-releases.gen.ts, written by scripts/gen-istio-releases.mjs from the Sail CRD at each tag). The CRD's enum is
 * what the API server accepts; of those, Sail refuses to install the ones versions.yaml marks `eol: true`
 * (pkg/istioversion/version.go ValidateVersion: "version %q is end-of-life and cannot be installed").
 */

/** The newest stable Sail release the table knows. */
export const NEWEST_SAIL: SailRelease = SAIL_RELEASES.filter((release) => !release.preRelease).at(-1)!;

/** A Sail release by its version (`1.30.3` or `v1.30.3`), or undefined when the table does not have it. */
export function findSailRelease(sail: string): SailRelease | undefined {
  const bare = sail.trim().replace(/^v/, '');
  return SAIL_RELEASES.find((release) => release.sail === bare);
}

/** The values of spec.version this Sail release installs: accepted by its CRD and not end-of-life. */
export function installableSailVersions(release: SailRelease): string[] {
  return release.accepted.filter((version) => !release.eol.includes(version));
}

export type SailVersionCheck =
  | { ok: true; version: string; resolvesTo?: string }
  | {
      ok: false;
      code: 'sail-version-eol' | 'sail-version-not-accepted' | 'sail-version-pre-release' | 'sail-version-unreadable';
      message: string;
      /** Installable values closest to what was asked for, best first. */
      nearest: string[];
    };

/**
 * Checks a `spec.version` value (`v1.30.3`, `v1.30-latest`) against one Sail release. A pre-release or a version
 * the release does not list is refused with the nearest installable values.
 */
export function checkSailVersion(specVersion: string, release: SailRelease = NEWEST_SAIL): SailVersionCheck {
  const value = specVersion.trim();
  const installable = installableSailVersions(release);
  const wanted = parseSpecVersion(value);
  const nearest = wanted ? nearestInstallable(wanted, installable) : installable.slice(0, 2);
  const sail = `Sail ${release.sail}`;
  if (!wanted) {
    return {
      ok: false,
      code: 'sail-version-unreadable',
      message: `“${value}” is not an Istio version Sail reads; ${sail} takes values like ${installable[1] ?? installable[0]}.`,
      nearest,
    };
  }
  if (wanted.preRelease) {
    return {
      ok: false,
      code: 'sail-version-pre-release',
      message: `${value} is a pre-release; no Sail release lists pre-releases in spec.version. ${sail} installs ${span(installable)}.`,
      nearest,
    };
  }
  if (release.eol.includes(value)) {
    return {
      ok: false,
      code: 'sail-version-eol',
      message: `${sail} accepts ${value} but refuses to install it: it marks it end-of-life. It installs ${span(installable)}.`,
      nearest,
    };
  }
  if (!release.accepted.includes(value)) {
    return {
      ok: false,
      code: 'sail-version-not-accepted',
      message: `${sail} does not accept spec.version ${value}; it installs ${span(installable)}.`,
      nearest,
    };
  }
  const resolvesTo = release.aliases[value];
  return resolvesTo === undefined ? { ok: true, version: value } : { ok: true, version: value, resolvesTo };
}

/**
 * The first Sail release that marks a whole Istio minor (e.g. 1.24) end-of-life, or undefined when none in the
 * table does. This is Sail's statement, not Istio's support calendar.
 */
export function sailEndOfLife(minor: number): SailRelease | undefined {
  const prefix = `v1.${minor}.`;
  return SAIL_RELEASES.find((release) => {
    const ofMinor = release.accepted.filter((version) => version.startsWith(prefix));
    return ofMinor.length > 0 && ofMinor.every((version) => release.eol.includes(version));
  });
}

/** The Sail releases that install a spec.version value, oldest first. */
export function sailReleasesInstalling(specVersion: string): SailRelease[] {
  return SAIL_RELEASES.filter((release) => installableSailVersions(release).includes(specVersion.trim()));
}

function span(installable: readonly string[]): string {
  const concrete = installable.filter((version) => !version.endsWith('-latest'));
  if (concrete.length === 0) return 'nothing';
  return concrete.length === 1 ? concrete[0]! : `${concrete.at(-1)} to ${concrete[0]}`;
}

interface SpecVersion extends IstioVersion {
  latest: boolean;
  preRelease: boolean;
}

function parseSpecVersion(value: string): SpecVersion | undefined {
  const latest = /^v?(\d+)\.(\d+)-latest$/.exec(value);
  if (latest) return { major: Number(latest[1]), minor: Number(latest[2]), latest: true, preRelease: false };
  const version = parseIstioVersion(value);
  if (!version) return undefined;
  return { ...version, latest: false, preRelease: /^v?\d+\.\d+\.\d+-/.test(value) };
}

/** The installable concrete versions next to `wanted` (same minor first), each followed by its minor's alias. */
function nearestInstallable(wanted: SpecVersion, installable: readonly string[]): string[] {
  const concrete = installable
    .map((value) => ({ value, version: parseIstioVersion(value) }))
    .filter((entry): entry is { value: string; version: IstioVersion } => {
      return entry.version !== undefined && !entry.value.endsWith('-latest');
    });
  const target: IstioVersion = wanted.latest ? { ...wanted, patch: Number.MAX_SAFE_INTEGER } : wanted;
  const sameMinor = concrete.filter(({ version }) => version.major === wanted.major && version.minor === wanted.minor);
  const pool = sameMinor.length > 0 ? sameMinor : concrete;
  const below = pool
    .filter(({ version }) => compare(version, target) <= 0)
    .sort((a, b) => compare(b.version, a.version));
  const above = pool
    .filter(({ version }) => compare(version, target) > 0)
    .sort((a, b) => compare(a.version, b.version));
  const picks = [below[0], above[0]].filter((entry) => entry !== undefined);
  const result: string[] = [];
  for (const { value, version } of picks) {
    result.push(value);
    const alias = `v${version.major}.${version.minor}-latest`;
    if (installable.includes(alias) && !result.includes(alias)) result.push(alias);
  }
  return result;
}
