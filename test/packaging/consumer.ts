/**
 * A consumer project for the packaging test: Codegen packed with `npm pack` and installed into a fresh
 * folder outside the repository, the way a user adds it, but without the network.
 *
 * `npm install --offline` only finds in the npm cache what `npm ci` put there: tarballs, not the
 * registry's version lists that resolving `^13.0.3` needs. So the consumer gets a lockfile that pins
 * the tarball and Codegen's runtime dependencies to the entries of this repository's lockfile that
 * are not dev-only (the tree `npm ci --omit=dev` would install), and npm installs those from the
 * cache by their integrity hashes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..", "..");

/** What the test reads of package.json. */
export interface Manifest {
  name: string;
  version: string;
  license?: string;
  bin: Record<string, string>;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

/** The repository's package.json. */
export function manifest(): Manifest {
  return JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
}

/** A finished command. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command (npm, npx, node) without a shell; never throws. The environment drops the
 * `npm_*` variables of an enclosing `npm test`, so the nested npm reads only its own settings, and
 * sets npm offline: anything not in the cache fails instead of reaching the registry.
 */
export function run(command: string, args: readonly string[], cwd: string): Ran {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  Object.assign(env, {
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  });
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 180_000 });
  const error = result.error ? `\n${result.error.message}` : "";
  return { code: result.status ?? 1, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${error}` };
}

/**
 * Packs the repository (its `files`: bin, dist, templates) into `destination` without running
 * lifecycle scripts (`npm test` has just built dist/). Returns the tarball's path and file list.
 */
export function pack(destination: string): { tarball: string; files: string[] } {
  const result = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], ROOT);
  if (result.code !== 0) throw new Error(`npm pack failed (${result.code}):\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package:\n${result.stdout}`);
  return { tarball: join(destination, info.filename), files: info.files.map((f) => f.path) };
}

/**
 * Writes a consumer project into `app` that depends on `tarball` (package.json and the pinned
 * lockfile described above) and runs `npm install --offline` in it.
 */
export async function installConsumer(app: string, tarball: string): Promise<Ran> {
  const pkg = manifest();
  const spec = `file:${relative(app, tarball)}`;
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== "" && entry.dev !== true) packages[path] = entry;
  }
  await mkdir(app, { recursive: true });
  await writeFile(
    join(app, "package.json"),
    `${JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { [pkg.name]: spec } }, null, 2)}\n`,
  );
  await writeFile(
    join(app, "package-lock.json"),
    `${JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  return run("npm", ["install", "--offline", "--no-audit", "--no-fund"], app);
}

/**
 * The packages (names of bare module specifiers) that JavaScript sources import, statically or with
 * `import("...")`; `node:` built-ins and relative paths left out.
 */
export function importedPackages(sources: readonly { path: string; content: string }[]): Set<string> {
  const names = new Set<string>();
  // A specifier is a package name (optionally scoped) with an optional subpath: text in template
  // literals or messages that happens to follow `from` is not one.
  const pattern =
    /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*|\brequire\s*\(\s*|\)\s*\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]*)?|node:[\w/]+)["']/gm;
  for (const { content } of sources) {
    for (const match of content.matchAll(pattern)) {
      const specifier = match[1] ?? "";
      if (specifier.startsWith("node:")) continue;
      const parts = specifier.split("/");
      names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier));
    }
  }
  return names;
}
