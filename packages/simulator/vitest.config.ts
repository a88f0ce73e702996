import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The workspace's packages are read from their sources (the "@buzz/source" export condition), not from a build.
  resolve: { conditions: ["@buzz/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@buzz/source", ...defaultServerConditions] } },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
