/**
 * The package as a user gets it: `npm pack`, installed into a fresh project outside the repository
 * (test/packaging/consumer.ts: offline, from the npm cache), then used the ways the README's
 * "Use it in your project" section shows: `npx codegen` with a config file, `codegen --check`, and
 * the library API from JavaScript and TypeScript. Also: the runtime dependencies are exactly what
 * the built code imports, so the install stays lean (no dev tools, under 30 MiB).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importedPackages, installConsumer, manifest, pack, type Ran, ROOT, run } from "./consumer.js";

const pkg = manifest();

/** A small spec of the test's own: one schema, one operation. */
const spec = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1" },
  servers: [{ url: "https://pets.example/v1" }],
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        tags: ["pets"],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
        },
      },
    },
  },
  components: { schemas: { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } },
};

/**
 * Time limit of a test that starts several npm/npx/node processes: each npx start alone can take
 * seconds on a busy 2-core machine. A limit, not a measurement.
 */
const SLOW = 240_000;

/** The install budget (issue 9: the smallest install of all the tools compared, under 30 MB). */
const BUDGET_MIB = 30;

/** Every file under `dir` (relative paths, `/`-separated). */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** The total size of the files under `dir`. */
function bytesUnder(dir: string): number {
  return filesUnder(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
}

/** The command and its output, for failure messages. */
function shown(result: Ran): string {
  return `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}

describe(`the packed package (${pkg.name}) in a fresh project`, () => {
  let temp = "";
  let app = "";
  let packed: { tarball: string; files: string[] } = { tarball: "", files: [] };
  let install: Ran = { code: -1, stdout: "", stderr: "" };
  let installed = "";

  beforeAll(async () => {
    temp = await mkdtemp(join(tmpdir(), "codegen-pack-"));
    app = join(temp, "app");
    packed = pack(temp);
    install = await installConsumer(app, packed.tarball);
    installed = join(app, "node_modules", ...pkg.name.split("/"));
    await writeFile(join(app, "pets.json"), JSON.stringify(spec, null, 2));
    await writeFile(
      join(app, "codegen.config.json"),
      JSON.stringify({ jobs: [{ name: "pets", input: "pets.json", output: "src/api", clientName: "Pets" }] }, null, 2),
    );
  }, 240_000);

  afterAll(async () => {
    if (temp !== "") await rm(temp, { recursive: true, force: true });
  });

  it("the tarball holds the built code, the templates and the bin, none of the repository's sources, tests or tools", () => {
    expect(packed.files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "bin/codegen.js",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/cli/index.js",
      ]),
    );
    expect(packed.files.some((f) => f.startsWith("templates/runtime/") && f.endsWith(".ts"))).toBe(true);
    expect(packed.files.some((f) => f.startsWith("templates/files/") && f.endsWith(".hbs"))).toBe(true);
    expect(packed.files.filter((f) => /^(src|test|scripts|spec|generated|\.ci|\.bench)\//.test(f))).toEqual([]);
  });

  it("installs offline without engine or install-script warnings, and without running the repository's build", () => {
    expect(install.code, shown(install)).toBe(0);
    const output = `${install.stdout}\n${install.stderr}`;
    expect(output).not.toMatch(/EBADENGINE|install-scripts|allowScripts/);
    // npm announces every lifecycle script it runs as "> name@version script".
    expect(output).not.toContain(`> ${pkg.name}@`);
    expect(existsSync(join(installed, "dist", "index.js"))).toBe(true);
  });

  it("runtime dependencies are exactly the packages the built code imports; no dev tool is installed; under the size budget", () => {
    const dependencies = Object.keys(pkg.dependencies).sort();
    expect(dependencies.filter((name) => name in pkg.devDependencies)).toEqual([]);
    // The validators are precompiled into dist/validators by the build; compile.js (which needs the
    // schema package and Ajv's draft-04 build, dev dependencies) only runs where they are missing,
    // which the tarball never is.
    const validators = filesUnder(join(installed, "dist", "validators"));
    expect(validators).toEqual(
      expect.arrayContaining(["openapi-2.0.cjs", "openapi-3.0.cjs", "openapi-3.1.cjs", "config.cjs"]),
    );
    const sources = filesUnder(join(installed, "dist"))
      .filter((f) => (f.endsWith(".js") || f.endsWith(".cjs")) && f !== "parse/validate/compile.js")
      .map((f) => ({ path: f, content: readFileSync(join(installed, "dist", f), "utf8") }));
    sources.push({ path: "bin/codegen.js", content: readFileSync(join(installed, "bin", "codegen.js"), "utf8") });
    // Its own name appears only in the config starter text (`import { defineConfig } from "<name>/config"`).
    expect([...importedPackages(sources)].filter((name) => name !== pkg.name).sort()).toEqual(dependencies);
    for (const name of dependencies)
      expect(existsSync(join(app, "node_modules", name, "package.json")), name).toBe(true);
    // The repository's tools (typescript, openapi-typescript, Prism, vitest, ...) stay out.
    for (const name of Object.keys(pkg.devDependencies))
      expect(existsSync(join(app, "node_modules", name)), name).toBe(false);

    // Bytes of the files (not disk blocks, which vary by file system), per top-level package.
    const sizes = readdirSync(join(app, "node_modules"))
      .filter((name) => !name.startsWith("."))
      .map((name) => ({ name, mib: bytesUnder(join(app, "node_modules", name)) / 1024 ** 2 }))
      .sort((a, b) => b.mib - a.mib);
    const total = sizes.reduce((sum, s) => sum + s.mib, 0);
    const largest = sizes
      .slice(0, 5)
      .map((s) => `${s.name} ${s.mib.toFixed(1)} MiB`)
      .join(", ");
    expect(total, `node_modules holds ${total.toFixed(1)} MiB (largest: ${largest})`).toBeLessThan(BUDGET_MIB);
  });

  it(
    "npx codegen runs the installed CLI: --version, the config's jobs, --check",
    async () => {
      // --no: never offer to install a package named like the bin (the npm name `codegen` is someone
      // else's); `--`: the flags after it are the CLI's, not npx's.
      const version = run("npx", ["--no", "--", "codegen", "--version"], app);
      expect(version.code, shown(version)).toBe(0);
      expect(version.stdout.trim()).toBe(pkg.version);

      const generated = run("npx", ["--no", "--", "codegen"], app);
      expect(generated.code, shown(generated)).toBe(0);
      const api = await readFile(join(app, "src", "api", "api", "pets.ts"), "utf8");
      expect(api).toMatch(/^export function getPet\(client: Client, params: GetPetParams/m);
      expect(existsSync(join(app, "src", "api", "core"))).toBe(true);

      const clean = run("npx", ["--no", "--", "codegen", "--check"], app);
      expect(clean.code, shown(clean)).toBe(0);
      await writeFile(join(app, "src", "api", "models.ts"), "// edited by hand\n");
      const dirty = run("npx", ["--no", "--", "codegen", "--check"], app);
      expect(dirty.code, shown(dirty)).toBe(1);
      expect(dirty.stdout + dirty.stderr).toContain("models.ts");
    },
    SLOW,
  );

  it(
    "the library API works from JavaScript, and its types from TypeScript",
    async () => {
      await writeFile(
        join(app, "use.mjs"),
        [
          `import { buildModel, generate } from ${JSON.stringify(pkg.name)};`,
          `const files = await generate({ input: "pets.json", output: "lib-out" });`,
          `const model = await buildModel("pets.json");`,
          `console.log(JSON.stringify({ paths: files.map((f) => f.path), operations: model.operations.map((o) => o.operationId) }));`,
          "",
        ].join("\n"),
      );
      const used = run(process.execPath, ["use.mjs"], app);
      expect(used.code, shown(used)).toBe(0);
      const result = JSON.parse(used.stdout) as { paths: string[]; operations: string[] };
      expect(result.paths).toEqual(expect.arrayContaining(["index.ts", "models.ts", "client.ts"]));
      expect(result.operations).toEqual(["getPet"]);

      // The package's own types, as a consumer's TypeScript (NodeNext, strict) sees them.
      await writeFile(
        join(app, "use.ts"),
        [
          `import { generate, type GeneratedFile } from ${JSON.stringify(pkg.name)};`,
          `export const files: Promise<GeneratedFile[]> = generate({ input: "pets.json", output: "lib-out" });`,
          `// @ts-expect-error: a job needs an input`,
          `export const wrong = generate({ output: "lib-out" });`,
          "",
        ].join("\n"),
      );
      await writeFile(
        join(app, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            types: [],
            skipLibCheck: true,
          },
          files: ["use.ts"],
        }),
      );
      const tsc = run(
        process.execPath,
        [join(ROOT, "scripts", "tsc.mjs"), "-p", "tsconfig.json", "--pretty", "false"],
        app,
      );
      expect(tsc.code, shown(tsc)).toBe(0);
    },
    SLOW,
  );

  it(
    "codegen diff runs from the install: ts-morph's checker is there and loaded for it",
    async () => {
      const next = structuredClone(spec) as { paths: Record<string, Record<string, unknown>> };
      const firstPath = Object.keys(next.paths)[0] as string;
      delete next.paths[firstPath];
      await writeFile(join(app, "pets-next.json"), JSON.stringify(next, null, 2));
      const diff = run("npx", ["--no", "--", "codegen", "diff", "pets.json", "pets-next.json", "--json"], app);
      expect(diff.code, shown(diff)).toBe(0);
      const report = JSON.parse(diff.stdout) as { verdict: string; changes: { kind: string }[] };
      expect(report.verdict).toBe("major");
      expect(report.changes.some((c) => c.kind === "removed")).toBe(true);
    },
    SLOW,
  );
});
