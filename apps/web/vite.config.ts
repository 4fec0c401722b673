import { defaultClientConditions, defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The page is built into dist/web, which the API serves at `/`. Preact's JSX runtime through
 * esbuild (no plugin needed); the network graph (cytoscape) is imported dynamically, so Rollup
 * puts it in a chunk of its own that loads only when the graph is opened.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // The libraries by name (package.json `imports`), from their TypeScript sources: the `source`
  // condition, so the page needs no tsc build of them first and bundles only what it imports.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Report the real weight; the budget is checked by test/web-page.e2e-spec.ts.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // The dev server may read the libraries' sources beside the page.
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/health': 'http://127.0.0.1:4000' },
  },
});
