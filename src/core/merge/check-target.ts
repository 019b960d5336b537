import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { problem, type InputProblem } from '../problems';
import { linePos } from './bounds';
import type { PathKey } from './upsert-list-item';

/*
 * Before editing: the path the merge writes to must hold maps down to a list (or nothing yet). Any
 * other shape would be overwritten and the user's value lost, so it is refused with the key named;
 * layouts the editor cannot follow (merge keys, aliases, both spellings of a key) are refused with
 * the reason and the line instead of a vague "could not merge".
 */
export function checkMergeTarget(
  doc: Document.Parsed,
  text: string,
  path: readonly PathKey[],
  where: string,
): InputProblem | undefined {
  let node: unknown = doc.contents;
  const names: string[] = [];
  for (let depth = 0; depth < path.length; depth++) {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return undefined;
    const at = (target: unknown) => positionOf(text, target);
    if (isAlias(node)) {
      return problem(
        'ALIASED_NODE',
        `${label(names, where)} is an alias (*${node.source}) of another part of the file; adding to it would change that part too. Write it out in full, then merge.`,
        ...at(node),
      );
    }
    if (!isMap(node)) {
      return problem(
        'NOT_A_MAP',
        `${label(names, where)} is not a map of settings, so the provider cannot be added under it. Fix that value, then merge.`,
        ...at(node),
      );
    }
    const spellings = path[depth]!;
    const mergeKey = node.items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.source === '<<');
    if (mergeKey) {
      return problem(
        'MERGE_KEY',
        `${label(names, where)} uses a merge key (<<), so its settings come partly from elsewhere in the file and cannot be edited in place safely. Write the settings out, then merge.`,
        ...at(mergeKey.key),
      );
    }
    const pairs = node.items.filter(
      (pair): pair is Pair => isPair(pair) && isScalar(pair.key) && spellings.includes(String(pair.key.value)),
    );
    if (pairs.length > 1) {
      return problem(
        'BOTH_SPELLINGS',
        `${[...names, spellings.join(' and ')].join('.')} are both set; istiod reads only one spelling, so which list counts is unclear. Keep one of them.`,
        ...at(pairs[1]!.key),
      );
    }
    const pair = pairs[0];
    names.push(pair ? String((pair.key as { value: unknown }).value) : spellings[0]!);
    if (!pair) return undefined;
    const value = pair.value;
    if (depth === path.length - 1) {
      if (value === null || (isScalar(value) && value.value === null)) return undefined;
      if (isAlias(value)) {
        return problem(
          'ALIASED_NODE',
          `${label(names, where)} is an alias (*${value.source}) of a list elsewhere in the file; adding to it would change that list too. Write the list out in full, then merge.`,
          ...at(value),
        );
      }
      if (!isSeq(value)) {
        return problem(
          'NOT_A_LIST',
          `${label(names, where)} must be a list (- name: …), but it is ${isMap(value) ? 'a map' : 'a single value'}. Merging would replace it and lose what it holds: write it as a list, then merge.`,
          ...at(value),
        );
      }
      return undefined;
    }
    node = value;
  }
  return undefined;
}

function label(names: readonly string[], where: string): string {
  const path = names.join('.');
  return path === '' ? `The top level of ${where}` : `${path}${where ? ` (in ${where})` : ''}`;
}

function positionOf(text: string, node: unknown): [number?, number?] {
  const range = (node as Node | null)?.range;
  if (!range) return [];
  const { line, col } = linePos(text, range[0]);
  return [line, col];
}
