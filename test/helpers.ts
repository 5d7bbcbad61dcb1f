import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { type ClientModel, nameModel } from "../src/emit/ts/names.js";
import type { ApiModel, Status } from "../src/ir/types.js";
import { convertDocument } from "../src/parse/index.js";
import { Resolver } from "../src/parse/resolver.js";

/** Converts an inline spec object into the IR (no disk access). */
export function irOf(spec: object, file = "/virtual/spec.json"): ApiModel {
  return convertDocument(Resolver.fromValue(file, JSON.stringify(spec), spec));
}

/** Converts an inline spec object into the IR named for the TypeScript client (no disk access). */
export function modelOf(spec: object, file = "/virtual/spec.json"): ClientModel {
  return nameModel(irOf(spec, file)).model;
}

/** A minimal OpenAPI 3.0 document around some schemas and paths. */
export function spec3(parts: { schemas?: object; paths?: object; version?: string; extra?: object }): object {
  return {
    openapi: parts.version ?? "3.0.3",
    info: { title: "Test", version: "1.0.0" },
    paths: parts.paths ?? {},
    components: { schemas: parts.schemas ?? {} },
    ...parts.extra,
  };
}

/** Writes files into a fresh temporary folder; returns it and a cleanup function. */
export async function tempFiles(
  files: Record<string, string | object>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "codegen-test-"));
  for (const [name, content] of Object.entries(files)) {
    const text =
      typeof content === "string" ? content : name.endsWith(".json") ? JSON.stringify(content) : stringify(content);
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A status as the spec spells it (`200`, `2XX`, `default`), for comparing in tables. */
export function statusKey(status: Status): string {
  if (status.kind === "code") return String(status.code);
  return status.kind === "range" ? `${status.class}XX` : "default";
}
