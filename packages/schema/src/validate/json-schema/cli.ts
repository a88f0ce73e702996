// Writes the contract's JSON Schemas to packages/schema/json-schema/ (or the folder given).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { contractJsonSchemas } from "../json-schema.js";

const out = resolve(process.argv[2] ?? new URL("../../../json-schema", import.meta.url).pathname);
mkdirSync(out, { recursive: true });
for (const [name, schema] of Object.entries(contractJsonSchemas())) {
  writeFileSync(join(out, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(join(out, name));
}
