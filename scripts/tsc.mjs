#!/usr/bin/env node
// Runs the native TypeScript 7 compiler (installed as the `typescript-native` alias, because
// openapi-typescript needs the TypeScript 5 compiler API under the plain `typescript` name).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve("typescript-native/package.json")), "bin", "tsc");
const result = spawnSync(process.execPath, [tsc, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
