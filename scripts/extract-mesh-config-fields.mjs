#!/usr/bin/env node
/*
 * Writes our own fact table of the MeshConfig messages this tool types (src/core/mesh-config-schema.ts), read from
 * istio/api's mesh/v1alpha1/config.proto at every release tag from 1.22.0 on. The proto itself is never copied into
 * this repository (workplace rule: nothing fetched is committed); only field names, JSON names, types and the first
 * and last tag that has each field are written, with the tags and commits they came from.
 *
 *   node scripts/extract-mesh-config-fields.mjs [--repo DIR] [--tags 1.22.0,1.30.3] [--out FILE]
 *
 * --repo  a git checkout of istio/api (default: /work/.mirror/istio+api/repo)
 * --tags  comma-separated tags, oldest first (default: every release tag 1.22.0 … 1.30.x in that checkout)
 * --out   default: src/core/__fixtures__/mesh-config-fields.json
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const PROTO_PATH = 'mesh/v1alpha1/config.proto';

/** The messages the field table types, by their full name inside config.proto. */
const MESSAGES = [
  'MeshConfig',
  'MeshConfig.ExtensionProvider',
  'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider',
  'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler',
  'MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi',
  'MeshConfig.ExtensionProvider.HttpService',
  'MeshConfig.ExtensionProvider.HttpHeader',
  'MeshConfig.ExtensionProvider.ResourceDetectors',
  'MeshConfig.ExtensionProvider.ResourceDetectors.EnvironmentResourceDetector',
  'MeshConfig.ExtensionProvider.ResourceDetectors.DynatraceResourceDetector',
  'MeshConfig.ExtensionProvider.GrpcService',
  'MeshConfig.DefaultProviders',
];
const ENUMS = ['MeshConfig.ExtensionProvider.ServiceAttributeEnrichment'];

const { values: options } = parseArgs({
  options: {
    repo: { type: 'string', default: '/work/.mirror/istio+api/repo' },
    tags: { type: 'string' },
    out: { type: 'string', default: 'src/core/__fixtures__/mesh-config-fields.json' },
  },
});

