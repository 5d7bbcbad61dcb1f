/**
 * The spec is untrusted input: code planted in every place a spec string lands in the output must
 * stay data. Checks: the output type-checks under strict settings; no `pwned` identifier token
 * exists anywhere in the code (a payload that escaped a comment or string would produce one);
 * importing the compiled client runs nothing; file names stay inside the output folder.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeneratedFile, generate, writeOutput } from "../../src/index.js";
import { freshDir, runTsc, STRICT_OPTIONS, TMP, writeJson } from "../compile/support.js";

/** Payloads that try to leave a comment, a string, a template or a line. */
const PAYLOADS = [
  "*/ pwned(); /*",
  '"; pwned(); "',
  "'; pwned(); '",
  "`; pwned(); `",
  "${pwned()}",
  "\n pwned();\n",
  "\u2028pwned();\u2029",
  '\\"; pwned(); //',
  "</script><script>pwned()</script>",
  "]: string; pwned(): void; [x",
];
const p = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;

function hostileSpec(): object {
  const schemas: Record<string, unknown> = {};
  PAYLOADS.forEach((payload, i) => {
    schemas[`S${i}${payload}`] = {
      title: payload,
      description: payload,
      type: "object",
      required: [payload],
      properties: {
        [payload]: {
          type: "string",
          description: payload,
          default: payload,
          example: payload,
          enum: [payload, `${payload}2`],
        },
        [`n${i}`]: { type: "integer", format: payload, default: 1, examples: [payload] },
        [`${payload}flag`]: { type: "boolean", description: payload },
      },
      additionalProperties: { type: "string", description: payload },
    };
  });
  const paths: Record<string, unknown> = {};
  PAYLOADS.forEach((payload, i) => {
    paths[`/items${i}/{id${i}}/${encodeURIComponent(payload)}`] = {
      [i % 2 === 0 ? "get" : "post"]: {
        operationId: `op${i}${payload}`,
        tags: [`../../tag${i}${payload}`],
        summary: payload,
        description: payload,
        parameters: [
          { name: `id${i}`, in: "path", required: true, schema: { type: "string" }, description: payload },
          { name: payload, in: "query", schema: { type: "string", enum: [payload] }, description: payload },
          { name: `X-${i}${payload}`, in: "header", schema: { type: "string" }, example: payload },
          { name: `c${i}${payload}`, in: "cookie", style: "form", schema: { type: "string" } },
        ],
        ...(i % 2 === 1
          ? {
              requestBody: {
                description: payload,
                content: {
                  "application/json": {
                    schema: {
                      $ref: `#/components/schemas/${encodeURIComponent(`S${i}${payload}`).replaceAll("~", "~0").replaceAll("%2F", "~1")}`,
                    },
                  },
                  "multipart/form-data": {
                    schema: {
                      type: "object",
                      properties: { [payload]: { type: "object" }, [`f${i}`]: { type: "object" } },
                    },
                    encoding: {
                      [payload]: { style: "deepObject", explode: true },
                      [`f${i}`]: { contentType: payload },
                    },
                  },
                },
              },
            }
          : {}),
        // A stream flag, event names, end marker and final event named by the payload.
        ...(i % 2 === 1
          ? {
              "x-codegen-stream": {
                flag: `${payload}flag`,
                events: {
                  oneOf: [
                    {
                      type: "object",
                      description: payload,
                      properties: {
                        event: { type: "string", enum: [payload] },
                        data: { type: "object", properties: { [payload]: { type: "string" } } },
                      },
                    },
                    {
                      type: "object",
                      properties: { event: { type: "string", enum: [`${payload}err`] }, data: { type: "string" } },
                    },
                  ],
                },
                errors: [`${payload}err`],
                final: [payload],
                doneData: [payload],
              },
            }
          : {}),
        servers: [{ url: `https://op${i}.test/${payload}` }],
        responses: {
          "200": {
            description: payload,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    [payload]: { type: "string", const: payload },
                    [`list.${payload}`]: {
                      type: "array",
                      items: { type: "object", properties: { [payload]: { type: "string" } } },
                    },
                  },
                },
              },
            },
          },
          "4XX": {
            description: payload,
            content: { "application/json": { schema: { type: "string", enum: [payload] } } },
          },
        },
        security: [{ [`key${payload}`]: [] }],
        // Pagination names a parameter and properties: they land in a rule literal and JSDoc.
        ...(i % 2 === 0
          ? {
              "x-codegen-pagination": {
                style: "cursor",
                items: [`list.${payload}`],
                cursor: { param: payload, from: [payload], itemKey: payload },
              },
            }
          : {}),
        // Polls itself: every string of the extension lands in the ...AndPoll helper.
        "x-codegen-poll": {
          operation: `op${i}${payload}`,
          parameters: {
            [`id${i}`]: `$response.body#/${payload.replaceAll("~", "~0").replaceAll("/", "~1")}`,
            [payload]: `$request.query.${payload}`,
            [`X-${i}${payload}`]: `$request.header.X-${i}${payload}`,
          },
          status: payload,
          pending: [payload, `${payload}2`],
          hint: "x-poll-after",
        },
      },
    };
  });
  return {
    openapi: "3.1.0",
    info: { title: p(0), description: p(1), version: p(2) },
    servers: [{ url: `https://example.test/${p(1)}` }],
    paths,
    components: {
      schemas,
      securitySchemes: { [`key${PAYLOADS[0]}`]: { type: "apiKey", in: "header", name: p(1) } },
    },
  };
}

