import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { chunkGraph } from './bundleSize';
import { surveyjsSubset } from './surveyjsSubset';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two separate pages so the resident survey never downloads staff code:
// index.html is the staff/planner/admin single-page app (served by the API as
// SPA fallback), teilnahme.html the resident entry point.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), surveyjsSubset(), chunkGraph(root)],
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    // No inline <script>/<style> may end up in the HTML: the API sends a strict
    // Content-Security-Policy (default-src 'self').
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        teilnahme: fileURLToPath(new URL('./teilnahme.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
