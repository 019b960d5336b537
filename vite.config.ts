import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset paths: the built app runs from any static host and any sub-path.
  base: './',
  plugins: [
    react(),
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
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  worker: {
    format: 'es',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
