// @process: build
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/** The window's second chunk (mount.tsx: React and the token list) and the chunks it imports,
 * which the entry loads once it has asked for the first list, are named in the page's head as
 * module preloads: the browser fetches and compiles them while the entry runs, rather than after
 * (docs/architecture.md, "Start-up"). */
function preloadSecondChunk(): Plugin {
  return {
    name: 'synvault-preload-second-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const entry = ctx.chunk;
        if (!entry || !ctx.bundle) return [];
        // The chunk and every chunk it imports statically: all are needed before it runs.
        const files = new Set<string>();
        const add = (file: string) => {
          const chunk = ctx.bundle![file];
          if (files.has(file) || file === entry.fileName || entry.imports.includes(file) || !chunk || chunk.type !== 'chunk') return;
          files.add(file);
          chunk.imports.forEach(add);
        };
        entry.dynamicImports.forEach(add);
        // Their stylesheets too: the dynamic import waits for them, so they are asked for at once.
        const styles = new Set([...files].flatMap((file) => {
          const chunk = ctx.bundle![file];
          return chunk && chunk.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : [];
        }));
        return [
          ...[...styles].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          ...[...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadSecondChunk()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or eval: the production CSP forbids both.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
