import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas, standalone } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig } from './merge-provider';
import type * as Upsert from './upsert-list-item';

/*
 * The merge re-reads every result and compares it with what it must be: the user's config plus our provider (and
 * istiod's token variable). These tests make the text editor beneath it go wrong on purpose, the way a bug in it
 * would, and check that a wrong file never comes out: the merge falls back to the yaml Document API, or refuses.
 */

type Corruption = (text: string, inPlace: boolean) => string;
const editor = vi.hoisted(() => ({ corrupt: undefined as Corruption | undefined }));

vi.mock('./upsert-list-item', async (importOriginal) => {
  const actual = await importOriginal<typeof Upsert>();
  return {
    ...actual,
    upsertListItem: (...args: Parameters<typeof actual.upsertListItem>) => {
      const result = actual.upsertListItem(...args);
      const inPlace = args[4]?.inPlace ?? true;
      return editor.corrupt ? { ...result, text: editor.corrupt(result.text, inPlace) } : result;
    },
  };
});

const withEditor = <T>(corrupt: Corruption | undefined, run: () => T): T => {
  editor.corrupt = corrupt;
  try {
    return run();
  } finally {
    editor.corrupt = undefined;
  }
};

const HELM =
  'meshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n  - name: zipkin\n    zipkin: {service: z, port: 9411}\n';
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\ndata:\n  mesh: |\n    accessLogFile: /dev/stdout\n    extensionProviders:\n    - name: zipkin\n      zipkin: {service: z, port: 9411}\n';
/** Changes what the user wrote elsewhere in the file: the kind of slip the check exists for. */
const dropAccessLog: Corruption = (text) => text.replace('/dev/stdout', '/dev/null');

describe('the merge’s safety net', () => {
  it('an in-place edit that changes anything else is thrown away for the Document API’s result, which is said', () => {
    const result = withEditor(
      (text, inPlace) => (inPlace ? dropAccessLog(text, inPlace) : text),
      () => mergeIntoExistingMeshConfig(HELM, operatorSaas()),
    );
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.normalized).toBe(true);
    expect(result.notes.join(' ')).toMatch(/could not be edited in place/);
    const merged = parse(result.merged, { version: '1.1' });
    expect(merged.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(merged.meshConfig.extensionProviders).toEqual([
      { name: 'zipkin', zipkin: { service: 'z', port: 9411 } },
      buildExtensionProvider(operatorSaas()),
    ]);
  });

  it('when no way of editing gives the right file, it refuses with MERGE_UNSAFE and never returns a wrong file', () => {
    for (const [name, input] of [
      ['Helm values', HELM],
      ['ConfigMap', CONFIGMAP],
    ]) {
      const result = withEditor(dropAccessLog, () => mergeIntoExistingMeshConfig(input!, operatorSaas()));
      expect(result, name).toMatchObject({ ok: false, problem: { code: 'MERGE_UNSAFE' } });
      expect(!result.ok && result.problem.message, name).toMatch(/could not be merged safely/);
    }
  });

  it('checks the provider itself too: a provider written with a wrong value is refused', () => {
    const wrongPort: Corruption = (text) => text.replace('port: 4318', 'port: 4317');
    const result = withEditor(wrongPort, () => mergeIntoExistingMeshConfig(HELM, operatorSaas()));
    expect(result).toMatchObject({ ok: false, problem: { code: 'MERGE_UNSAFE' } });
  });

  it('checks istiod’s token variable too: a wrong Secret name is refused', () => {
    const m = standalone('saas', { token: { storage: 'istiod-env' } });
    const clean = mergeIntoExistingMeshConfig(HELM, m);
    expect(clean.ok && clean.merged).toContain('dynatrace-otel-token');
    const wrongSecret: Corruption = (text) => text.replace('name: dynatrace-otel-token', 'name: other-secret');
    const result = withEditor(wrongSecret, () => mergeIntoExistingMeshConfig(HELM, m));
    expect(result).toMatchObject({ ok: false, problem: { code: 'MERGE_UNSAFE' } });
  });

  it('a text that no longer parses is refused, not returned', () => {
    const result = withEditor(
      (text) => `${text}  broken: [\n`,
      () => mergeIntoExistingMeshConfig(HELM, operatorSaas()),
    );
    expect(result).toMatchObject({ ok: false, problem: { code: 'MERGE_UNSAFE' } });
  });

  it('with a correct editor, the first (in-place) result is kept: no fallback, no note', () => {
    const result = mergeIntoExistingMeshConfig(HELM, operatorSaas());
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.normalized).toBe(false);
    expect(result.notes).toEqual([]);
    expect(result.merged.startsWith(HELM)).toBe(true);
  });
});

/*
 * Which check the safety net uses: a mesh config of ordinary size is re-read in full and compared, so a slip anywhere
 * in the file is seen; only inputs beyond 256 KiB get the cheaper check around the single edit.
 */
describe('the safety net on a mesh config of ordinary size', () => {
  /** A slip away from the edit that keeps every position: only a full re-read sees it. */
  const sameLength: Corruption = (text, inPlace) => (inPlace ? text.replace('/dev/stdout', '/dev/stdxxx') : text);

  it('re-reads the whole file: a same-length slip away from the edit is seen, and the Document API’s result used', () => {
    const result = withEditor(sameLength, () => mergeIntoExistingMeshConfig(HELM, operatorSaas()));
    if (!result.ok) throw new Error(result.problem.message);
    const merged = parse(result.merged, { version: '1.1' });
    expect(merged.meshConfig.accessLogFile).toBe('/dev/stdout');
    expect(result.merged).not.toContain('stdxxx');
    expect(merged.meshConfig.extensionProviders).toEqual([
      { name: 'zipkin', zipkin: { service: 'z', port: 9411 } },
      buildExtensionProvider(operatorSaas()),
    ]);
    expect(result.normalized).toBe(true);
  });

  it('refuses when every attempt has such a slip', () => {
    const corrupt: Corruption = (text) => text.replace('/dev/stdout', '/dev/stdxxx');
    expect(withEditor(corrupt, () => mergeIntoExistingMeshConfig(HELM, operatorSaas()))).toMatchObject({
      ok: false,
      problem: { code: 'MERGE_UNSAFE' },
    });
  });
});
