import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
import { defineConfig } from 'vite';
import { monacoLeaveOut } from '../../scripts/monaco-leave-out.ts';

// Builds the Monaco-only floor page with the same Monaco setup the wizard bundles.
export default defineConfig({
  root: resolve(here, 'monaco'),
  base: './',
  logLevel: 'warn',
  // The same trimmed Monaco as the app's build (vite.config.ts), so the floor is a fair one.
  plugins: [monacoLeaveOut()],
  build: {
    outDir: resolve(here, '../.floor-dist/monaco'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8192,
    rolldownOptions: { input: [resolve(here, 'monaco/index.html'), resolve(here, 'monaco/keystroke.html')] },
  },
  worker: { format: 'es' },
});
