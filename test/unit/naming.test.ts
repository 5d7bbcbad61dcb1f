import { describe, expect, it } from "vitest";
import { packageTemplatesDir } from "../../src/emit/hbs/engine.js";
import { indexExports } from "../../src/emit/hbs/exports.js";
import {
  fileIdentifier,
  MAX_FILE_STEM,
  NameAllocator,
  reservedNames,
  typeIdentifier,
  valueIdentifier,
} from "../../src/emit/ts/names.js";
import { deriveOperationId } from "../../src/parse/v3/operations.js";
import { camelCase, pascalCase, words } from "../../src/util/case.js";
import { modelOf, spec3 } from "../helpers.js";

describe("case conversion", () => {
  it.each([
    ["createAssistant", ["create", "Assistant"]],
    ["admin-api-keys-list", ["admin", "api", "keys", "list"]],
    ["HTTPServerError", ["HTTP", "Server", "Error"]],
    ["billing_portal.session", ["billing", "portal", "session"]],
    ["Ünïcödé name", ["Unicode", "name"]],
    ["  ", []],
  ])("words(%j)", (input, expected) => {
    expect(words(input)).toEqual(expected);
  });

  it.each([
    ["foo-bar", "FooBar", "fooBar"],
    ["foo_bar", "FooBar", "fooBar"],
    ["get-an-album", "GetAnAlbum", "getAnAlbum"],
    ["find pet by id", "FindPetById", "findPetById"],
    ["JWKS.ed25519.PublicKey", "JWKSEd25519PublicKey", "jwksEd25519PublicKey"],
  ])("%j -> %s / %s", (input, pascal, camel) => {
    expect(pascalCase(input)).toBe(pascal);
    expect(camelCase(input)).toBe(camel);
  });
});

describe("identifiers", () => {
  // The client's reserved names: the globals, an API module's imports, the index template's exports.
  const reserved = reservedNames(indexExports(packageTemplatesDir()));

  it.each([
    ["Error", "Error"],
    ["string", "String"],
    ["any", "Any"],
    ["Record", "RecordModel"],
    ["Client", "ClientModel"],
    ["1st-place", "_1stPlace"],
    ["日本", "Type"],
  ])("typeIdentifier(%j) = %s", (input, expected) => {
    expect(typeIdentifier(input, undefined, reserved.types)).toBe(expected);
  });

  it.each([
    ["createAssistant", "createAssistant"],
    ["submitToolOuputsToRun", "submitToolOuputsToRun"],
    ["delete", "delete_"],
    ["post_oauth2_token#refresh", "postOauth2TokenRefresh"],
    ["auth.set", "authSet"],
    ["createClient", "createClient_"],
    ["9lives", "_9lives"],
  ])("valueIdentifier(%j) = %s", (input, expected) => {
    expect(valueIdentifier(input, undefined, reserved.values)).toBe(expected);
  });

  it.each([
    ["get", "/pets/{petId}", "getPetsByPetId"],
    ["post", "/", "post"],
    ["delete", "/users/{id}/keys", "deleteUsersByIdKeys"],
  ])("deriveOperationId(%s %s) = %s", (method, path, expected) => {
    expect(deriveOperationId(method, path)).toBe(expected);
  });

  it("fileIdentifier makes kebab-case names", () => {
    expect(fileIdentifier("Fine-tuning")).toBe("fine-tuning");
    expect(fileIdentifier("Vector Stores")).toBe("vector-stores");
    expect(fileIdentifier("???")).toBe("default");
    expect(fileIdentifier("core_v1")).toBe("core-v1");
    expect(fileIdentifier("apps/v1alpha1")).toBe("apps-v1alpha1");
    expect(fileIdentifier("2010-04-01")).toBe("_2010-04-01");
  });
});

describe("NameAllocator", () => {
  it("gives the first claimant the base name and numbers the rest", () => {
    const names = new NameAllocator([]);
    expect([names.claim("FooBar"), names.claim("FooBar"), names.claim("FooBar")]).toEqual([
      "FooBar",
      "FooBar2",
      "FooBar3",
    ]);
  });

  it("skips a numbered name that is already taken", () => {
    const names = new NameAllocator(["A2"]);
    expect([names.claim("A"), names.claim("A")]).toEqual(["A", "A3"]);
  });

  it("can compare names case-insensitively (file names)", () => {
    const names = new NameAllocator([], (n) => n.toLowerCase());
    expect([names.claim("pets"), names.claim("Pets")]).toEqual(["pets", "Pets2"]);
  });
});

