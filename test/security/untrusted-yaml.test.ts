/**
 * Untrusted YAML and JSON: alias bombs, recursive anchors and deep nesting end in a located
 * SpecError, quickly, instead of hanging, crashing V8 or overflowing the stack; YAML and JSON accept
 * the same depth.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../src/index.js";
import { MAX_DEPTH } from "../../src/parse/guard.js";
import { parseText } from "../../src/parse/load.js";
import { SpecError } from "../../src/util/errors.js";
import { tempFiles } from "../helpers.js";

const HEAD = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";

/** Generates from one spec file; returns the error it fails with. */
async function failure(name: string, text: string): Promise<unknown> {
  const { dir, cleanup } = await tempFiles({ [name]: text });
  try {
    await generate({ input: `${dir}/${name}`, output: `${dir}/out` });
  } catch (error) {
    return error;
  } finally {
    await cleanup();
  }
  throw new Error("expected generation to fail");
}

function expectSpecError(error: unknown, message: RegExp, pointer?: string | RegExp): SpecError {
  expect(error).toBeInstanceOf(SpecError);
  const e = error as SpecError;
  expect(e.message).toMatch(message);
  expect(e.hint).toBeTruthy();
  if (typeof pointer === "string") expect(e.location.pointer).toBe(pointer);
  else if (pointer) expect(e.location.pointer).toMatch(pointer);
  return e;
}

describe("YAML aliases", () => {
  it("rejects a billion-laughs alias bomb (a few hundred bytes) with a located error", async () => {
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let bomb = "bomb:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1] as string;
      bomb += `  ${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(", ")}]\n`;
    }
    const text = `${HEAD}components:\n  schemas: {}\n${bomb}`;
    expect(text.length).toBeLessThan(700);
    const e = expectSpecError(await failure("bomb.yaml", text), /alias/i, /^\/bomb\//);
    expect(e.location.file).toMatch(/bomb\.yaml$/);
  });

  it.each([
    [
      "a mapping inside itself",
      "components:\n  schemas:\n    A: &a\n      type: object\n      properties:\n        self: *a\n",
      "/components/schemas/A/properties/self",
    ],
    [
      "a sequence inside itself",
      "components:\n  schemas:\n    A:\n      enum: &e [x, *e]\n",
      "/components/schemas/A/enum/1",
    ],
  ])("rejects a recursive anchor: %s", async (_name, body, pointer) => {
    const e = expectSpecError(await failure("rec.yaml", `${HEAD}${body}`), /anchor is used inside itself/, pointer);
    expect(e.location.file).toMatch(/rec\.yaml$/);
  });

  it("still reads anchors that are shared many times (a DAG, not a bomb)", () => {
    const text = `base: &b {type: string, description: shared}\n${Array.from({ length: 200 }, (_, i) => `p${i}: *b`).join("\n")}\n`;
    const value = parseText("ok.yaml", text) as Record<string, unknown>;
    expect(value.p199).toEqual({ type: "string", description: "shared" });
  });
});

/** A document nesting `levels` mappings under each other, with a scalar at the bottom. */
function nestedMaps(levels: number): { yaml: string; json: string } {
  let yaml = "";
  for (let i = 0; i < levels; i++) yaml += `${"  ".repeat(i)}k:${i === levels - 1 ? " 1" : ""}\n`;
  return { yaml, json: `${'{"k":'.repeat(levels)}1${"}".repeat(levels)}` };
}

/** A flow sequence nesting `levels` sequences, innermost empty. */
function nestedSeqs(levels: number): string {
  return `${"[".repeat(levels)}${"]".repeat(levels)}`;
}

function accepts(file: string, text: string): boolean {
  try {
    parseText(file, text);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(/nests deeper than \d+ levels/);
    return false;
  }
}