const dir = join(TMP, "injection");
const out = join(dir, "out");
let files: GeneratedFile[] = [];

beforeAll(async () => {
  freshDir(dir);
  writeJson(join(dir, "hostile.json"), hostileSpec());
  files = await generate({
    input: join(dir, "hostile.json"),
    output: out,
    headers: { [`X-H${p(1)}`]: p(2) },
    clientName: "Hostile",
  });
  await writeOutput(out, files);
});

afterAll(() => {
  freshDir(dir);
});

describe("untrusted spec text stays data", () => {
  it("covers pagination: the hostile list operations get paginate functions", () => {
    const paginated = files.flatMap((f) => f.content.match(/export function paginateOp\w*/g) ?? []);
    expect(paginated).toHaveLength(PAYLOADS.length / 2);
  });

  it("generates file names that stay inside the output folder", () => {
    for (const file of files) {
      expect(file.path).toMatch(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.ts$/);
      expect(file.path.split("/")).not.toContain("..");
    }
  });

  it("the hostile stream extensions made stream functions (so their names were checked too)", () => {
    const streams = files.flatMap((f) => f.content.match(/return toEventStream</g) ?? []);
    expect(streams.length).toBe(PAYLOADS.length / 2);
  });

  it("every hostile operation has its poll helper (the extension's strings are in the output)", () => {
    const helpers = files.flatMap((f) => [...f.content.matchAll(/^export async function \w+AndPoll\(/gm)]);
    expect(helpers).toHaveLength(PAYLOADS.length);
  });

  it("no planted code appears as code: every `pwned` is inside a comment or a string", () => {
    let seen = 0;
    for (const file of files) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, file.content);
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        const text = scanner.getTokenText();
        if (!text.includes("pwned")) continue;
        seen++;
        const dataToken =
          token === ts.SyntaxKind.SingleLineCommentTrivia ||
          token === ts.SyntaxKind.MultiLineCommentTrivia ||
          token === ts.SyntaxKind.StringLiteral;
        expect(dataToken, `${file.path}: code token ${ts.SyntaxKind[token]} ${JSON.stringify(text)}`).toBe(true);
      }
    }
    // The payloads did land in the output (as data), so the check above looked at something.
    expect(seen).toBeGreaterThan(PAYLOADS.length * 4);
  });

  it("type-checks under strict settings", async () => {
    writeJson(join(dir, "tsconfig.json"), {
      compilerOptions: { ...STRICT_OPTIONS, module: "NodeNext", moduleResolution: "NodeNext" },
      files: ["out/index.ts"],
    });
    const result = await runTsc(["-p", join(dir, "tsconfig.json")]);
    expect(result.output).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("importing the compiled client runs nothing from the spec", async () => {
    writeJson(join(dir, "tsconfig.emit.json"), {
      compilerOptions: {
        ...STRICT_OPTIONS,
        noEmit: false,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        rootDir: "out",
        outDir: "js",
      },
      files: ["out/index.ts"],
    });
    mkdirSync(join(dir, "js"), { recursive: true });
    writeFileSync(join(dir, "js", "package.json"), '{ "type": "module" }\n');
    const result = await runTsc(["-p", join(dir, "tsconfig.emit.json")]);
    expect(result.output).toBe("");
    expect(result.exitCode).toBe(0);
    const calls: string[] = [];
    (globalThis as { pwned?: () => void }).pwned = () => calls.push("pwned");
    try {
      const client = (await import(pathToFileURL(join(dir, "js", "index.js")).href)) as Record<string, unknown>;
      expect(typeof client.createClient).toBe("function");
      expect(Object.keys(client).filter((k) => k.includes("pwned"))).toEqual([]);
    } finally {
      delete (globalThis as { pwned?: () => void }).pwned;
    }
    expect(calls).toEqual([]);
  });
});
