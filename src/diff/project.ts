/**
 * Both generated clients in one in-memory ts-morph project (strict options, nothing read from disk
 * but TypeScript's own lib files), and the public surface of each: what its `index.ts` exports,
 * the runtime core (the same code in every client) left out.
 */
import { type FunctionDeclaration, Node, Project, ts } from "ts-morph";
import type { GeneratedFile } from "../emit/index.js";

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
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  skipLibCheck: true,
};

/** Loads both clients (each under its own root folder) into one project. */
export function loadClients(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]): LoadedClients {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: COMPILER_OPTIONS, skipAddingFilesFromTsConfig: true });
  // Every file goes in before any type is asked for: adding a file afterwards makes a new program,
  // and types of two programs cannot be compared.
  for (const [root, files] of [["old", oldFiles], ["new", newFiles]] as const) {
    for (const file of files) if (file.path.endsWith(".ts")) project.createSourceFile(`/${root}/${file.path}`, file.content);
  }
  const checker = project.getTypeChecker().compilerObject;
  const api = (root: string) => {
    const index = project.getSourceFile(`/${root}/index.ts`);
    if (!index) throw new Error(`The ${root} client has no index.ts`);
    return surface(index.getExportedDeclarations());
  };
  return { checker, old: api("old"), new: api("new") };
}

function surface(exported: ReadonlyMap<string, Node[]>): ClientApi {
  const api: ClientApi = { functions: new Map(), types: new Map(), values: new Map() };
  for (const [name, declarations] of exported) {
    const node = declarations[0];
    if (!node || /\/core\//.test(node.getSourceFile().getFilePath())) continue;
    if (Node.isFunctionDeclaration(node)) api.functions.set(name, { name, node, operation: operationOf(node) });
    else if (Node.isInterfaceDeclaration(node) || Node.isTypeAliasDeclaration(node)) api.types.set(name, { name, type: node.getType().compilerType, node });
    else api.values.set(name, { name, node });
  }
  return api;
}

/** The method and path a generated operation function sends, read from its request literal. */
function operationOf(fn: FunctionDeclaration): string | undefined {
  for (const call of fn.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
    const spec = call.getArguments()[0];
    if (!Node.isObjectLiteralExpression(spec)) continue;
    const read = (key: string) => {
      const property = spec.getProperty(key);
      const value = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
      return Node.isStringLiteral(value) ? value.getLiteralValue() : undefined;
    };
    const method = read("method");
    const path = read("path");
    if (method === undefined || path === undefined) continue;
    return `${method} ${path}${read("responseType") === "sse" ? " stream" : ""}`;
  }
  return undefined;
}
