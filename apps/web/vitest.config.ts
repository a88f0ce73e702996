import react from "@vitejs/plugin-react";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  // The workspace's packages are read from their sources (the "@buzz/source" export condition), not from a build.
  resolve: { conditions: ["@buzz/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@buzz/source", ...defaultServerConditions] } },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"], setupFiles: ["src/testing/setup.ts"] },
});
