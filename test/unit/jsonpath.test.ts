import { describe, expect, it } from "vitest";
import { matchTarget as queryJsonPath } from "../../src/parse/overlay.js";

const doc = {
  info: { title: "T", "x-a.b": 1 },
  paths: {
    "/pets": {
      get: { operationId: "listPets", tags: ["pets"], "x-paginated": true },
      post: { operationId: "createPet", tags: ["pets"] },
    },
    "/users/{id}": { get: { operationId: "getUser", tags: ["users"], deprecated: false } },
  },
  list: [10, 20, 30],
};

describe("JSONPath overlay targets (RFC 9535, jsonpath-rfc9535)", () => {
  it.each<[string, unknown[]]>([
    ["$.info.title", ["T"]],
    ["$['info']['x-a.b']", [1]],
    ['$.paths["/pets"].get.operationId', ["listPets"]],
    ["$.paths.*.get.operationId", ["listPets", "getUser"]],
    ["$.paths[*][*].operationId", ["listPets", "createPet", "getUser"]],
    ["$..operationId", ["listPets", "createPet", "getUser"]],
    ["$.list[0]", [10]],
    ["$.list[-1]", [30]],
    ["$.list[0,2]", [10, 30]],
    ["$.paths.*[?@.operationId == 'createPet'].tags[0]", ["pets"]],
    ["$.paths.*[?@['x-paginated']].operationId", ["listPets"]],
    ["$.paths.*[?@.deprecated].operationId", ["getUser"]],
    ["$.paths.*[?!@.tags].operationId", []],
    // jsonpath-rfc9535 1.3.0 selects nothing for a comparison on an index (`@.tags[0] == 'pets'`);
    // a nested filter says the same (README, Known limits).
    ["$.paths.*[?@.tags[?@ == 'pets'] && @.operationId != 'listPets'].operationId", ["createPet"]],
    ["$.paths.*[?(@.operationId == 'getUser' || @.operationId == 'listPets')].operationId", ["listPets", "getUser"]],
    ["$.list[?@ > 15]", [20, 30]],
    ["$.paths.*[?$.info.title == 'T'].operationId", ["listPets", "createPet", "getUser"]],
    ["$.nothing.here", []],
  ])("%s", (query, expected) => {
    expect(queryJsonPath(doc, query).map((m) => m.value)).toEqual(expected);
  });

  it.each(["info.title", "$.", "$[", "$['open", "$.list[?@ >]"])("rejects %j with a clear error", (query) => {
    expect(() => queryJsonPath(doc, query)).toThrowError();
  });

  it.each<[string, unknown[]]>([
    // RFC 9535 features the hand-written evaluator lacked.
    ["$.list[1:]", [20, 30]],
    ["$.list[::-1]", [30, 20, 10]],
    ["$.paths[?length(@) == 2].post.operationId", ["createPet"]],
    ["$.paths.*.*[?match(@.operationId, 'get.*')].operationId", []],
    ["$.paths.*[?match(@.operationId, 'get.*')].operationId", ["getUser"]],
    ["$.paths.*[?count(@.tags) == 1].operationId", ["listPets", "createPet", "getUser"]],
  ])("%s", (query, expected) => {
    expect(queryJsonPath(doc, query).map((m) => m.value)).toEqual(expected);
  });

  it("reports each match's parent and key", () => {
    const [match] = queryJsonPath(doc, "$.list[1]");
    expect(match?.parent).toBe(doc.list);
    expect(match?.key).toBe(1);
  });
});
