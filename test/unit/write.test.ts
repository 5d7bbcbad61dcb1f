/**
 * The writer (src/write): what it refuses, what it keeps, how it repairs interrupted runs, and that
 * `checkOutput` never changes anything. Failures a real disk will not produce on demand (a folder even
 * root cannot list) come through the `fs` seam.
 */
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputError } from "../../src/util/errors.js";
import { nodeFs, type WriteFs } from "../../src/write/fs.js";
import { checkOutput, GENERATED_MARKER, writeOutput, writeOutputs } from "../../src/write/index.js";

const gen = (text: string): string => `${GENERATED_MARKER}\n${text}\n`;
const v = (n: number) => [
  { path: "index.ts", content: gen(`index v${n}`) },
  { path: "api/pets.ts", content: gen(`pets v${n}`) },
];
/** A process id that cannot exist (above any pid_max), for leftovers of a killed run. */
const DEAD = 999_999_999;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "codegen-write-"));
});
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  await rm(dir, { recursive: true, force: true });
});

/** Every entry under a folder (links not followed), with file contents and link targets: to prove nothing changed. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = path.slice(root.length + 1);
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) out[key] = `link -> ${readlinkSync(path)}`;
    else if (stats.isFile()) out[key] = readFileSync(path, "utf8");
    else out[key] = stats.isDirectory() ? "folder" : "special";
  }
  return out;
}

async function files(root: string, content: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(content)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function refusal(promise: Promise<unknown>): Promise<OutputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  return error as OutputError;
}

/** The names next to the output folder: no temporary folder or lock may be left. */
const siblings = (): string[] =>
  readdirSync(dir)
    .filter((n) => n === "out" || n.startsWith("out."))
    .sort();

