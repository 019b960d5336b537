/** Istio minor versions as the wizard reasons about them: only major.minor changes behaviour. */
export interface IstioVersion {
  major: number;
  minor: number;
  patch?: number;
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]+)?$/;

export function parseIstioVersion(text: string): IstioVersion | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    ...(patch === undefined ? {} : { patch: Number(patch) }),
  };
}

/** True when `version` is at least `major.minor`. */
export function isAtLeast(version: IstioVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export function formatIstioVersion(version: IstioVersion): string {
  return version.patch === undefined
    ? `${version.major}.${version.minor}`
    : `${version.major}.${version.minor}.${version.patch}`;
}

/**
 * Reads the version out of what `istioctl version` prints, e.g.
 * "client version: 1.24.2\ncontrol plane version: 1.23.1\ndata plane version: 1.23.1 (12 proxies)".
 * The control plane decides which mesh-config fields istiod accepts, so it wins over the client;
 * the lowest data-plane version is reported separately because old proxies ignore new fields.
 */
export function readIstioctlVersionOutput(
  output: string,
): { ok: true; controlPlane: string; client?: string; dataPlane?: string } | { ok: false; message: string } {
  const find = (label: RegExp): string | undefined => {
    const match = label.exec(output);
    return match?.[1];
  };
  const version = String.raw`(v?\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?)`;
  const controlPlane = find(new RegExp(String.raw`control plane version:\s*` + version, 'i'));
  const client = find(new RegExp(String.raw`client version:\s*` + version, 'i'));
  // "data plane version: 1.27.3 (40 proxies), 1.26.2 (3 proxies)": every version on those lines.
  const dataPlanes = [...output.matchAll(/data plane version:([^\n]*)/gi)].flatMap((line) =>
    [...(line[1] ?? '').matchAll(new RegExp(version, 'g'))]
      .map((m) => m[1])
      .filter((v): v is string => v !== undefined),
  );
  const dataPlane = dataPlanes
    .map((v) => ({ text: v, parsed: parseIstioVersion(v) }))
    .filter((v) => v.parsed !== undefined)
    .sort((a, b) => compare(a.parsed!, b.parsed!))[0]?.text;
  const single = /^\s*v?(\d+\.\d+(?:\.\d+)?)\s*$/.exec(output)?.[1];
  const chosen = controlPlane ?? single ?? client;
  if (chosen === undefined) {
    return {
      ok: false,
      message:
        'No Istio version found. Paste the whole output of `istioctl version` (it contains "control plane version: 1.x.y").',
    };
  }
  const result: { ok: true; controlPlane: string; client?: string; dataPlane?: string } = {
    ok: true,
    controlPlane: stripV(chosen),
  };
  if (client !== undefined) result.client = stripV(client);
  if (dataPlane !== undefined) result.dataPlane = stripV(dataPlane);
  return result;
}

function stripV(text: string): string {
  return text.replace(/^v/, '').replace(/-.*$/, '');
}

export function compare(a: IstioVersion, b: IstioVersion): number {
  return a.major - b.major || a.minor - b.minor || (a.patch ?? 0) - (b.patch ?? 0);
}
