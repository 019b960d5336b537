/*
 * Monaco, bundled (never from a CDN) and trimmed to what read-only YAML previews and the diff view need:
 * the editor API, the YAML tokenizer, find and the diff editor. Imported only by the lazily loaded preview chunk.
 * Left out on purpose (measured on the gzip size of this chunk, issue 9 §3): the clipboard contribution (about
 * 30 KB: copy/cut/paste commands, paste-as and drop widgets; read-only previews copy a selection with the browser's
 * own copy, which the editor core handles, and every file has a Copy button) and folding (about 12 KB; the files
 * are short, and the diff already folds unchanged regions).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/codicon/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
