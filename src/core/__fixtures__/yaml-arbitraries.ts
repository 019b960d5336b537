import fc from 'fast-check';
import { Document, visit, type visitorFn } from 'yaml';

/*
 * What the merge property tests share: how a user's file is laid out, comments scattered over it, and
 * text that is not YAML at all.
 */

export interface Layout {
  indent: number;
  indentSeq: boolean;
}

/** The indentations and list styles people and tools write. */
export const layout: fc.Arbitrary<Layout> = fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean() });

/** Any text someone may paste: prose, binary noise, JSON. */
export const anyPastedText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);

type Path = Parameters<visitorFn<unknown>>[2];

interface Commenting {
  /** Keys under which no comment goes (what the merge replaces or edits). */
  skip: (path: Path) => boolean;
  /** Which comments the merge must keep (all of them unless said); only those are returned. */
  kept?: (path: Path) => boolean;
}

/**
 * Serialises with a comment before every third key (the seed moves which), never under `skip`; returns the text
 * and the comments the merge must keep.
 */
export function renderWithComments(
  value: unknown,
  options: Layout,
  seed: number,
  { skip, kept = () => true }: Commenting,
): { text: string; comments: string[] } {
  const doc = new Document(value, { version: '1.1' });
  const comments: string[] = [];
  let counter = seed;
  visit(doc, {
    Pair(_, pair, path) {
      if (skip(path) || counter++ % 3 !== 0) return;
      const comment = ` note ${counter}`;
      (pair.key as { commentBefore?: string }).commentBefore = comment;
      if (kept(path)) comments.push(`#${comment}`);
    },
  });
  return { text: doc.toString({ ...options, lineWidth: 0 }), comments };
}
