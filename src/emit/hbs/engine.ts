import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";

/** A compiled template: view model in, text out. */
export type Template<T> = (view: T) => string;

/** The compiled templates of one generation. */
export interface TemplateSet {
  file<T extends object>(name: string): Template<T>;
  /** The runtime core files (name -> source), test files excluded, sorted by name. */
  runtime: [name: string, content: string][];
}

/**
 * Compiles the templates in `dir` with an isolated Handlebars environment: strict (a missing
 * view-model field is an error), no HTML escaping (values are escaped for TypeScript by the view
 * models), and no helpers beyond the built-in ones.
 */
export function loadTemplates(dir: string): TemplateSet {
  const hbs = Handlebars.create();
  const options: CompileOptions = { strict: true, noEscape: true, knownHelpersOnly: true };
  for (const file of readdirSync(join(dir, "partials")).sort()) {
    if (file.endsWith(".hbs")) hbs.registerPartial(basename(file, ".hbs"), readFileSync(join(dir, "partials", file), "utf8"));
  }
  const compiled = new Map<string, Template<object>>();
  for (const file of readdirSync(join(dir, "files")).sort()) {
    if (file.endsWith(".hbs")) compiled.set(basename(file, ".hbs"), hbs.compile(readFileSync(join(dir, "files", file), "utf8"), options));
  }
  const runtime = readdirSync(join(dir, "runtime"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f): [string, string] => [f, readFileSync(join(dir, "runtime", f), "utf8")]);
  return {
    file<T extends object>(name: string): Template<T> {
      const template = compiled.get(name);
      if (!template) throw new Error(`Template files/${name}.hbs is missing`);
      return template as Template<T>;
    },
    runtime,
  };
}
