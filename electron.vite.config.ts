import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// RESETLINE_OUT_DIR (default out/) lets parallel work build without clobbering one another's files;
// the e2e fixture reads the same variable.
const outDir = process.env.RESETLINE_OUT_DIR ?? resolve(__dirname, 'out');

// Main gets two entries: the Electron app and the browser host (same core, loopback HTTP transport).
// The preload is bundled into one CommonJS file with its dependencies so the sandbox can load it.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(outDir, 'main'),
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/app/index.ts'),
          'browser-host': resolve(__dirname, 'src/main/browser-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(outDir, 'preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(outDir, 'renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
