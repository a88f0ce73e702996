import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defaultServerConditions, defineConfig } from "vite";

// The API is the gateway of `npm run dev`; the dev server only adds hot reload in front of it.
const api = `http://127.0.0.1:${process.env.BUZZ_PORT || 8787}`;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [react()],
  // The workspace's packages are read from their sources (the "@buzz/source" export condition), not from a build.
  resolve: { conditions: ["@buzz/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@buzz/source", ...defaultServerConditions] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        main: here("index.html"),
        // A small fan page built on @buzz/client-sdk: the SDK's browser tests drive it.
        demo: here("sdk-demo/index.html"),
        // A service worker only controls pages at or below its own path, so it is emitted at the root.
        sw: here("src/sw/index.ts"),
      },
      output: { entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js") },
      // @buzz/schema's modules only define schemas and constants, but its one entry point re-exports the zod ones:
      // declared free of side effects, the dashboard keeps STAGES & co. and drops zod (~30 KB gzip).
      treeshake: { moduleSideEffects: (id) => !/[\\/]packages[\\/]schema[\\/]/.test(id) },
    },
  },
  server: {
    proxy: { "/v1": { target: api, ws: true } },
  },
});