const git = (...args) => execFileSync('git', ['-C', options.repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

function parseVersion(tag) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  return match ? match.slice(1).map(Number) : undefined;
}

function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function defaultTags() {
  return git('tag', '--list')
    .split('\n')
    .filter((tag) => {
      const version = parseVersion(tag);
      return version && version[0] === 1 && version[1] >= 22 && version[1] <= 30;
    })
    .sort(compareVersions);
}

/** Proto source as tokens: comments dropped, string literals kept whole. */
function tokenize(source) {
  const tokens = [];
  const pattern = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|\d+|[{}[\]()<>=;,]|./g;
  for (const [token] of source.matchAll(pattern)) {
    if (/^\s/.test(token) || token.startsWith('//') || token.startsWith('/*')) continue;
    tokens.push(token);
  }
  return tokens;
}

/**
 * Reads every message and enum in the file into maps keyed by full name (e.g. `MeshConfig.ExtensionProvider`).
 * Fields: { name, jsonName, type, number, oneof? }. Enums: value names in declaration order.
 */
function readProto(source) {
  const tokens = tokenize(source);
  const messages = new Map();
  const enums = new Map();
  let at = 0;
  const next = () => tokens[at++];
  const peek = () => tokens[at];
  const expect = (token) => {
    const got = next();
    if (got !== token) throw new Error(`expected ${token} at token ${at}, got ${got}`);
  };
  const skipStatement = () => {
    let depth = 0;
    for (;;) {
      const token = next();
      if (token === undefined) return;
      if (token === '{') depth++;
      if (token === '}') depth--;
      if ((token === ';' && depth === 0) || (token === '}' && depth === 0)) return;
    }
  };
  const skipOptions = () => {
    // [json_name = "x", deprecated = true]
    let jsonName;
    if (peek() !== '[') return jsonName;
    next();
    while (peek() !== ']') {
      const key = next();
      if (key === 'json_name') {
        expect('=');
        jsonName = JSON.parse(next());
      }
    }
    next();
    return jsonName;
  };
  const readEnum = (fullName) => {
    expect('{');
    const values = [];
    while (peek() !== '}') {
      const token = next();
      if (token === 'option' || token === 'reserved') {
        skipStatement();
        continue;
      }
      expect('=');
      next();
      skipOptions();
      expect(';');
      values.push(token);
    }
    next();
    enums.set(fullName, values);
  };
  const readField = (first, fields, oneof) => {
    let type = first;
    if (first === 'repeated' || first === 'optional') type = `${first} ${next()}`;
    if (first === 'map') {
      const parts = [];
      while (peek() !== '>') parts.push(next());
      next();
      type = `map${parts.join('').replace(',', ', ')}>`;
    }
    const name = next();
    expect('=');
    const number = Number(next());
    const jsonName = skipOptions() ?? jsonNameOf(name);
    expect(';');
    fields.push({ name, jsonName, type, number, ...(oneof ? { oneof } : {}) });
  };
  const readMessage = (fullName) => {
    expect('{');
    const fields = [];
    messages.set(fullName, fields);
    while (peek() !== '}') {
      const token = next();
      if (token === 'message') {
        const name = next();
        readMessage(`${fullName}.${name}`);
      } else if (token === 'enum') {
        readEnum(`${fullName}.${next()}`);
      } else if (token === 'oneof') {
        const oneof = next();
        expect('{');
        while (peek() !== '}') {
          const first = next();
          if (first === 'option') skipStatement();
          else readField(first, fields, oneof);
        }
        next();
      } else if (token === 'option' || token === 'reserved' || token === 'extensions') {
        skipStatement();
      } else if (token === ';') {
        continue;
      } else {
        readField(token, fields);
      }
    }
    next();
  };
  while (at < tokens.length) {
    const token = next();
    if (token === 'message') readMessage(next());
    else if (token === 'enum') readEnum(next());
    else skipStatement();
  }
  return { messages, enums };
}

/** protoc's default JSON name: every `_x` becomes `X` (protobuf ToJsonName). */
function jsonNameOf(name) {
  let result = '';
  let upper = false;
  for (const char of name) {
    if (char === '_') upper = true;
    else {
      result += upper ? char.toUpperCase() : char;
      upper = false;
    }
  }
  return result;
}

const tags = options.tags ? options.tags.split(',') : defaultTags();
if (tags.length === 0) throw new Error(`no tags to read in ${options.repo}`);

const messages = Object.fromEntries(MESSAGES.map((name) => [name, new Map()]));
const enums = Object.fromEntries(ENUMS.map((name) => [name, new Map()]));
const found = new Set();
const commits = {};
for (const tag of tags) {
  commits[tag] = git('rev-parse', `${tag}^{commit}`).trim();
  const proto = readProto(git('show', `${tag}:${PROTO_PATH}`));
  for (const name of MESSAGES) {
    const fields = proto.messages.get(name);
    if (!fields) continue;
    found.add(name);
    for (const field of fields) {
      const seen = messages[name].get(field.name);
      if (seen && seen.jsonName !== field.jsonName) {
        throw new Error(`${name}.${field.name} changed its JSON name at ${tag}; the table needs a rule for that`);
      }
      // A type can be renamed without changing the wire or JSON form (e.g. LabelSelector moved into istio/api in 1.23):
      // keep the newest, and record every earlier spelling with the first tag that used it.
      const history = seen?.history ?? [];
      if (!seen || seen.type !== field.type) history.push({ from: tag, type: field.type });
      messages[name].set(field.name, { ...field, history, firstSeen: seen?.firstSeen ?? tag, lastSeen: tag });
    }
  }
  for (const name of ENUMS) {
    for (const value of proto.enums.get(name) ?? []) {
      const seen = enums[name].get(value);
      enums[name].set(value, { firstSeen: seen?.firstSeen ?? tag, lastSeen: tag });
    }
  }
}

const newest = tags[tags.length - 1];
const table = {
  about:
    'Facts extracted from istio/api mesh/v1alpha1/config.proto by scripts/extract-mesh-config-fields.mjs; ' +
    'regenerate with that script, do not edit by hand. firstSeen/lastSeen are the first and last of the read tags ' +
    'whose config.proto has the field.',
  source: { repository: 'https://github.com/istio/api', path: PROTO_PATH, tags: commits },
  newestTag: newest,
  messages: Object.fromEntries(
    MESSAGES.map((name) => [
      name,
      [...messages[name].values()]
        .sort((a, b) => a.number - b.number)
        .map(({ name: field, jsonName, type, number, oneof, firstSeen, lastSeen, history }) => ({
          name: field,
          jsonName,
          type,
          ...(history.length > 1 ? { typeHistory: history } : {}),
          number,
          ...(oneof ? { oneof } : {}),
          firstSeen,
          ...(lastSeen !== newest ? { lastSeen } : {}),
        })),
    ]),
  ),
  enums: Object.fromEntries(
    ENUMS.map((name) => [
      name,
      [...enums[name].entries()].map(([value, seen]) => ({
        name: value,
        firstSeen: seen.firstSeen,
        ...(seen.lastSeen !== newest ? { lastSeen: seen.lastSeen } : {}),
      })),
    ]),
  ),
};
for (const name of MESSAGES) if (!found.has(name)) throw new Error(`message ${name} not found at any tag`);

writeFileSync(options.out, `${JSON.stringify(table, null, 2)}\n`);
console.log(`wrote ${options.out} from ${tags.length} tags (${tags[0]} … ${newest})`);
