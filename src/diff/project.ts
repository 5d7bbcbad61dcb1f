/**
 * Both generated clients in one in-memory ts-morph project (strict options, nothing read from disk
 * but TypeScript's own lib files), and the public surface of each: what its `index.ts` exports,
 * the runtime core (the same code in every client) left out.
 */
import { type FunctionDeclaration, Node, Project, type SourceFile, ts } from "ts-morph";
import type { GeneratedFile } from "../util/files.js";

/** One exported function of a client. */
export interface ApiFunction {
  name: string;
  node: FunctionDeclaration;
  /** `GET /path` of the operation it calls (` stream` appended when it reads an event stream). */
  operation: string | undefined;
}

/** One exported type (interface or alias) of a client. */
export interface ApiType {
  name: string;
  type: ts.Type;
  node: Node;
}

/** One exported value (not a function) of a client. */
export interface ApiValue {
  name: string;
  node: Node;
}

/** The public surface of one generated client. */
export interface ClientApi {
  functions: Map<string, ApiFunction>;
  types: Map<string, ApiType>;
  values: Map<string, ApiValue>;
}

/** The two clients and the checker that compares them. */
export interface LoadedClients {
  checker: ts.TypeChecker;
  old: ClientApi;
  new: ClientApi;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  types: [],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
};

/**
 * The browser types the generated API (outside the runtime core) names, declared as the DOM lib
 * does in the parts a comparison looks at. Binding all of lib.dom.d.ts costs seconds; it is only
 * loaded when a client names something this does not declare.
 */
const DOM_SUBSET = `interface Blob {
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
  slice(start?: number, end?: number, contentType?: string): Blob;
  text(): Promise<string>;
}
declare var Blob: { prototype: Blob; new (blobParts?: unknown[], options?: { type?: string }): Blob };
`;

/** Loads both clients (each under its own root folder) into one project. */
export function loadClients(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]): LoadedClients {
  return tryLoad(oldFiles, newFiles, "subset") ?? (tryLoad(oldFiles, newFiles, "dom") as LoadedClients);
}

/** Undefined when the API names a global type the DOM subset lacks. */
function tryLoad(
  oldFiles: GeneratedFile[],
  newFiles: GeneratedFile[],
  lib: "subset" | "dom",
): LoadedClients | undefined {
  const compilerOptions = {
    ...COMPILER_OPTIONS,
    lib: lib === "dom" ? ["lib.es2022.d.ts", "lib.dom.d.ts"] : ["lib.es2022.d.ts"],
  };
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions, skipAddingFilesFromTsConfig: true });
  if (lib === "subset") project.createSourceFile("/lib/dom-subset.d.ts", DOM_SUBSET);
  // Every file goes in before any type is asked for: adding a file afterwards makes a new program,
  // and types of two programs cannot be compared.
  // The two runtime cores are the same code (copied from the same templates; only the header naming
  // the spec differs): the new client's core re-exports the old one's, so the classes it declares
  // (ApiPromise, the errors) are one declaration to the checker, not two nominally different ones.
  const oldCore = new Set(oldFiles.filter((f) => isRuntime(`/${f.path}`)).map((f) => f.path));
  for (const [root, files] of [
    ["old", oldFiles],
    ["new", newFiles],
  ] as const) {
    for (const file of files) {
      if (!file.path.endsWith(".ts")) continue;
      const shared = root === "new" && oldCore.has(file.path);
      const content = shared
        ? `export * from "${"../".repeat(file.path.split("/").length)}old/${file.path.replace(/\.ts$/, ".js")}";\n`
        : file.content;
      project.createSourceFile(`/${root}/${file.path}`, content);
    }
  }
  const checker = project.getTypeChecker().compilerObject;
  if (
    lib === "subset" &&
    project.getSourceFiles().some((file) => !isRuntime(file.getFilePath()) && namesUnknownType(checker, file))
  )
    return undefined;
  const api = (root: string) => {
    const index = project.getSourceFile(`/${root}/index.ts`);
    if (!index) throw new Error(`The ${root} client has no index.ts`);
    return surface(index.getExportedDeclarations());
  };
  return { checker, old: api("old"), new: api("new") };
}

/** The runtime core: the same code in every client, left out of the comparison. */
function isRuntime(path: string): boolean {
  return /\/core\//.test(path);
}

/** Whether a file refers to a type no declaration in the project defines (the checker's unknown symbol has none). */
function namesUnknownType(checker: ts.TypeChecker, file: SourceFile): boolean {
  const visit = (node: ts.Node): boolean =>
    (ts.isTypeReferenceNode(node) &&
      !ts.isConstTypeReference(node) &&
      !checker.getSymbolAtLocation(node.typeName)?.declarations?.length) ||
    ts.forEachChild(node, visit) === true;
  return visit(file.compilerNode);
}

function surface(exported: ReadonlyMap<string, Node[]>): ClientApi {
  const api: ClientApi = { functions: new Map(), types: new Map(), values: new Map() };
  for (const [name, declarations] of exported) {
    const node = declarations[0];
    if (!node || isRuntime(node.getSourceFile().getFilePath())) continue;
    if (Node.isFunctionDeclaration(node)) api.functions.set(name, { name, node, operation: operationOf(node) });
    else if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node))
      api.types.set(name, { name, type: node.getType().compilerType, node });
    else api.values.set(name, { name, node });
  }
  return api;
}

/**
 * The method and path a generated operation function sends, read from its request literal (the
 * spec object of `request(client, spec, options)`, or of `client.request(spec, options)` in
 * clients generated before the core took reader functions).
 */
function operationOf(fn: FunctionDeclaration): string | undefined {
  for (const call of fn.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
    for (const spec of call.getArguments()) {
      if (!Node.isObjectLiteralExpression(spec)) continue;
      const initializer = (key: string) => {
        const property = spec.getProperty(key);
        return Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
      };
      const read = (key: string) => {
        const value = initializer(key);
        return Node.isStringLiteral(value) ? value.getLiteralValue() : undefined;
      };
      const method = read("method");
      const path = read("path");
      if (method === undefined || path === undefined) continue;
      const reader = initializer("read")?.getText();
      const stream = read("responseType") === "sse" || reader === "readEvents" || reader === "readJsonLines";
      return `${method} ${path}${stream ? " stream" : ""}`;
    }
  }
  return undefined;
}
