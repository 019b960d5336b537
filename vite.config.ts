import react from '@vitejs/plugin-react';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin, Rolldown } from 'vite';
import { defineConfig } from 'vitest/config';
import { monacoLeaveOut } from './scripts/monaco-leave-out.ts';
import { OPEN_LINK_FIRST_SCRIPT } from './src/ui/open-link-first.ts';

const PRERENDER_ENTRY = resolve('.prerender/prerender.js');
/** The lazily loaded modules a share link opening on a step with previews needs at once (see filesForSharedLinks). */
const SHARED_LINK_MODULES = [
  'src/ui/preview/MonacoView.tsx',
  'src/ui/preview/MeshConfigPreview.tsx',
  'src/ui/wizard/core-runtime.ts',
  'src/ui/steps/MeshConfigStep.tsx',
  'src/ui/steps/ServiceEntryStep.tsx',
  'src/ui/steps/TelemetryStep.tsx',
  'src/ui/steps/VerifyStep.tsx',
  // Monaco loads a language's tokenizer only once an editor asks for it: one more round trip after the editor exists.
  'monaco-editor/esm/vs/languages/definitions/yaml/yaml.js',
];

/*
 * The core is pure (lint-enforced: no globals, no I/O), so importing one of its modules does nothing but define
 * exports. Saying so lets the bundler drop what a chunk does not use even when it comes in through the core's
 * entries (src/core/index.ts, src/core/runtime.ts): the merge worker keeps only the merge code, not the schema.
 */
const CORE_HAS_NO_SIDE_EFFECTS = { moduleSideEffects: [{ test: /[\\/]src[\\/]core[\\/]/, sideEffects: false }] };

/**
 * Inlines the app's own stylesheet (a few KB) into index.html, so the prerendered first step paints
 * without waiting for a second request. The CSP allows inline styles ('unsafe-inline' in style-src),
 * never inline scripts.
 */
function inlineAppStyles(): Plugin {
  return {
    name: 'inline-app-styles',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        return (
          html
            .replace(/<link rel="stylesheet"[^>]*href="\.\/(assets\/[^"]+\.css)"[^>]*>/, (tag, file: string) => {
              const asset = bundle[file];
              if (!asset || asset.type !== 'asset') return tag;
              // The disabled link is never fetched; it is there for Vite's loader of lazy chunks, which adds the
              // stylesheets a chunk depends on unless a <link> to them exists. The editor's chunk depends on the entry
              // (Vite's loader lives there), and without it the page got this stylesheet a second time, every rule
              // matched twice in each style recalculation.
              return `<style>${String(asset.source)}</style><link rel="stylesheet" href="./${file}" disabled>`;
            })
            // async: the page's DOMContentLoaded and first paint do not wait for the boot script.
            .replace('<script type="module" crossorigin', '<script type="module" async crossorigin')
        );
      },
    },
  };
}

/**
 * Puts the fragment check (src/ui/open-link-first.ts) first in <head>, inline: it must run before the prerendered
 * step is parsed, and as a file it would cost every visit a request before the first paint. The strict CSP allows
 * it by its hash (scripts/content-security-policy.ts).
 */
function inlineOpenLinkFirst(): Plugin {
  return {
    name: 'inline-open-link-first',
    transformIndexHtml(_html, context) {
      return [
        ...filesForSharedLinks(context.bundle ?? {}).map((file) => ({
          tag: 'meta',
          attrs: { name: 'shared-link-preload', content: `./${file}` },
          injectTo: 'head' as const,
        })),
        { tag: 'script', children: OPEN_LINK_FIRST_SCRIPT, injectTo: 'head' as const },
      ];
    },
  };
}

/**
 * What a share link opening on a step with previews needs besides the boot script: the app, the editor (and its YAML
 * tokenizer), the core's runtime and those steps' views, with their stylesheets. The inline check preloads them
 * (fetch only, nothing runs), so the app finds them in the cache instead of asking for them one after the other.
 * Empty in dev, where there is no bundle.
 */
function filesForSharedLinks(bundle: Record<string, Rolldown.OutputAsset | Rolldown.OutputChunk>): string[] {
  const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const staticGraph = (roots: Rolldown.OutputChunk[]) => {
    const seen = new Set<string>();
    const visit = (chunk: Rolldown.OutputChunk | undefined) => {
      if (!chunk || seen.has(chunk.fileName)) return;
      seen.add(chunk.fileName);
      for (const file of chunk.imports) visit(byFile.get(file));
    };
    roots.forEach(visit);
    return seen;
  };
  const wanted = chunks.filter((chunk) => SHARED_LINK_MODULES.some((module) => chunk.facadeModuleId?.endsWith(module)));
  const entry = staticGraph(chunks.filter((chunk) => chunk.isEntry));
  // The app itself too: the boot script asks for it only once it has run, after the page is parsed and laid out.
  const app = chunks.filter((chunk) => chunk.facadeModuleId?.endsWith('src/ui/main.tsx'));
  // Largest first: the editor's chunk is most of the bytes.
  const files = [...staticGraph([...app, ...wanted])]
    .filter((file) => !entry.has(file))
    .sort((a, b) => (byFile.get(b)?.code.length ?? 0) - (byFile.get(a)?.code.length ?? 0));
  const css = new Set(files.flatMap((file) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])]));
  return [...files, ...css];
}

/** Writes the prerendered first step (built just before by `vite build --ssr`) into index.html. */
function prerenderFirstScreen(): Plugin {
  return {
    name: 'prerender-first-screen',
    apply: 'build',
    async transformIndexHtml(html) {
      if (!existsSync(PRERENDER_ENTRY)) return html;
      const { renderFirstScreen } = (await import(`${pathToFileURL(PRERENDER_ENTRY).href}?t=${Date.now()}`)) as {
        renderFirstScreen: () => string;
      };
      return html.replace(
        '<div id="root"></div>',
        `<div id="root" data-prerendered="true">${renderFirstScreen()}</div>`,
      );
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  // Relative asset paths: the built app runs from any static host and any sub-path.
  base: './',
  plugins: [
    react(),
    monacoLeaveOut(),
    ...(isSsrBuild
      ? []
      : [
          inlineOpenLinkFirst(),
          prerenderFirstScreen(),
          inlineAppStyles(),
          VitePWA({
            // Registered from main.tsx: no inline script, so a strict Content-Security-Policy holds.
            injectRegister: false,
            registerType: 'autoUpdate',
            manifest: false,
            workbox: {
              // Precache the whole build, Monaco and its workers included, for offline use after one visit.
              globPatterns: ['**/*.{html,js,css,svg,ttf,woff,woff2,png}'],
              maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
              cleanupOutdatedCaches: true,
              clientsClaim: true,
              skipWaiting: true,
              navigateFallback: null,
            },
          }),
        ]),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { treeshake: CORE_HAS_NO_SIDE_EFFECTS },
  },
  worker: {
    format: 'es',
    rolldownOptions: { treeshake: CORE_HAS_NO_SIDE_EFFECTS },
  },
  test: {
    // A guard against hangs, not a speed check: property tests run thousands of cases and take several times longer
    // on a busy 2-core machine than on an idle one. Speed is measured by `npm run bench`.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    setupFiles: ['src/test-setup/fast-check-seed.ts'],
    // The core and the CLI run in plain Node; only React hook and component tests (*.test.tsx) get a DOM.
    projects: [
      { extends: true, test: { name: 'node', include: ['src/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'dom', include: ['src/**/*.test.tsx'], environment: 'happy-dom' } },
    ],
  },
}));
