import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The source-client tests run real HTTP servers and real backoff waits; the fan-SDK tests use a real in-process
    // WebSocket server (src/testing/fake-server.ts). The React browser tests pick jsdom per file.
    testTimeout: 20_000,
  },
});
