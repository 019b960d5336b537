/*
 * Monaco, bundled (never from a CDN) and trimmed to what read-only YAML previews and the diff view need:
 * the editor API, the YAML tokenizer, find, folding, clipboard and the diff editor. Imported only by the
 * lazily loaded preview chunk.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/codicon/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };
