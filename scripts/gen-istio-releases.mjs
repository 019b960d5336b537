#!/usr/bin/env node
/*
 * Writes the release tables of the wizard: every Istio release from 1.22 on (istio/istio tags) and every Sail operator
 * release with the Istio versions its `Istio` resource accepts (istio-ecosystem/sail-operator, at each tag:
 * chart/crds/sailoperator.io_istios.yaml spec.version enum, cross-checked with the kubebuilder Enum marker in
 * api/<v1|v1alpha1>/istio_types.go, and the `eol: true` entries and `-latest` aliases of versions.yaml).
 *
 * Two steps, so CI (which has no mirrors) can check the second one:
 *   1. read the mirrors into small raw JSON files (src/core/istio-releases.raw.json, src/core/sail-releases.raw.json);
 *   2. render the TypeScript tables from those files with the pure function in scripts/gen-istio-releases-render.mjs
 *      (src/core/istio-releases.gen.ts, src/core/sail-releases.gen.ts). src/core/istio-releases.test.ts renders again
 *      from the committed raw files and fails when the committed TypeScript differs.
 * Nothing of the upstream files is copied: only tag names, dates, commits and the version names Sail accepts.
 *
 *   node scripts/gen-istio-releases.mjs [--istio DIR] [--sail DIR] [--render-only]
 *
 * --istio        a git directory of istio/istio (default: /work/.mirror/istio+istio/repo)
 * --sail         a git directory of istio-ecosystem/sail-operator (default: /work/.mirror/istio-ecosystem+sail-operator/repo)
 * --render-only  skip step 1: render the TypeScript from the committed raw JSON
 *
 * Re-run it when Istio or Sail tags a release (fetch the mirrors again first), then review the diff and run
 * `npx vitest run src/core/istio-releases.test.ts src/core/sail-releases.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { renderIstioReleases, renderSailReleases } from './gen-istio-releases-render.mjs';

const OUT = {
  istioRaw: 'src/core/istio-releases.raw.json',
  sailRaw: 'src/core/sail-releases.raw.json',
  istioTs: 'src/core/istio-releases.gen.ts',
  sailTs: 'src/core/sail-releases.gen.ts',
};
/** The oldest Istio minor the wizard supports. */
const OLDEST_MINOR = 22;
const CRD_PATH = 'chart/crds/sailoperator.io_istios.yaml';

const { values: options } = parseArgs({
  options: {
    istio: { type: 'string', default: '/work/.mirror/istio+istio/repo' },
    sail: { type: 'string', default: '/work/.mirror/istio-ecosystem+sail-operator/repo' },
    'render-only': { type: 'boolean', default: false },
  },
});

const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const exists = (dir, ref, path) => {
  try {
    execFileSync('git', ['-C', dir, 'cat-file', '-e', `${ref}:${path}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/** Tags with their commit and date: the tagger's date for annotated tags, else the commit's; as a UTC day. */
function readTags(dir) {
  const lines = git(
    dir,
    'for-each-ref',
    '--format=%(refname:short)\t%(objecttype)\t%(*objectname)\t%(objectname)\t%(taggerdate:iso-strict)\t%(committerdate:iso-strict)\t%(*committerdate:iso-strict)',
    'refs/tags',
  )
    .trim()
    .split('\n');
  return lines.map((line) => {
    const [tag, type, peeled, object, taggerDate, committerDate, peeledDate] = line.split('\t');
    const annotated = type === 'tag';
    const when = annotated ? taggerDate : committerDate;
    return {
      tag,
      commit: annotated ? peeled : object,
      date: new Date(when).toISOString().slice(0, 10),
      dateKind: annotated ? 'tag' : 'commit',
      ...(annotated && peeledDate !== '' ? { commitDate: new Date(peeledDate).toISOString().slice(0, 10) } : {}),
    };
  });
}

function head(dir) {
  const [commit, date] = git(dir, 'log', '-1', '--format=%H\t%cs', 'HEAD').trim().split('\t');
  return { commit, date };
}

function compareSemver(a, b) {
  const x = SEMVER.exec(a);
  const y = SEMVER.exec(b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return d;
  }
  if (x[4] === undefined || y[4] === undefined) return (x[4] === undefined ? 1 : 0) - (y[4] === undefined ? 1 : 0);
  return x[4].localeCompare(y[4], 'en', { numeric: true });
}

function readIstio(dir) {
  const tags = readTags(dir)
    .filter(({ tag }) => {
      const match = SEMVER.exec(tag);
      // istio/istio spells its release tags without a leading v.
      return match && !tag.startsWith('v') && Number(match[1]) === 1 && Number(match[2]) >= OLDEST_MINOR;
    })
    .sort((a, b) => compareSemver(a.tag, b.tag));
  if (tags.length === 0) throw new Error(`no Istio release tags 1.${OLDEST_MINOR}+ in ${dir}`);
  return {
    about:
      'Raw extract of istio/istio release tags by scripts/gen-istio-releases.mjs. date: the annotated tag’s date ' +
      '(UTC day), which is when the release was tagged; commitDate: the tagged commit’s date.',
    source: { repository: 'https://github.com/istio/istio', head: head(dir) },
    tags,
  };
}

/** Reads `// +kubebuilder:validation:Enum=a;b;c` of the Version field in istio_types.go. */
function enumMarker(source) {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const marker = /\+kubebuilder:validation:Enum=(.*)$/.exec(lines[i]);
    if (!marker) continue;
    // The marker stands in the comment block above its field.
    for (let j = i + 1; j < lines.length && j < i + 20; j++) {
      if (/^\s*\/\//.test(lines[j])) continue;
      if (/^\s*Version\s+string\b/.test(lines[j])) return marker[1].trim().split(';');
      break;
    }
  }
  return undefined;
}

function readSail(dir) {
  const tags = readTags(dir)
    .filter(({ tag }) => SEMVER.test(tag))
    .sort((a, b) => compareSemver(a.tag, b.tag));
  const releases = tags.map(({ tag, commit, date, dateKind }) => {
    const crd = parse(git(dir, 'show', `${commit}:${CRD_PATH}`));
    const served = crd.spec.versions.filter((version) => version.served);
    const storage = served.find((version) => version.storage) ?? served[0];
    const versionField = storage.schema.openAPIV3Schema.properties.spec.properties.version;
    const accepted = versionField.enum;
    if (!Array.isArray(accepted) || accepted.length === 0)
      throw new Error(`${tag}: no spec.version enum in ${CRD_PATH}`);
    const typesPath = `api/${storage.name}/istio_types.go`;
    const marker = enumMarker(git(dir, 'show', `${commit}:${typesPath}`));
    if (JSON.stringify(marker) !== JSON.stringify(accepted)) {
      throw new Error(`${tag}: the CRD enum and the Enum marker in ${typesPath} differ`);
    }
    const versionsPath = exists(dir, commit, 'pkg/istioversion/versions.yaml')
      ? 'pkg/istioversion/versions.yaml'
      : 'versions.yaml';
    const listed = parse(git(dir, 'show', `${commit}:${versionsPath}`)).versions ?? [];
    const eol = listed.filter((entry) => entry.eol === true).map((entry) => entry.name);
    const aliases = Object.fromEntries(
      listed.filter((entry) => typeof entry.ref === 'string').map((entry) => [entry.name, entry.ref]),
    );
    for (const name of eol) {
      if (!accepted.includes(name)) throw new Error(`${tag}: EOL version ${name} is not in the CRD enum`);
    }
    return {
      tag,
      commit,
      date,
      dateKind,
      apiVersion: `${crd.spec.group}/${storage.name}`,
      defaultVersion: versionField.default ?? null,
      accepted,
      eol,
      aliases,
      sources: [CRD_PATH, typesPath, versionsPath],
    };
  });
  return {
    about:
      'Raw extract of istio-ecosystem/sail-operator tags by scripts/gen-istio-releases.mjs. accepted: the Istio ' +
      'resource’s spec.version enum (the CRD; the same list as the Enum marker in istio_types.go); eol: the entries ' +
      'versions.yaml marks `eol: true` (valid input, refused at reconcile: "is end-of-life and cannot be installed", ' +
      'pkg/istioversion/version.go); aliases: `-latest` names and the version they resolve to. date: the tagged ' +
      'commit’s date (Sail tags are lightweight).',
    source: { repository: 'https://github.com/istio-ecosystem/sail-operator', head: head(dir) },
    releases,
  };
}

async function writeFormatted(path, text) {
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...config, filepath: path }));
  console.log(`wrote ${path}`);
}

if (!options['render-only']) {
  await writeFormatted(OUT.istioRaw, JSON.stringify(readIstio(options.istio), null, 2));
  await writeFormatted(OUT.sailRaw, JSON.stringify(readSail(options.sail), null, 2));
}
const istioRaw = JSON.parse(readFileSync(OUT.istioRaw, 'utf8'));
const sailRaw = JSON.parse(readFileSync(OUT.sailRaw, 'utf8'));
await writeFormatted(OUT.istioTs, renderIstioReleases(istioRaw));
await writeFormatted(OUT.sailTs, renderSailReleases(sailRaw));
