import { monaco } from './monaco';

/**
 * Replaces a model's text by editing only the span that changed (a keystroke's worth), so Monaco re-tokenizes and
 * re-lays out as little as possible. Shared by the previews and the keystroke floor page of `npm run bench`, so the
 * floor does exactly the editor work the wizard does. Returns false when the text was already the same.
 */
export function applyMinimalEdit(model: monaco.editor.ITextModel, value: string): boolean {
  const previous = model.getValue();
  if (previous === value) return false;
  let start = 0;
  while (start < previous.length && start < value.length && previous[start] === value[start]) start++;
  let end = 0;
  while (
    end < previous.length - start &&
    end < value.length - start &&
    previous[previous.length - 1 - end] === value[value.length - 1 - end]
  )
    end++;
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(previous.length - end);
  model.applyEdits([
    {
      range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
      text: value.slice(start, value.length - end),
    },
  ]);
  return true;
}
