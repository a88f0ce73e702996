#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so the package needs no build step. The workspace's packages are
// read from their sources too (bin/workspace-sources.mjs), so @buzz/client-sdk need not be built either.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

register("./workspace-sources.mjs", import.meta.url);
registerTsx();
await import("../src/cli.ts");
