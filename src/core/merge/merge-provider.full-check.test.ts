import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { operatorSaas } from '../__fixtures__/models';
import { buildExtensionProvider } from '../generate/mesh-config';
import { mergeIntoExistingMeshConfig } from './merge-provider';
import type * as Upsert from './upsert-list-item';

/*
 * Which check the merge's safety net uses: a mesh config of ordinary size is re-read in full and compared, so a
 * slip anywhere in the file is seen; only inputs beyond 256 KiB get the cheaper check around the single edit.
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

const HELM =
  'meshConfig:\n  accessLogFile: /dev/stdout\n  extensionProviders:\n  - name: zipkin\n    zipkin: {service: z, port: 9411}\n';
/** A slip away from the edit that keeps every position: only a full re-read sees it. */
const sameLength: Corruption = (text, inPlace) => (inPlace ? text.replace('/dev/stdout', '/dev/stdxxx') : text);

describe('the safety net on a mesh config of ordinary size', () => {
  it('re-reads the whole file: a same-length slip away from the edit is seen, and the Document API’s result used', () => {
    editor.corrupt = sameLength;
    try {
      const result = mergeIntoExistingMeshConfig(HELM, operatorSaas());
      if (!result.ok) throw new Error(result.problem.message);
      const merged = parse(result.merged, { version: '1.1' });
      expect(merged.meshConfig.accessLogFile).toBe('/dev/stdout');
      expect(result.merged).not.toContain('stdxxx');
      expect(merged.meshConfig.extensionProviders).toEqual([
        { name: 'zipkin', zipkin: { service: 'z', port: 9411 } },
        buildExtensionProvider(operatorSaas()),
      ]);
      expect(result.normalized).toBe(true);
    } finally {
      editor.corrupt = undefined;
    }
  });

  it('refuses when every attempt has such a slip', () => {
    editor.corrupt = (text) => text.replace('/dev/stdout', '/dev/stdxxx');
    try {
      expect(mergeIntoExistingMeshConfig(HELM, operatorSaas())).toMatchObject({
        ok: false,
        problem: { code: 'MERGE_UNSAFE' },
      });
    } finally {
      editor.corrupt = undefined;
    }
  });
});