describe("nesting depth", () => {
  it("is the same limit for YAML and JSON, right at the boundary", () => {
    // n mappings plus the scalar leaf: n + 1 nodes deep.
    for (const levels of [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1]) {
      const { yaml, json } = nestedMaps(levels);
      const expected = levels + 1 <= MAX_DEPTH;
      expect([levels, accepts("d.yaml", yaml), accepts("d.json", json)]).toEqual([levels, expected, expected]);
    }
    for (const levels of [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1]) {
      const text = nestedSeqs(levels);
      // `[[...]]` is JSON (read by JSON.parse) in a .json file and YAML flow style in a .yaml file
      // that does not start like JSON; both must agree.
      const expected = levels <= MAX_DEPTH;
      expect([levels, accepts("d.json", text), accepts("d.yaml", `x: ${text}`)]).toEqual([
        levels,
        expected,
        levels + 1 <= MAX_DEPTH,
      ]);
    }
  });

  it("names the pointer of a too-deep YAML node (and still fails cleanly far beyond the limit)", () => {
    const { yaml } = nestedMaps(MAX_DEPTH + 20);
    const deep = (() => {
      try {
        parseText("d.yaml", yaml);
      } catch (error) {
        return error as SpecError;
      }
      throw new Error("expected an error");
    })();
    expect(deep.location.pointer).toBe(`/${Array(MAX_DEPTH).fill("k").join("/")}`);
    expect(() => parseText("d.yaml", `x: ${nestedSeqs(20_000)}`)).toThrowError(/nests deeper than/);
  });

  it("counts nesting through aliases", () => {
    let text = "s0: &s0 {type: string}\n";
    for (let i = 1; i <= MAX_DEPTH; i++) text += `s${i}: &s${i} {items: *s${i - 1}}\n`;
    expect(() => parseText("chain.yaml", text)).toThrowError(/nests deeper than/);
  });

  it.each([
    ["items", 1000, '{"type":"array","items":', "}"],
    ["items", 5000, '{"type":"array","items":', "}"],
    ["allOf", 2000, '{"allOf":[', "]}"],
    ["properties", 3000, '{"type":"object","properties":{"p":', "}}"],
  ])(
    "gives a located SpecError for a schema nested through %s %i levels (JSON)",
    async (keyword, levels, open, close) => {
      // Written as text: JSON.stringify itself overflows the stack on such values.
      const schema = `${open.repeat(levels)}{"type":"string"}${close.repeat(levels)}`;
      const text = `{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"components":{"schemas":{"Deep":${schema}}}}`;
      const e = expectSpecError(
        await failure("deep.json", text),
        /nests deeper than/,
        new RegExp(`^/components/schemas/Deep/${keyword}/`),
      );
      expect(e.location.file).toMatch(/deep\.json$/);
    },
  );

  it("gives a located SpecError for a schema nested 2000 levels through YAML aliases", async () => {
    let text = `${HEAD}components:\n  schemas:\n    S0: &s0 {type: string}\n`;
    for (let i = 1; i <= 2000; i++) text += `    S${i}: &s${i} {type: array, items: *s${i - 1}}\n`;
    expectSpecError(await failure("deep.yaml", text), /nests deeper than/, /^\/components\/schemas\/S\d+\/items/);
  });

  it("generates a client for schemas nested as deep as the limit allows", async () => {
    let items: object = { type: "string" };
    for (let i = 0; i < MAX_DEPTH - 8; i++) items = { type: "array", items };
    let props: object = { type: "string" };
    for (let i = 0; i < (MAX_DEPTH - 8) / 2; i++) props = { type: "object", properties: { p: props } };
    const spec = {
      openapi: "3.0.3",
      info: { title: "T", version: "1" },
      paths: {},
      components: { schemas: { Items: items, Props: props } },
    };
    const { dir, cleanup } = await tempFiles({ "ok.json": spec });
    try {
      const files = await generate({ input: `${dir}/ok.json`, output: `${dir}/out` });
      expect(files.map((f) => f.content).join("\n")).toContain("string[][][][][]");
    } finally {
      await cleanup();
    }
  });
});
