// Builds the Node entry points (the `fota` CLI, web mode, benchmarks) into out/node/*.mjs.
// Dependencies stay external: they come from node_modules (or the app's asar when packaged).
import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const entries: Record<string, string> = {
  fota: 'main/cli/index.ts',
  web: 'main/web/serve.ts',
  'bench-import': 'test/bench/import.bench.ts',
  'bench-send': 'test/bench/send.bench.ts',
  'bench-renderer': 'test/bench/renderer.bench.ts',
  'bench-team': 'test/bench/team.bench.ts',
};
const input = Object.fromEntries(
  Object.entries(entries)
    .filter(([, file]) => existsSync(resolve(root, file)))
    .map(([name, file]) => [name, resolve(root, file)]),
);
const external = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || (!id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'));

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(root, 'out/node'),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input,
      external,
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
