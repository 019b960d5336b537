#!/usr/bin/env node
/*
 * Writes the Telemetry API's fields per Istio version: every field path of the telemetry.istio.io/v1 CRD schema
 * (istio/api kubernetes/customresourcedefinitions.gen.yaml, generated from telemetry/v1alpha1/telemetry.proto; the
 * API server prunes what the installed CRD does not have) and the targetRefs kinds istiod's webhook allows
 * (istio/istio pkg/config/validation/validation.go allowedTargetRefs, resolved through
 * pkg/config/schema/gvk/resources.gen.go), at every stable release tag from 1.22.0 on.
 *
 * Two steps, like scripts/gen-istio-releases.mjs: mirrors → src/core/telemetry-fields.raw.json → (pure renderer
 * scripts/gen-telemetry-fields-render.mjs) → src/core/telemetry-fields.gen.ts. src/core/telemetry-fields.test.ts
 * renders again from the committed raw JSON and fails when the TypeScript differs. Only field names, kinds, tags and
 * commits are written, never upstream text.
 *
 *   node scripts/gen-telemetry-fields.mjs [--api DIR] [--istio DIR] [--render-only]
 *
 * --api    a git directory of istio/api (default: /work/.mirror/istio+api/repo)
 * --istio  a git directory of istio/istio (default: /work/.mirror/istio+istio/repo)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { parseAllDocuments } from 'yaml';
import { renderTelemetryFields } from './gen-telemetry-fields-render.mjs';

const OUT = { raw: 'src/core/telemetry-fields.raw.json', ts: 'src/core/telemetry-fields.gen.ts' };
const CRD_PATH = 'kubernetes/customresourcedefinitions.gen.yaml';
const CRD_NAME = 'telemetries.telemetry.istio.io';
const CRD_VERSION = 'v1';
const VALIDATION_PATH = 'pkg/config/validation/validation.go';
const GVK_PATH = 'pkg/config/schema/gvk/resources.gen.go';
const OLDEST_MINOR = 22;

const { values: options } = parseArgs({
  options: {
    api: { type: 'string', default: '/work/.mirror/istio+api/repo' },
    istio: { type: 'string', default: '/work/.mirror/istio+istio/repo' },
    'render-only': { type: 'boolean', default: false },
  },
});

const git = (dir, ...args) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

function stableTags(dir) {
  return git(dir, 'tag', '--list')
    .split('\n')
    .map((tag) => ({ tag, match: /^(\d+)\.(\d+)\.(\d+)$/.exec(tag) }))
    .filter(({ match }) => match && Number(match[1]) === 1 && Number(match[2]) >= OLDEST_MINOR)
    .map(({ tag, match }) => ({ tag, version: match.slice(1).map(Number) }))
    .sort((a, b) => a.version[0] - b.version[0] || a.version[1] - b.version[1] || a.version[2] - b.version[2])
    .map(({ tag }) => tag);
}

/** Every path in an OpenAPI schema: `a.b` for properties, `a[]` for array items, `a{}` for map values. */
function schemaPaths(schema, prefix, out) {
  if (schema.properties) {
    for (const [name, inner] of Object.entries(schema.properties)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      out.add(path);
      schemaPaths(inner, path, out);
    }
  }
  if (schema.items) schemaPaths(schema.items, `${prefix}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    // Recorded also when the values are plain strings (selector.matchLabels): the reader then knows the keys are the
    // user's, not field names.
    out.add(`${prefix}{}`);
    schemaPaths(schema.additionalProperties, `${prefix}{}`, out);
  }
  return out;
}

function telemetryPaths(tag) {
  const text = git(options.api, 'show', `${tag}:${CRD_PATH}`);
  const crd = parseAllDocuments(text)
    .map((doc) => doc.toJSON())
    .find((doc) => doc?.metadata?.name === CRD_NAME);
  if (!crd) throw new Error(`${tag}: no ${CRD_NAME} in ${CRD_PATH}`);
  const version = crd.spec.versions.find((entry) => entry.name === CRD_VERSION);
  if (!version?.served) throw new Error(`${tag}: ${CRD_NAME} does not serve ${CRD_VERSION}`);
  const spec = version.schema.openAPIV3Schema.properties.spec;
  return schemaPaths(spec, 'spec', new Set(['spec']));
}

function targetRefKinds(tag) {
  const source = git(options.istio, 'show', `${tag}:${VALIDATION_PATH}`);
  const block = /var allowedTargetRefs = \[\]config\.GroupVersionKind\{([^}]*)\}/.exec(source);
  if (!block) throw new Error(`${tag}: allowedTargetRefs not found in ${VALIDATION_PATH}`);
  const names = [...block[1].matchAll(/gvk\.(\w+)/g)].map((match) => match[1]);
  const gvks = git(options.istio, 'show', `${tag}:${GVK_PATH}`);
  return names.map((name) => {
    const found = new RegExp(
      String.raw`^\s*${name}\s*=\s*config\.GroupVersionKind\{Group: "([^"]*)", Version: "[^"]*", Kind: "([^"]*)"\}`,
      'm',
    ).exec(gvks);
    if (!found) throw new Error(`${tag}: gvk.${name} not found in ${GVK_PATH}`);
    return `${found[1]}/${found[2]}`;
  });
}

