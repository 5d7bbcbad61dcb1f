/**
 * `$ref`s to files are confined: inside the spec's folder (or the configured refRoot) once symlinks
 * are resolved, regular files only, and only where OpenAPI allows a reference. Nothing outside
 * lands in the output; devices and FIFOs are refused at once instead of hanging or filling memory.
 */
import { execFileSync } from "node:child_process";
import { mkdir, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { MAX_REF_FILE_BYTES } from "../../src/parse/load.js";
import { SpecError, type Warning } from "../../src/util/errors.js";
import { tempFiles } from "../helpers.js";

const SECRET = "TOP-SECRET-OUTSIDE-THE-SPEC-FOLDER";

/** A spec whose schema `Leak` is a $ref to `ref`, in `dir/spec/`; a secret file sits in `dir/`. */
async function setup(ref: string, extra: Record<string, string | object> = {}) {
  const spec = {
    openapi: "3.0.3",
    info: { title: "T", version: "1" },
    paths: {},
    components: { schemas: { Leak: { $ref: ref } } },
  };
  const made = await tempFiles({
    "secret.yaml": { Secret: { type: "string", description: SECRET, enum: [SECRET] } },
    "spec/main.json": spec,
    ...extra,
  });
  return { ...made, input: join(made.dir, "spec", "main.json") };
}

async function outcome(
  input: string,
  options: { refRoot?: string } = {},
): Promise<{ error?: unknown; text?: string; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  try {
    const files = await generate(
      { input, output: join(input, "..", "out"), ...options },
      { onWarning: (w) => warnings.push(w) },
    );
    return { text: files.map((f) => f.content).join("\n"), warnings };
  } catch (error) {
    return { error, warnings };
  }
}

function expectRefused(error: unknown, message: RegExp): SpecError {
  expect(error).toBeInstanceOf(SpecError);
  const e = error as SpecError;
  expect(e.message).toMatch(message);
  expect(e.location.file).toMatch(/main\.json$/);
  expect(e.location.pointer).toBe("/components/schemas/Leak/$ref");
  expect(e.hint).toBeTruthy();
  return e;
}

describe("$ref to files", () => {
  it("refuses a relative path out of the spec's folder", async () => {
    const { input, cleanup } = await setup("../secret.yaml#/Secret");
    try {
      const { error } = await outcome(input);
      const e = expectRefused(error, /outside the folder/);
      expect(e.hint).toMatch(/refRoot|--ref-root/);
      expect(e.message).not.toContain(SECRET);
    } finally {
      await cleanup();
    }
  });

  it("refuses /etc/passwd-style climbs and absolute paths", async () => {
    for (const ref of ["../../../../../../../../etc/passwd", "/etc/passwd", "/etc/hostname#/x"]) {
      const { input, cleanup } = await setup(ref);
      try {
        const { error } = await outcome(input);
        expectRefused(error, /outside the folder|not found/);
      } finally {
        await cleanup();
      }
    }
  });

  it("refuses a symlink inside the folder that points out of it", async () => {
    const { dir, input, cleanup } = await setup("./link.yaml#/Secret");
    try {
      await symlink(join(dir, "secret.yaml"), join(dir, "spec", "link.yaml"));
      const { error } = await outcome(input);
      expectRefused(error, /outside the folder/);
    } finally {
      await cleanup();
    }
  });

  it("reads a file outside the folder when refRoot widens the root", async () => {
    const { dir, input, cleanup } = await setup("../secret.yaml#/Secret");
    try {
      const { text, error } = await outcome(input, { refRoot: dir });
      expect(error).toBeUndefined();
      expect(text).toContain(SECRET);
    } finally {
      await cleanup();
    }
  });

  it("says so when refRoot does not exist", async () => {
    const { dir, input, cleanup } = await setup("../secret.yaml#/Secret");
    try {
      const { error } = await outcome(input, { refRoot: join(dir, "nope") });
      expect((error as Error).message).toMatch(/folder \$refs may read from does not exist: .*nope/);
    } finally {
      await cleanup();
    }
  });

  it("still reads files in sub-folders of the spec's folder (and symlinks that stay inside)", async () => {
    const { dir, input, cleanup } = await setup("./schemas/pet.yaml#/Pet", {
      "spec/schemas/pet.yaml": { Pet: { type: "object", properties: { name: { type: "string" } } } },
    });
    try {
      await mkdir(join(dir, "spec", "more"), { recursive: true });
      await symlink(join(dir, "spec", "schemas", "pet.yaml"), join(dir, "spec", "more", "alias.yaml"));
      const { text, error } = await outcome(input);
      expect(error).toBeUndefined();
      expect(text).toContain("name?: string");
    } finally {
      await cleanup();
    }
  });

  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    const { dir, input, cleanup } = await setup("./pipe.yaml");
    try {
      execFileSync("mkfifo", [join(dir, "spec", "pipe.yaml")]);
      const { error } = await outcome(input);
      expectRefused(error, /not a regular file/);
    } finally {
      await cleanup();
    }
  });

  it("refuses devices such as /dev/zero and /dev/stdin, even when the root is widened to /", async () => {
    for (const ref of ["/dev/zero", "/dev/stdin"]) {
      const { input, cleanup } = await setup(ref);
      try {
        const { error } = await outcome(input, { refRoot: "/" });
        expectRefused(error, /not a regular file|cannot be read|not found/);
      } finally {
        await cleanup();
      }
    }
  });

  it("refuses a file over 64 MB before reading it (a sparse file: no disk used)", async () => {
    const { dir, input, cleanup } = await setup("./huge.json");
    try {
      await writeFile(join(dir, "spec", "huge.json"), "");
      await truncate(join(dir, "spec", "huge.json"), MAX_REF_FILE_BYTES + 1);
      expectRefused((await outcome(input)).error, /larger than 64 MB/);
      // Exactly at the limit is read (NUL bytes, no valid JSON: a different error, not the cap).
      await truncate(join(dir, "spec", "huge.json"), MAX_REF_FILE_BYTES);
      const { error } = await outcome(input);
      expect(String(error)).not.toMatch(/larger than/);
    } finally {
      await cleanup();
    }
  }, 60_000);

  it("refuses a folder", async () => {
    const { input, cleanup } = await setup("./sub", { "spec/sub/x.yaml": "a: 1\n" });
    try {
      expectRefused((await outcome(input)).error, /not a regular file/);
    } finally {
      await cleanup();
    }
  });

  it("does not follow $ref inside example values, defaults, enums or x- extensions", async () => {
    // Followed, this would fail: the file does not exist (and would be outside the folder).
    const data = { $ref: "../no-such-file.yaml#/Secret" };
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      "x-vendor": { nested: data },
      paths: {
        "/a": {
          get: {
            "x-codegen-extra": data,
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: { $ref: "#/components/schemas/A" },
                    example: data,
                    examples: { one: { value: data } },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          A: {
            type: "object",
            example: data,
            default: data,
            "x-meta": data,
            // A property named like a keyword is still a schema: its $ref is followed.
            properties: { example: { $ref: "./b.yaml#/B" }, "x-note": { $ref: "./b.yaml#/B" } },
          },
        },
      },
    };
    const { dir, cleanup } = await tempFiles({
      "secret.yaml": { Secret: { description: SECRET } },
      "spec/main.json": spec,
      "spec/b.yaml": { B: { type: "integer" } },
    });
    try {
      const { text, error } = await outcome(join(dir, "spec", "main.json"));
      expect(error).toBeUndefined();
      expect(text).toContain("../no-such-file.yaml#/Secret");
      expect(text).toMatch(/"x-note"\?: B;/);
      expect(text).toMatch(/example\?: B;/);
      expect(text).toContain("export type B = number;");
    } finally {
      await cleanup();
    }
  });

  it("gives a clear error for an empty $ref", async () => {
    const { input, cleanup } = await setup("");
    try {
      const { error } = await outcome(input);
      expectRefused(error, /Empty \$ref/);
    } finally {
      await cleanup();
    }
  });

  it("takes refRoot from the command line (--ref-root)", async () => {
    const { dir, input, cleanup } = await setup("../secret.yaml#/Secret");
    try {
      const { main } = await import("../../src/cli/index.js");
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      const out = join(dir, "out");
      expect(await main(["generate", "--input", input, "--output", out, "--check", "--quiet"], io)).toBe(1);
      expect(lines.join("\n")).toMatch(
        /outside the folder[\s\S]*main\.json:\d+ at #\/components\/schemas\/Leak\/\$ref/,
      );
      lines.length = 0;
      expect(await main(["generate", "--input", input, "--output", out, "--ref-root", dir, "--quiet"], io)).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
