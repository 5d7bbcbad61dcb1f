/**
 * The names a client's index module exports besides its models and API modules, read from the
 * index template itself (`files/index.ts.hbs`: the client module's and the runtime core's
 * `export { ... } from` lists), so the names the emitter keeps free are always the template's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Every name an `export { a, type B } from "..."` list of the template names (mustaches removed). */
export function templateExports(template: string): string[] {
  const text = template.replace(/(?:type )?\{\{[^}]*\}\}\w*/g, "");
  return [...text.matchAll(/^export (?:type )?\{([^}]*)\} from/gm)].flatMap((match) =>
    (match[1] ?? "")
      .split(",")
      .map((specifier) => specifier.trim().replace(/^type /, ""))
      .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)),
  );
}

/** The names the index template in `templatesDir` exports besides models and API modules. */
export function indexExports(templatesDir: string): string[] {
  return templateExports(readFileSync(join(templatesDir, "files", "index.ts.hbs"), "utf8"));
}
