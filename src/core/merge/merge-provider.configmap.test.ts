import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig, type MergeSuccess } from './merge-provider';

/*
 * The istio ConfigMap holds the mesh config as text in data.mesh. The merge edits that text as it would a bare mesh
 * config and puts it back at the block's own indentation, under a plain `|` header in place; other headers and
 * quoted strings are re-rendered as a `|` block, and said so. Everything outside data.mesh stays as it was.
 */

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n';
const AFTER = "  meshNetworks: 'networks: {}'\n";
const NOTE =
  'Your layout could not be edited in place, so spacing in the merged file was normalised; keys, order and comments are kept.';

function merged(input: string): MergeSuccess {
  const result = mergeIntoExistingMeshConfig(input, operatorSaas());
  if (!result.ok) throw new Error(`${result.problem.code}: ${result.problem.message}`);
  return result;
}

/** What merging the mesh text alone gives, each line indented by `pad` (blank lines stay empty). */
const meshMerged = (mesh: string, pad: string) =>
  merged(mesh)
    .merged.split('\n')
    .map((line) => (line === '' ? '' : pad + line))
    .join('\n');

const meshOf = (text: string): unknown => parse(parse(text).data.mesh, { version: '1.1' });

describe('merging into a ConfigMap’s data.mesh', () => {
  it('edits in place under a plain `|` header, whatever its chomping, spacing or comment, at the block’s indentation', () => {
    for (const header of ['|', '|-', '|+', '| # the mesh', '|-   ', '|\t']) {
      for (const pad of ['    ', '        ']) {
        const input = `${HEAD}  mesh: ${header}\n${pad}trustDomain: x\n${AFTER}`;
        const result = merged(input);
        expect(result.merged, JSON.stringify({ header, pad })).toBe(
          `${HEAD}  mesh: ${header}\n${meshMerged('trustDomain: x\n', pad)}${AFTER}`,
        );
        expect(result.normalized).toBe(false);
        expect(result.notes).toEqual([]);
      }
    }
  });

  it('keeps blank lines inside the block empty, with no spaces added, a first one too', () => {
    const mesh = '\ntrustDomain: x\n\nrootNamespace: istio-system\n';
    const input = `${HEAD}  mesh: |\n${'\n    trustDomain: x\n\n    rootNamespace: istio-system\n'}${AFTER}`;
    const result = merged(input);
    expect(result.merged).toBe(`${HEAD}  mesh: |\n${meshMerged(mesh, '    ')}${AFTER}`);
    expect(result.merged).toContain('    trustDomain: x\n\n    rootNamespace');
    expect(result.merged).not.toMatch(/ \n/);
    expect(result.normalized).toBe(false);
  });

  it('keeps a comment after the block where it was, outside data.mesh', () => {
    const input = `${HEAD}  mesh: |\n    trustDomain: x\n  # the networks\n${AFTER}`;
    const result = merged(input);
    expect(result.merged).toBe(`${HEAD}  mesh: |\n${meshMerged('trustDomain: x\n', '    ')}  # the networks\n${AFTER}`);
  });

  it('keeps the blank lines a `|+` block ends with, before the next key', () => {
    const input = `${HEAD}  mesh: |+\n    trustDomain: x\n\n${AFTER}`;
    const result = merged(input);
    expect(result.merged).toBe(`${HEAD}  mesh: |+\n${meshMerged('trustDomain: x\n', '    ')}\n${AFTER}`);
    expect(result.normalized).toBe(false);
  });

  it('ends the block’s last line at the end of a file without a final newline', () => {
    for (const header of ['|', '|-']) {
      const result = merged(`${HEAD}  mesh: ${header}\n    trustDomain: x`);
      expect(result.merged).toBe(`${HEAD}  mesh: ${header}\n${meshMerged('trustDomain: x\n', '    ')}`);
      expect(result.normalized).toBe(false);
    }
  });

  it('re-renders a folded or quoted data.mesh as a `|` block, keeps long lines whole, and says so', () => {
    const long = `  meshNetworks: '${'n'.repeat(100)} y'\n`;
    for (const value of ['>\n    trustDomain: x', '"trustDomain: x"', "'trustDomain: x'"]) {
      const result = merged(`${HEAD}  mesh: ${value}\n${long}`);
      expect(result.merged, value).toBe(`${HEAD}  mesh: |\n${meshMerged('trustDomain: x\n', '    ')}${long}`);
      expect(result.normalized).toBe(true);
      expect(result.notes).toEqual([NOTE]);
    }
  });

  it('re-renders a block with an indentation indicator (`|2`), and says so', () => {
    const result = merged(`${HEAD}  mesh: |2\n      trustDomain: x\n${AFTER}`);
    expect(result.normalized).toBe(true);
    expect(result.notes).toEqual([NOTE]);
    expect(meshOf(result.merged)).toEqual({
      trustDomain: 'x',
      extensionProviders: [buildExtensionProvider(operatorSaas())],
    });
    expect(result.merged.endsWith(AFTER)).toBe(true);
  });

  it('fills an empty `|` block at four spaces', () => {
    const result = merged(`${HEAD}  mesh: |\n${AFTER}`);
    expect(result.merged).toBe(
      `${HEAD}  mesh: |\n${meshMerged('trustDomain: x\n', '    ').replace('    trustDomain: x\n', '')}${AFTER}`,
    );
    expect(meshOf(result.merged)).toEqual({ extensionProviders: [buildExtensionProvider(operatorSaas())] });
  });
});
