import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API is the gateway of `npm run dev`; the dev server only adds hot reload in front of it.
const api = `http://127.0.0.1:${process.env.BUZZ_PORT || 8787}`;

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: { "/v1": { target: api, ws: true } },
  },
});