describe("nameModel", () => {
  it("resolves names that collide after sanitising, in document order", () => {
    const model = modelOf(
      spec3({ schemas: { "foo-bar": { type: "string" }, foo_bar: { type: "number" }, FooBar: { type: "boolean" } } }),
    );
    expect(model.types.map((t) => [t.originalName, t.name])).toEqual([
      ["foo-bar", "FooBar"],
      ["foo_bar", "FooBar2"],
      ["FooBar", "FooBar3"],
    ]);
  });

  it("keeps names stable when an unrelated schema is added", () => {
    const base = { A: { type: "string" }, B: { type: "string" } };
    const before = modelOf(spec3({ schemas: base }));
    const after = modelOf(spec3({ schemas: { Z: { type: "number" }, ...base } }));
    expect(after.types.filter((t) => t.originalName !== "Z").map((t) => t.name)).toEqual(
      before.types.map((t) => t.name),
    );
  });

  it("derives missing and de-duplicates repeated operationIds", () => {
    const ok = { responses: { "204": { description: "none" } } };
    const model = modelOf(
      spec3({
        paths: {
          "/pets/{id}": { get: ok, delete: { ...ok, operationId: "remove" } },
          "/owners": { get: { ...ok, operationId: "remove" } },
        },
      }),
    );
    expect(model.operations.map((o) => o.name)).toEqual(["getPetsById", "remove", "remove2"]);
    expect(model.operations.map((o) => o.typeNames.params)).toEqual([
      "GetPetsByIdParams",
      "RemoveParams",
      "Remove2Params",
    ]);
  });

  it("keeps operation type names clear of schema names", () => {
    const model = modelOf(
      spec3({
        schemas: { ListPetsResponse: { type: "object", properties: { a: { type: "string" } } } },
        paths: { "/pets": { get: { operationId: "listPets", responses: { "200": { description: "ok" } } } } },
      }),
    );
    expect(model.operations[0]?.typeNames.response).toBe("ListPetsResponse2");
    expect(model.operations[0]?.typeNames.params).toBe("ListPetsParams");
  });

  it("gives each tag a unique module file", () => {
    const op = (tag: string) => ({ tags: [tag], responses: { "204": { description: "x" } } });
    const model = modelOf(
      spec3({ paths: { "/a": { get: op("Pets") }, "/b": { get: op("pets") }, "/c": { get: op("index") } } }),
    );
    expect(model.groups.map((g) => g.fileName)).toEqual(["pets", "pets2", "index2"]);
  });
});

describe("modules of untagged operations", () => {
  it("join the tag whose module has the same name", () => {
    const ok = { responses: { "204": { description: "x" } } };
    const model = modelOf(
      spec3({
        paths: { "/v1/responses": { get: { ...ok, tags: ["Responses"] }, post: ok }, "/v1/other": { get: ok } },
      }),
    );
    expect(model.operations.map((o) => o.group)).toEqual(["Responses", "Responses", "other"]);
    expect(model.groups.map((g) => g.fileName)).toEqual(["responses", "other"]);
  });
});

describe("module file names from the spec", () => {
  const ok = { responses: { "204": { description: "x" } } };

  it("a tag or path segment of thousands of characters gives a capped, stable, distinct file name", () => {
    const long = "x".repeat(3000);
    const model = modelOf(
      spec3({
        paths: {
          "/a": { get: { ...ok, tags: [long] } },
          "/b": { get: { ...ok, tags: [`${long}y`] } },
          [`/${"p".repeat(3000)}/{id}`]: { get: ok },
        },
      }),
    );
    const names = model.groups.map((g) => g.fileName);
    expect(names).toHaveLength(3);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(MAX_FILE_STEM);
      expect(name).toMatch(/^[a-z0-9_-]+-[0-9a-f]{8}$/);
    }
    expect(new Set(names).size).toBe(3);
    // Stable: the same tag always gets the same name, whatever else the spec holds.
    expect(fileIdentifier(long)).toBe(names[0]);
    expect(fileIdentifier(long)).toBe(fileIdentifier(long));
    expect(fileIdentifier("a".repeat(MAX_FILE_STEM))).toBe("a".repeat(MAX_FILE_STEM));
    expect(fileIdentifier("a".repeat(MAX_FILE_STEM + 1))).toHaveLength(MAX_FILE_STEM);
  });

  it.each(["../../up/pwned", "/etc/passwd", "..", "a\\..\\b", "C:\\x", "x/../../y", "\u0000nul", "..\u2215up"])(
    "tag %j stays a plain name inside api/",
    (tag) => {
      const model = modelOf(spec3({ paths: { "/a": { get: { ...ok, tags: [tag] } } } }));
      const name = model.groups[0]?.fileName ?? "";
      expect(name).toMatch(/^[a-z0-9_][a-z0-9_-]*$/);
    },
  );
});

describe("prototype-named tags", () => {
  it("a tag named constructor has no inherited description", () => {
    const ok = { responses: { "204": { description: "x" } } };
    const model = modelOf(spec3({ paths: { "/a": { get: { ...ok, tags: ["constructor"] } } } }));
    expect(model.groups).toEqual([{ tag: "constructor", fileName: "constructor" }]);
  });
});

describe("stream variants", () => {
  it("an operation offering JSON and text/event-stream gets a second, <name>Stream function", () => {
    const content = {
      "application/json": { schema: { type: "object" } },
      "text/event-stream": { schema: { type: "object" } },
    };
    const model = modelOf(
      spec3({
        paths: {
          "/a": { post: { operationId: "chat", responses: { "200": { description: "x", content } } } },
          "/b": {
            get: {
              operationId: "events",
              responses: {
                "200": { description: "x", content: { "text/event-stream": { schema: { type: "string" } } } },
              },
            },
          },
        },
      }),
    );
    expect(model.operations.map((o) => [o.name, o.streamName])).toEqual([
      ["chat", "chatStream"],
      ["events", undefined],
    ]);
  });
});

describe("paginate functions", () => {
  it("an operation with pagination gets paginate<Name>, never clashing with another export or renaming an operation", () => {
    const list = {
      parameters: [{ name: "after", in: "query", schema: { type: "string" } }],
      responses: {
        "200": {
          description: "x",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
                  has_more: { type: "boolean" },
                },
              },
            },
          },
        },
      },
    };
    const model = modelOf(
      spec3({
        paths: {
          "/a": { get: { operationId: "listItems", ...list } },
          "/b": { get: { operationId: "paginateListItems", responses: { "204": { description: "x" } } } },
          "/c": { get: { operationId: "delete", ...list } },
          "/d": { get: { operationId: "paginate", responses: { "204": { description: "x" } } } },
        },
      }),
    );
    expect(model.operations.map((o) => [o.name, o.paginateName])).toEqual([
      ["listItems", "paginateListItems2"],
      ["paginateListItems", undefined],
      ["delete_", "paginateDelete_"],
      ["paginate_", undefined],
    ]);
  });
});
