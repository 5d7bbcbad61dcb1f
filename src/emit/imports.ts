/**
 * How relative module specifiers are spelled in the generated files. Templates and the runtime core
 * are written with `.js` (what Node ESM and `tsc` emit need); this pass respells them for `.ts`
 * (Deno, `allowImportingTsExtensions`) or no extension (bundlers).
 */
import type { GeneratedFile } from "../util/files.js";

/** The extension of relative imports: `.js` (default), `.ts` or none. */
export type ImportExtension = ".js" | ".ts" | "";

/** The choices, in the order they are documented. */
export const IMPORT_EXTENSIONS: readonly ImportExtension[] = [".js", ".ts", ""];

/**
 * The specifier of an import or export declaration: generated code starts each declaration on its
 * own line (`import ...`, `export ... from`, or `} from` closing a multi-line one). Spec text only
 * ever lands in comments (whose lines start with `*` or `/**`) or escaped string literals, so it
 * never matches.
 */
const DECLARATION = /^((?:import|export)\b[^\n]*?\bfrom\s+|import\s+|\}\s*from\s+)"(\.{1,2}\/[^"\\\n]*)\.js"/gm;

/** Respells the relative specifiers of one file's import and export declarations. */
export function spellImports(content: string, extension: ImportExtension): string {
  if (extension === ".js") return content;
  return content.replace(DECLARATION, (_match, head: string, path: string) => `${head}"${path}${extension}"`);
}

/** Respells every file's relative imports. */
export function spellAllImports(files: GeneratedFile[], extension: ImportExtension): GeneratedFile[] {
  return extension === ".js"
    ? files
    : files.map((f) => ({ path: f.path, content: spellImports(f.content, extension) }));
}
