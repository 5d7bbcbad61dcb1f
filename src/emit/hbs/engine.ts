import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** The templates shipped with the package (`<package>/templates`). */
export function packageTemplatesDir(): string {
  // dist/emit/hbs/engine.js or src/emit/hbs/engine.ts -> <package>/templates
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "templates");
}

/** A compiled template: view model in, text out. */
export type Template<T> = (view: T) => string;

/** The compiled templates of one generation. */
export interface TemplateSet extends FileTemplates {
  /** The runtime core files (name -> source), test files excluded, sorted by name. */
  runtime: [name: string, content: string][];
}

/** Compiled file templates, by name. */
export interface FileTemplates {
  file<T extends object>(name: string): Template<T>;
}

/**
 * Compiles the templates in `dir` (`files/*.hbs`, and `partials/*.hbs` when present) with an
 * isolated Handlebars environment: strict (a missing view-model field is an error), no HTML
 * escaping (values are escaped for their target by the view models), and no helpers beyond the
 * built-in ones.
 */
export function compileTemplates(dir: string): FileTemplates {
  const hbs = Handlebars.create();
  const options: CompileOptions = { strict: true, noEscape: true, knownHelpersOnly: true };
  const partials = existsSync(join(dir, "partials")) ? readdirSync(join(dir, "partials")).sort() : [];
  for (const file of partials) {
    if (file.endsWith(".hbs"))
      hbs.registerPartial(basename(file, ".hbs"), readFileSync(join(dir, "partials", file), "utf8"));
  }
  const compiled = new Map<string, Template<object>>();
  for (const file of readdirSync(join(dir, "files")).sort()) {
    if (file.endsWith(".hbs"))
      compiled.set(basename(file, ".hbs"), hbs.compile(readFileSync(join(dir, "files", file), "utf8"), options));
  }
  return {
    file<T extends object>(name: string): Template<T> {
      const template = compiled.get(name);
      if (!template) throw new Error(`Template files/${name}.hbs is missing`);
      return template as Template<T>;
    },
  };
}

/** The TypeScript client's templates (`dir`) and the runtime core beside them. */
export function loadTemplates(dir: string): TemplateSet {
  const { file } = compileTemplates(dir);
  const runtime = readdirSync(join(dir, "runtime"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f): [string, string] => [f, readFileSync(join(dir, "runtime", f), "utf8")]);
  return { file, runtime };
}
