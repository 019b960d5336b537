import { ISTIO_RELEASES, ISTIO_RELEASES_SOURCE, type IstioRelease } from './istio-releases.gen';
import { compare, parseIstioVersion, type IstioVersion } from './istio-version';

export { ISTIO_RELEASES, ISTIO_RELEASES_SOURCE, type IstioRelease };

/*
 * What the wizard knows about Istio's releases, read from the generated table (istio-releases.gen.ts, written by
 * scripts/gen-istio-releases.mjs from istio/istio's tags). The wizard's default is the newest stable release in it;
 * a version the table does not have is still accepted, with a note that says so.
 */

const PRE_RELEASE = /^v?\d+\.\d+\.\d+-([0-9A-Za-z.-]+)$/;

function parsed(release: IstioRelease): IstioVersion {
  return parseIstioVersion(release.version)!;
}

/** The newest release without a pre-release suffix. */
export const NEWEST_STABLE_ISTIO: IstioRelease = ISTIO_RELEASES.filter((release) => !release.preRelease).reduce(
  (newest, release) => (compare(parsed(release), parsed(newest)) > 0 ? release : newest),
);

/** The wizard's default Istio version: the newest stable release it knows. */
export const DEFAULT_ISTIO_VERSION: string = NEWEST_STABLE_ISTIO.version;

/** The oldest Istio the wizard supports. */
export const OLDEST_SUPPORTED_MINOR = 22;

/** What the table says about a version the user gave. `note` is for the user; undefined when nothing needs saying. */
export type IstioVersionStatus =
  | { kind: 'unreadable' }
  /** Older than 1.22: the requirements step refuses it (findings.ts, istio-too-old). */
  | { kind: 'too-old' }
  /** A stable release in the table (1.30.3). */
  | { kind: 'release'; release: IstioRelease; note?: undefined }
  /** Only major.minor (1.30): the newest patch of that minor the table knows. */
  | { kind: 'minor'; newestPatch: IstioRelease; note?: undefined }
  /** An alpha, beta or release candidate (1.31.0-rc.0), known to the table or not. */
  | { kind: 'pre-release'; release?: IstioRelease; note: string }
  /** Newer than anything stable in the table (1.30.9, 1.31, 1.32.0), or a patch the table has not seen. */
  | { kind: 'unknown'; note: string };

function stableReleasesOf(minor: number): IstioRelease[] {
  return ISTIO_RELEASES.filter(
    (release) => !release.preRelease && parsed(release).major === 1 && parsed(release).minor === minor,
  );
}

const KNOWN = `the newest stable release it knows is ${NEWEST_STABLE_ISTIO.version}, from istio/istio tags up to ${ISTIO_RELEASES_SOURCE.lastTag}`;

/** Reads a version the user gave against the release table. */
export function istioVersionStatus(text: string): IstioVersionStatus {
  const trimmed = text.trim();
  const version = parseIstioVersion(trimmed);
  if (!version) return { kind: 'unreadable' };
  if (version.major < 1 || (version.major === 1 && version.minor < OLDEST_SUPPORTED_MINOR)) return { kind: 'too-old' };
  const suffix = PRE_RELEASE.exec(trimmed)?.[1];
  if (suffix !== undefined) {
    const bare = trimmed.replace(/^v/, '');
    const release = ISTIO_RELEASES.find((candidate) => candidate.version === bare);
    const plain = `${version.major}.${version.minor}.${version.patch ?? 0}`;
    const stable = ISTIO_RELEASES.find((candidate) => candidate.version === plain);
    const note =
      `Istio ${bare} is a pre-release (${suffix}). ` +
      (release
        ? `The wizard treats it as ${version.major}.${version.minor}`
        : `The wizard has not seen this pre-release; it treats it as ${version.major}.${version.minor}`) +
      (stable ? `; ${plain} itself was released on ${stable.date}.` : '; use a stable release in production.');
    return release ? { kind: 'pre-release', release, note } : { kind: 'pre-release', note };
  }
  const releases = stableReleasesOf(version.minor);
  if (version.patch === undefined) {
    const newestPatch = releases.at(-1);
    if (newestPatch && version.major === 1) return { kind: 'minor', newestPatch };
  } else {
    const release = releases.find((candidate) => compare(parsed(candidate), version) === 0);
    if (release && version.major === 1) return { kind: 'release', release };
  }
  const shown = trimmed.replace(/^v/, '');
  const newer = compare(version, parsed(NEWEST_STABLE_ISTIO)) > 0;
  const preReleases = ISTIO_RELEASES.filter(
    (release) =>
      release.preRelease && parsed(release).major === version.major && parsed(release).minor === version.minor,
  );
  const tagged = preReleases.length > 0 && releases.length === 0;
  return {
    kind: 'unknown',
    note: newer
      ? `Istio ${shown} is newer than the releases this wizard has seen (${KNOWN}${tagged ? `; of ${version.major}.${version.minor} it has seen only pre-releases, up to ${preReleases.at(-1)!.version}` : ''}). It is accepted; the wizard assumes it keeps what ${NEWEST_STABLE_ISTIO.version} has, so check the release notes of the versions in between for tracing changes.`
      : `Istio ${shown} is not a release the wizard knows (${KNOWN}; the newest ${version.major}.${version.minor} patch it knows is ${releases.at(-1)?.version ?? 'none'}). It is accepted and treated as ${version.major}.${version.minor}.`,
  };
}

/** The sentence to show beside a version the table does not vouch for, or undefined. */
export function istioVersionNote(text: string): string | undefined {
  const status = istioVersionStatus(text);
  return status.kind === 'pre-release' || status.kind === 'unknown' ? status.note : undefined;
}