describe("writeOutput writes and replaces its own folder", () => {
  it("creates the folder (and its parents), then replaces it, removing files no longer generated", async () => {
    const out = join(dir, "deep", "out");
    await writeOutput(out, [...v(1), { path: "api/old.ts", content: gen("old") }]);
    await writeOutput(out, v(2));
    expect(snapshot(out)).toEqual({ "index.ts": gen("index v2"), api: "folder", "api/pets.ts": gen("pets v2") });
    expect(readdirSync(join(dir, "deep"))).toEqual(["out"]);
  });

  it("allows .gitkeep files and carries them over; --check ignores them", async () => {
    const out = join(dir, "out");
    await files(out, { ".gitkeep": "", "api/.gitkeep": "keep me" });
    await writeOutput(out, v(1));
    expect(snapshot(out)).toEqual({
      ".gitkeep": "",
      "index.ts": gen("index v1"),
      api: "folder",
      "api/.gitkeep": "keep me",
      "api/pets.ts": gen("pets v1"),
    });
    expect((await checkOutput(out, v(1))).ok).toBe(true);
  });

  it("refuses generated paths that would leave the folder (a bug guard): nothing is written", async () => {
    for (const path of ["../x.ts", "api/../../x.ts", "/etc/x.ts", "a\\..\\x.ts", ""]) {
      await expect(writeOutput(join(dir, "out"), [{ path, content: gen("x") }])).rejects.toThrow(
        /not a safe, unique relative path/,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("writeOutput refuses outputs it must not replace; nothing changes", () => {
  it("a path that exists and is a file (--output spec.yaml)", async () => {
    await writeFile(join(dir, "spec.yaml"), "openapi: 3.0.3\n");
    const error = await refusal(writeOutput(join(dir, "spec.yaml"), v(1)));
    expect(error.message).toContain("exists and is a file, not a folder");
    expect(snapshot(dir)).toEqual({ "spec.yaml": "openapi: 3.0.3\n" });
  });

  it("a path through a file", async () => {
    await writeFile(join(dir, "spec.yaml"), "x");
    expect((await refusal(writeOutput(join(dir, "spec.yaml", "out"), v(1)))).message).toContain(
      "a part of its path is a file",
    );
    expect(snapshot(dir)).toEqual({ "spec.yaml": "x" });
  });

  it("the root of the file system", async () => {
    expect((await refusal(writeOutput("/", v(1)))).message).toContain("is the root of the file system");
    expect((await refusal(writeOutput("/tmp/..", v(1)))).message).toContain("is the root of the file system");
  });

  it("an output that is a symbolic link (to a folder of generated files): never written through", async () => {
    const real = join(dir, "real");
    await files(real, { "index.ts": gen("mine") });
    await symlink(real, join(dir, "out"));
    expect((await refusal(writeOutput(join(dir, "out"), v(1)))).message).toContain("is a symbolic link");
    expect(snapshot(dir)).toEqual({ out: `link -> ${real}`, real: "folder", "real/index.ts": gen("mine") });
  });

  it("a folder holding one of the run's inputs (protect), even a generated-looking one", async () => {
    const out = join(dir, "out");
    await files(out, { "spec.json": gen("a spec that starts like a generated file") });
    const error = await refusal(writeOutput(out, v(1), { protect: [join(out, "spec.json")] }));
    expect(error.message).toContain("one of this run's inputs");
    // A parent of the spec, too.
    await refusal(writeOutput(dir, v(1), { protect: [join(out, "spec.json")] }));
    expect(snapshot(out)).toEqual({ "spec.json": gen("a spec that starts like a generated file") });
  });

  it("the home folder (and a folder containing it) unless Codegen generated it", async () => {
    const home = join(dir, "home");
    await files(home, { ".bashrc": "mine" });
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      expect((await refusal(writeOutput(home, v(1)))).message).toContain("is your home folder");
      expect((await refusal(writeOutput(dir, v(1)))).message).toContain("contains your home folder");
      expect(snapshot(home)).toEqual({ ".bashrc": "mine" });
      // An empty home folder is refused too: it is not Codegen's.
      await rm(join(home, ".bashrc"));
      await refusal(writeOutput(home, v(1)));
      // Codegen's own output may be replaced wherever it is.
      await files(home, { "index.ts": gen("old") });
      await writeOutput(home, v(1));
      expect(readFileSync(join(home, "index.ts"), "utf8")).toBe(gen("index v1"));
    } finally {
      process.env.HOME = saved;
    }
  });

  const entries: [string, (out: string) => Promise<void>, RegExp][] = [
    [
      "a file of the user's",
      (out) => files(out, { "api/notes.md": "mine" }),
      /contains api\/notes\.md, which Codegen did not generate/,
    ],
    [
      "a symbolic link to a file outside",
      (out) => symlink(join(dir, "outside.txt"), join(out, "client.ts")),
      /client\.ts, a symbolic link/,
    ],
    [
      "a symbolic link to a folder outside",
      (out) => symlink(join(dir, "outside"), join(out, "api", "more")),
      /api\/more, a symbolic link/,
    ],
    ["a FIFO", async (out) => void execFileSync("mkfifo", [join(out, "api", "pipe")]), /api\/pipe, a FIFO/],
    ["a socket", (out) => listenOn(join(out, "sock")), /sock, a socket/],
  ];
  it.each(entries)("a folder holding %s (never followed, never removed)", async (_name, make, message) => {
    const out = join(dir, "out");
    await files(dir, { "outside.txt": "outside", "outside/keep.ts": gen("outside, generated-looking") });
    await files(out, { "index.ts": gen("old"), "api/pets.ts": gen("old") });
    await make(out);
    const before = snapshot(dir);
    expect((await refusal(writeOutput(out, v(1)))).message).toMatch(message);
    expect(snapshot(dir)).toEqual(before);
  });

  it("a subfolder that cannot be listed (even by root: through the fs seam) is not taken for an empty one", async () => {
    const out = join(dir, "out");
    await files(out, { "index.ts": gen("old"), "private/secret.txt": "mine" });
    const fs: WriteFs = {
      ...nodeFs,
      readdir: (path) => (path.endsWith("private") ? Promise.reject(eacces(path)) : nodeFs.readdir(path)),
    };
    const error = await refusal(writeOutput(out, v(1), { fs }));
    expect(error.message).toMatch(/Cannot list .*private: permission denied/);
    expect(readFileSync(join(out, "private", "secret.txt"), "utf8")).toBe("mine");
    expect(siblings()).toEqual(["out"]);
  });

  it("a file that cannot be read", async () => {
    const out = join(dir, "out");
    await files(out, { "index.ts": gen("old"), "locked.ts": "mine" });
    const fs: WriteFs = {
      ...nodeFs,
      read: (path, limit) => (path.endsWith("locked.ts") ? Promise.reject(eacces(path)) : nodeFs.read(path, limit)),
    };
    expect((await refusal(writeOutput(out, v(1), { fs }))).message).toMatch(
      /Cannot read .*locked\.ts: permission denied/,
    );
    expect(readFileSync(join(out, "locked.ts"), "utf8")).toBe("mine");
  });

  it("disk errors are OutputErrors naming the path, and leave the previous output in place", async () => {
    const out = join(dir, "out");
    await writeOutput(out, v(1));
    const fs: WriteFs = {
      ...nodeFs,
      create: (path, c) =>
        path.endsWith("pets.ts")
          ? Promise.reject(Object.assign(new Error("full"), { code: "ENOSPC" }))
          : nodeFs.create(path, c),
    };
    expect((await refusal(writeOutput(out, v(2), { fs }))).message).toMatch(
      /Cannot write .*pets\.ts: the disk is full/,
    );
    expect(snapshot(out)).toEqual({ "index.ts": gen("index v1"), api: "folder", "api/pets.ts": gen("pets v1") });
    expect(siblings()).toEqual(["out"]);
  });
});

describe("concurrent runs", () => {
  it("a run into a folder another run is writing is refused; the other's output is whole", async () => {
    const out = join(dir, "out");
    await writeOutput(out, v(1));
    // Run A stops while writing its new folder (holding the lock) until we let it go on.
    let paused!: () => void;
    let goOn!: () => void;
    const reached = new Promise<void>((r) => (paused = r));
    const gate = new Promise<void>((r) => (goOn = r));
    const slow: WriteFs = {
      ...nodeFs,
      async create(path, content) {
        if (path.includes("codegen-new")) {
          paused();
          await gate;
        }
        return nodeFs.create(path, content);
      },
    };
    const a = writeOutput(out, v(2), { fs: slow });
    await reached;
    const error = await refusal(writeOutput(out, v(3)));
    expect(error.message).toMatch(/Another Codegen run \(process \d+ on .*\) is writing/);
    expect(error.hint).toContain("out.codegen-lock");
    goOn();
    await a;
    expect(snapshot(out)).toEqual({ "index.ts": gen("index v2"), api: "folder", "api/pets.ts": gen("pets v2") });
    expect(siblings()).toEqual(["out"]);
  });

  it("a run that starts while another swaps the folder is refused before it looks at any folder (a race CI met)", async () => {
    const out = join(dir, "out");
    const docs = join(dir, "docs");
    await writeOutput(out, v(1));
    const step = () => {
      let go!: () => void;
      const done = new Promise<void>((r) => (go = r));
      return { go, done };
    };
    const [writing, resume, swapping, finish] = [step(), step(), step(), step()];
    // Run A holds the lock and stops while writing its new folder, then again between its two renames.
    const slowA: WriteFs = {
      ...nodeFs,
      async create(path, content) {
        if (path.includes("codegen-new") && path.endsWith("index.ts")) {
          writing.go();
          await resume.done;
        }
        return nodeFs.create(path, content);
      },
      async rename(from, to) {
        await nodeFs.rename(from, to);
        if (to.includes("codegen-old")) {
          swapping.go();
          await finish.done;
        }
      },
    };
    // Run B (a client and its docs) would list the folder just as A moves it away.
    const listB: WriteFs = {
      ...nodeFs,
      async readdir(path) {
        if (path.endsWith("/out")) {
          resume.go();
          await swapping.done;
        }
        return nodeFs.readdir(path);
      },
    };
    const a = writeOutput(out, v(2), { fs: slowA });
    await writing.done;
    const b = refusal(
      writeOutputs(
        [
          { dir: docs, files: v(1) },
          { dir: out, files: v(3) },
        ],
        { fs: listB },
      ),
    );
    const error = await b.finally(() => {
      resume.go();
      finish.go();
    });
    expect(error.message).toMatch(/Another Codegen run \(process \d+ on .*\) is writing/);
    await a;
    expect(snapshot(out)).toEqual({ "index.ts": gen("index v2"), api: "folder", "api/pets.ts": gen("pets v2") });
    // B wrote nothing (not even the docs) and left no lock behind.
    expect(readdirSync(dir).sort()).toEqual(["out"]);
  });

  it("a lock left by a killed run is taken over; a lock file that is not Codegen's is refused", async () => {
    const out = join(dir, "out");
    await writeFile(join(dir, "out.codegen-lock"), JSON.stringify({ tool: "codegen", pid: DEAD, host: hostname() }));
    await writeOutput(out, v(1));
    expect(siblings()).toEqual(["out"]);
    // Our own process id, but from an earlier process (ids are reused: pid 1 in every container).
    await writeFile(
      join(dir, "out.codegen-lock"),
      JSON.stringify({ tool: "codegen", pid: process.pid, started: 1, host: "elsewhere" }),
    );
    await writeOutput(out, v(1));
    expect(siblings()).toEqual(["out"]);
    // Drafts of the lock (written in full, then linked into place) left by a killed run go; a live run's stay.
    await writeFile(join(dir, `out.codegen-lock-${DEAD}-ab12`), "{}");
    await writeFile(join(dir, "out.codegen-lock-1-ab12"), "{}");
    await writeOutput(out, v(1));
    expect(siblings()).toEqual(["out", "out.codegen-lock-1-ab12"]);
    await writeFile(join(dir, "out.codegen-lock"), "my notes");
    expect((await refusal(writeOutput(out, v(2)))).message).toContain("is not a lock file of Codegen's");
    expect(readFileSync(join(dir, "out.codegen-lock"), "utf8")).toBe("my notes");
  });
});

describe("interrupted runs are repaired by the next one", () => {
  const old = (name: string) => join(dir, `out.codegen-old-${DEAD}-${name}`);
  const temp = (name: string) => join(dir, `out.codegen-new-${DEAD}-${name}`);

  it("killed between the two renames: the output folder comes back, the leftovers go", async () => {
    await files(old("1000-aa"), { "index.ts": gen("index v1"), "api/pets.ts": gen("pets v1"), ".gitkeep": "" });
    await files(temp("1000-aa"), { "index.ts": gen("index v2"), "api/pets.ts": gen("pets v2") });
    // A run whose writing fails after the repair leaves the restored previous output.
    const fs: WriteFs = {
      ...nodeFs,
      create: (p, c) =>
        p.endsWith("pets.ts") ? Promise.reject(Object.assign(new Error("x"), { code: "EIO" })) : nodeFs.create(p, c),
    };
    await refusal(writeOutput(join(dir, "out"), v(3), { fs }));
    expect(snapshot(join(dir, "out"))).toEqual({
      ".gitkeep": "",
      "index.ts": gen("index v1"),
      api: "folder",
      "api/pets.ts": gen("pets v1"),
    });
    expect(siblings()).toEqual(["out"]);
    await writeOutput(join(dir, "out"), v(3));
    expect(readFileSync(join(dir, "out", "index.ts"), "utf8")).toBe(gen("index v3"));
    expect(readFileSync(join(dir, "out", ".gitkeep"), "utf8")).toBe("");
  });

  it("the newest previous copy is restored when several were stranded (older versions' names too)", async () => {
    await files(old("1000"), { "index.ts": gen("index v0") });
    await files(old("2000-bb"), { "index.ts": gen("index v1") });
    const fs: WriteFs = {
      ...nodeFs,
      create: (p, c) =>
        p.includes("codegen-new")
          ? Promise.reject(Object.assign(new Error("x"), { code: "EIO" }))
          : nodeFs.create(p, c),
    };
    await refusal(writeOutput(join(dir, "out"), v(3), { fs }));
    expect(snapshot(join(dir, "out"))).toEqual({ "index.ts": gen("index v1") });
    expect(siblings()).toEqual(["out"]);
  });

  it("killed while writing or before the old copy was removed: cut-off files and stranded copies go", async () => {
    await files(join(dir, "out"), { "index.ts": gen("index v1") });
    await files(temp("1000"), {
      "index.ts": gen("index v2"),
      "api/pets.ts": "",
      "api/x.ts": GENERATED_MARKER.slice(0, 9),
    });
    await files(old("999-cc"), { "index.ts": gen("index v0") });
    await writeOutput(join(dir, "out"), v(3));
    expect(siblings()).toEqual(["out"]);
    expect(readFileSync(join(dir, "out", "index.ts"), "utf8")).toBe(gen("index v3"));
  });

  it("leaves alone what is not provably Codegen's: user files, links, live processes, other names", async () => {
    await files(join(dir, "out"), { "index.ts": gen("index v1") });
    await files(temp("1000"), { "index.ts": gen("x"), "notes.md": "mine" });
    await files(old("1000"), { "index.ts": gen("x"), "api/notes.md": `${gen("x").slice(0, 20)}mine` });
    await files(join(dir, "elsewhere"), { "index.ts": gen("not to be followed") });
    await symlink(join(dir, "elsewhere"), temp("2000"));
    await files(join(dir, "out.codegen-new-1-3000"), { "index.ts": gen("pid 1 is alive") });
    await files(join(dir, "out.codegen-new-x"), { "index.ts": gen("not the pattern") });
    await files(join(dir, "other.codegen-new-7-4000"), { "index.ts": gen("another output's") });
    const before = snapshot(dir);
    await writeOutput(join(dir, "out"), v(3));
    const after = snapshot(dir);
    for (const key of Object.keys(before).filter((k) => !k.startsWith("out/") && k !== "out"))
      expect(after[key]).toBe(before[key]);
  });

  it("a missing output with a stranded copy that is not Codegen's is not moved into place", async () => {
    await files(old("1000"), { "index.ts": gen("x"), "notes.md": "mine" });
    await writeOutput(join(dir, "out"), v(1));
    expect(readFileSync(join(old("1000"), "notes.md"), "utf8")).toBe("mine");
    expect(readFileSync(join(dir, "out", "index.ts"), "utf8")).toBe(gen("index v1"));
  });
});

describe("checkOutput reads only", () => {
  it("never changes anything, even with leftovers of killed runs and a stale lock around", async () => {
    await files(join(dir, `out.codegen-old-${DEAD}-1`), { "index.ts": gen("index v1") });
    await files(join(dir, `out.codegen-new-${DEAD}-1`), { "index.ts": gen("index v2") });
    await writeFile(join(dir, "out.codegen-lock"), JSON.stringify({ tool: "codegen", pid: DEAD, host: hostname() }));
    const before = snapshot(dir);
    const result = await checkOutput(join(dir, "out"), v(1));
    expect(result).toMatchObject({ ok: false, added: ["index.ts", "api/pets.ts"] });
    expect(snapshot(dir)).toEqual(before);
  });

  it("reports links and FIFOs without following or opening them; a folder it cannot list is an error", async () => {
    const out = join(dir, "out");
    await writeOutput(out, v(1));
    await writeFile(join(dir, "same.ts"), gen("index v1"));
    await rm(join(out, "index.ts"));
    await symlink(join(dir, "same.ts"), join(out, "index.ts"));
    execFileSync("mkfifo", [join(out, "api", "pets.ts.fifo")]);
    await rm(join(out, "api", "pets.ts"));
    execFileSync("mkfifo", [join(out, "api", "pets.ts")]);
    const before = snapshot(dir);
    const result = await checkOutput(out, v(1));
    expect(result.ok).toBe(false);
    expect(result.unexpected).toEqual([
      { path: "api/pets.ts", kind: "a FIFO (named pipe)" },
      { path: "api/pets.ts.fifo", kind: "a FIFO (named pipe)" },
      { path: "index.ts", kind: "a symbolic link" },
    ]);
    expect(snapshot(dir)).toEqual(before);
    const fs: WriteFs = {
      ...nodeFs,
      readdir: (path) => (path.endsWith("api") ? Promise.reject(eacces(path)) : nodeFs.readdir(path)),
    };
    expect((await refusal(checkOutput(out, v(1), { fs }))).message).toMatch(/Cannot list .*api: permission denied/);
    await writeFile(join(dir, "file"), "x");
    expect((await refusal(checkOutput(join(dir, "file"), v(1)))).message).toContain("not a folder");
  });
});

function eacces(path: string): Error {
  return Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: "EACCES" });
}

/** Leaves a socket file at `path`; the server is closed after the test. */
async function listenOn(path: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(path, done));
  servers.push(server);
}
