import type { Plugin } from 'vite';

/*
 * Monaco's editor API (monaco-editor/editor) pulls in code that can never run in the wizard's read-only previews
 * and diff view, whatever the user does. Each module below is replaced at build time by a class that throws if it is
 * ever constructed, so a Monaco update that starts to use one fails loudly (and the build fails if an export name
 * changes) instead of misbehaving. Measured on the lazy Monaco chunk (issue 9 §3): 714 → about 680 KB gzip.
 * Both the app (vite.config.ts) and the Monaco floor pages (bench/floor/vite.config.ts) use this, so the benchmark
 * compares like with like.
 */
const LEFT_OUT: Record<string, { exportName: string; why: string }> = {
  // The WebGPU text renderer: view.js creates these only when experimentalGpuAcceleration is 'on'; the wizard never
  // sets it and its default is 'off' (editor/common/config/editorOptions.js). About 75 KB minified.
  'editor/browser/gpu/viewGpuContext.js': { exportName: 'ViewGpuContext', why: 'GPU rendering is off' },
  'editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js': { exportName: 'ViewLinesGpu', why: 'GPU rendering is off' },
  'editor/browser/viewParts/rulersGpu/rulersGpu.js': { exportName: 'RulersGpu', why: 'GPU rendering is off' },
  'editor/browser/viewParts/gpuMark/gpuMark.js': { exportName: 'GpuMarkOverlay', why: 'GPU rendering is off' },
  // Only monaco.editor.createMultiFileDiffEditor builds it; the wizard's diff view is a single-file diff editor.
  // About 40 KB minified.
  'editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js': {
    exportName: 'MultiDiffEditorWidget',
    why: 'the wizard never creates a multi-file diff editor',
  },
  // Tree-sitter tokenization: the standalone editor's library service answers supportsLanguage() with false for
  // every language (editor/standalone/browser/standaloneTreeSitterLibraryService.js), so this backend is never
  // created; YAML is tokenized by Monaco's Monarch grammar. About 30 KB minified.
  'editor/common/model/tokens/treeSitter/treeSitterSyntaxTokenBackend.js': {
    exportName: 'TreeSitterSyntaxTokenBackend',
    why: 'the standalone editor never uses tree-sitter',
  },
};

const MONACO_ROOT = '/node_modules/monaco-editor/esm/vs/';

export function monacoLeaveOut(): Plugin {
  return {
    name: 'monaco-leave-out',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0]!.replace(/\\/g, '/');
      const at = path.lastIndexOf(MONACO_ROOT);
      if (at < 0) return undefined;
      const leftOut = LEFT_OUT[path.slice(at + MONACO_ROOT.length)];
      if (!leftOut) return undefined;
      const message = `${leftOut.exportName} is left out of this build (scripts/monaco-leave-out.ts: ${leftOut.why})`;
      return `export class ${leftOut.exportName} {\n  constructor() {\n    throw new Error(${JSON.stringify(message)});\n  }\n}\n`;
    },
  };
}