/** firstSeen/lastSeen per key over the tags (oldest first); refuses a key that disappears and comes back. */
function history(tags, keysAt) {
  const seen = new Map();
  tags.forEach((tag, index) => {
    for (const key of keysAt(tag)) {
      const entry = seen.get(key);
      if (entry && entry.lastIndex !== index - 1) {
        throw new Error(`${key} is missing between ${entry.lastSeen} and ${tag}; the table needs a rule for that`);
      }
      seen.set(key, { firstSeen: entry?.firstSeen ?? tag, lastSeen: tag, lastIndex: index });
    }
  });
  const newest = tags[tags.length - 1];
  return [...seen.entries()]
    .map(([key, { firstSeen, lastSeen }]) => ({ key, firstSeen, ...(lastSeen === newest ? {} : { lastSeen }) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function writeFormatted(path, text) {
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(text, { ...config, filepath: path }));
  console.log(`wrote ${path}`);
}

if (!options['render-only']) {
  const apiTags = stableTags(options.api);
  const istioTags = stableTags(options.istio);
  if (apiTags.length === 0 || istioTags.length === 0) throw new Error('no stable release tags found');
  const commit = (dir, tag) => git(dir, 'rev-parse', `${tag}^{commit}`).trim();
  const raw = {
    about:
      'Raw extract by scripts/gen-telemetry-fields.mjs. fields: every path of the telemetry.istio.io/v1 CRD schema ' +
      '(a.b property, a[] list item, a{} map value) with the first and, when removed, last stable tag whose CRD has ' +
      'it. targetRefKinds: group/kind pairs of allowedTargetRefs in istiod’s validation, likewise.',
    sources: {
      fields: {
        repository: 'https://github.com/istio/api',
        path: CRD_PATH,
        crd: `${CRD_NAME} ${CRD_VERSION}`,
        tags: Object.fromEntries(apiTags.map((tag) => [tag, commit(options.api, tag)])),
      },
      targetRefKinds: {
        repository: 'https://github.com/istio/istio',
        path: VALIDATION_PATH,
        tags: Object.fromEntries(istioTags.map((tag) => [tag, commit(options.istio, tag)])),
      },
    },
    fields: history(apiTags, telemetryPaths).map(({ key, ...rest }) => ({ path: key, ...rest })),
    targetRefKinds: history(istioTags, targetRefKinds).map(({ key, ...rest }) => {
      const [group, kind] = key.split('/');
      return { group, kind, ...rest };
    }),
  };
  await writeFormatted(OUT.raw, JSON.stringify(raw, null, 2));
}
await writeFormatted(OUT.ts, renderTelemetryFields(JSON.parse(readFileSync(OUT.raw, 'utf8'))));
