/** The raw extracts scripts/gen-istio-releases.mjs writes, and the pure renderers the tests call. */

export interface RawSource {
  repository: string;
  head: { commit: string; date: string };
}

export interface IstioReleasesRaw {
  about: string;
  source: RawSource;
  tags: { tag: string; commit: string; date: string; dateKind: string; commitDate?: string }[];
}

export interface SailReleasesRaw {
  about: string;
  source: RawSource;
  releases: {
    tag: string;
    commit: string;
    date: string;
    dateKind: string;
    apiVersion: string;
    defaultVersion: string | null;
    accepted: string[];
    eol: string[];
    aliases: Record<string, string>;
    sources: string[];
  }[];
}

export function renderIstioReleases(raw: IstioReleasesRaw): string;
export function renderSailReleases(raw: SailReleasesRaw): string;
