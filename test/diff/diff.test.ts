/**
 * `diffSpecs` on small fixtures (test/fixtures/diff/): base.yaml against a copy with one kind of
 * change each. Every change the report holds is listed, so a missing or an extra finding fails.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffClients } from "../../src/diff/index.js";
import { type DiffReport, diffSpecs, type GeneratedFile } from "../../src/index.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "diff");

// Each fixture is compared with base.yaml once; the tests share the reports.
const reports = new Map<string, Promise<DiffReport>>();

function diff(fixture: string): Promise<DiffReport> {
  let report = reports.get(fixture);
  if (!report) {
    report = diffSpecs({ input: join(DIR, "base.yaml") }, { input: join(DIR, `${fixture}.yaml`) });
    reports.set(fixture, report);
  }
  return report;
}

type Row = [severity: string, kind: string, path: string];

const CASES: [fixture: string, verdict: string, changes: Row[]][] = [
  ["base", "patch", []],
  ["removed-op", "major", [["major", "removed", "deletePet"]]],
  ["renamed-op", "major", [["major", "renamed", "getPet"]]],
  [
    "param-required",
    "major",
    [
      ["major", "became-required", "listPets(params)"],
      ["major", "became-required", "listPets(params.query)"],
      ["major", "became-required", "listPets(params.query.limit)"],
    ],
  ],
  ["input-narrowed", "major", [["major", "narrowed", "listPets(params.query.sort)"]]],
  [
    "output-widened",
    "major",
    [
      ["major", "widened", "(await createPet()).status"],
      ["major", "widened", "(await getPet()).status"],
      ["major", "widened", "(await listPets())[].status"],
      ["minor", "widened", "Pet.status"],
    ],
  ],
  [
    "output-narrowed",
    "minor",
    [
      ["minor", "narrowed", "Pet.tag"],
      ["minor", "narrowed", "(await createPet()).tag"],
      ["minor", "narrowed", "(await getPet()).tag"],
      ["minor", "narrowed", "(await listPets())[].tag"],
    ],
  ],
  ["optional-param", "minor", [["minor", "added", "listPets(params.query.offset)"]]],
  [
    "docs-only",
    "patch",
    [
      ["patch", "docs", "Pet"],
      ["patch", "docs", "listPets"],
    ],
  ],
  ["removed-type", "major", [["major", "removed", "Owner"]]],
];

describe("diffSpecs: one kind of change per fixture", { timeout: 60_000 }, () => {
  it.each(CASES)("%s: verdict %s", async (fixture, verdict, changes) => {
    const report = await diff(fixture);
    expect(report.changes.map((c): Row => [c.severity, c.kind, c.path])).toEqual(changes);
    expect(report.verdict).toBe(verdict);
  });

  it("says why, in words", async () => {
    const renamed = await diff("renamed-op");
    expect(renamed.changes[0]?.reason).toBe("renamed to fetchPet (same operation, GET /pets/{petId})");
    const narrowed = await diff("input-narrowed");
    expect(narrowed.changes[0]?.reason).toBe("accepts less: was string, now 'name' | 'age'");
    const widened = await diff("output-widened");
    expect(widened.changes[0]?.reason).toBe("may return more: now also 'pending'");
  });

  it("the other way round, each change flips: additions are removals, widening is narrowing", async () => {
    const report = await diffSpecs({ input: join(DIR, "optional-param.yaml") }, { input: join(DIR, "base.yaml") });
    expect(report.changes.map((c): Row => [c.severity, c.kind, c.path])).toEqual([
      ["major", "removed", "listPets(params.query.offset)"],
    ]);
    const back = await diffSpecs({ input: join(DIR, "output-widened.yaml") }, { input: join(DIR, "base.yaml") });
    expect(back.verdict).toBe("minor");
    expect(back.changes.map((c) => c.kind)).toEqual(["narrowed", "narrowed", "narrowed", "narrowed"]);
  });
});

describe("browser types in the API", { timeout: 60_000 }, () => {
  const client = (result: string): GeneratedFile[] => [
    { path: "index.ts", content: 'export * from "./api/files.js";\n' },
    {
      path: "api/files.ts",
      content: `export function download(): Promise<${result}> {\n  throw new Error("not called");\n}\n`,
    },
  ];
  const rows = (report: DiffReport) => report.changes.map((c): Row => [c.severity, c.kind, c.path]);

  it("Blob is a type of its own, not anything (the DOM subset)", () => {
    expect(rows(diffClients(client("Blob"), client("string")))).toEqual([["major", "changed", "(await download())"]]);
    expect(rows(diffClients(client("Blob"), client("Blob")))).toEqual([]);
  });

  it("a browser type outside the subset loads the whole DOM lib instead of comparing as anything", () => {
    expect(rows(diffClients(client("ReadableStream<Uint8Array>"), client("string")))).toEqual([
      ["major", "changed", "(await download())"],
    ]);
  });
});

describe("exported types on their own", { timeout: 60_000 }, () => {
  const client = (code: string): GeneratedFile[] => [
    { path: "index.ts", content: 'export type * from "./models.js";\nexport * from "./api/files.js";\n' },
    { path: "models.ts", content: `export interface ValidationError {\n  code: ${code};\n}\n` },
    {
      path: "api/files.ts",
      content: `/** The error body of a call. */\nexport type DownloadError = {\n  code: ${code};\n};\n`,
    },
  ];

  it("an API module's error type is read by callers (widened: major); a model type alone is at most minor, whatever its name", () => {
    const report = diffClients(client('"gone"'), client('"gone" | "moved"'));
    expect(report.changes.map((c): Row => [c.severity, c.kind, c.path])).toEqual([
      ["major", "widened", "DownloadError.code"],
      ["minor", "widened", "ValidationError.code"],
    ]);
  });
});

describe("types of signatures", { timeout: 60_000 }, () => {
  const client = (api: string): GeneratedFile[] => [
    { path: "index.ts", content: 'export * from "./api/files.js";\n' },
    { path: "api/files.ts", content: api },
  ];
  const named =
    'export type DownloadResponse = { name: string };\nexport function download(): Promise<DownloadResponse> {\n  throw new Error("not called");\n}\n';
  const inline = 'export function download(): Promise<{ name: string }> {\n  throw new Error("not called");\n}\n';
  const gone = 'export function upload(): Promise<void> {\n  throw new Error("not called");\n}\n';

  it("a removed result type breaks code importing it while its function stays", () => {
    const report = diffClients(client(named), client(inline));
    expect(report.changes.map((c): Row => [c.severity, c.kind, c.path])).toEqual([
      ["major", "removed", "DownloadResponse"],
      ["patch", "changed", "download"],
    ]);
  });

  it("goes with its function when the function goes", () => {
    const report = diffClients(client(named), client(gone));
    expect(report.changes.map((c): Row => [c.severity, c.kind, c.path])).toEqual([
      ["major", "removed", "download"],
      ["minor", "added", "upload"],
    ]);
  });
});
