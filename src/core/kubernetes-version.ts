/*
 * The cluster's Kubernetes version, as the user gives it: `1.33`, `v1.33.2`, `v1.33.2-gke.1000`, or the
 * `Server Version: v1.33.2` line of a pasted `kubectl version`. Only major and minor matter here (native
 * sidecars, see native-sidecars.ts).
 */

export interface KubernetesVersion {
  major: number;
  minor: number;
}

const VERSION = /^v?(\d{1,3})\.(\d{1,3})(?:\.\d{1,4})?(?:[-+][0-9A-Za-z.-]{0,64})?$/;
const SERVER_LINE = /Server Version:\s*(v?\d{1,3}\.\d{1,3}(?:\.\d{1,4})?(?:[-+][0-9A-Za-z.-]{0,64})?)/;

/** Undefined for '' and for anything that does not read as a Kubernetes version. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 4096) return undefined;
  const server = SERVER_LINE.exec(trimmed);
  const match = VERSION.exec(server ? server[1]! : trimmed);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** `1.33` for the version in a pasted text, or the text itself when it does not parse. */
export function normalizeKubernetesVersion(text: string): string {
  const version = parseKubernetesVersion(text);
  return version ? `${version.major}.${version.minor}` : text.trim();
}

export function kubernetesAtLeast(version: KubernetesVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}
