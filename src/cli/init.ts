import { join, relative } from "node:path";
import { configSchemaPath, findConfig } from "../config/index.js";
import { starterConfig } from "../config/starter.js";
import { ConfigError } from "../util/errors.js";
import { addPackageScript, writeNewFile } from "../write/index.js";
import type { Args } from "./args.js";
import type { Io } from "./index.js";

/** `codegen init [<spec> [<out>]]`: writes a starter config and a `codegen` npm script. */
export async function init(args: Args, io: Io, command: string): Promise<void> {
  const [specOperand, outOperand, extra] = args.operands;
  if (extra !== undefined) throw new ConfigError(`unexpected argument "${extra}"`);
  const input = args.values.input ?? specOperand ?? "openapi.yaml";
  const output = args.values.output ?? outOperand ?? "src/api";
  const dir = process.cwd();
  const existing = findConfig(dir);
  if (existing)
    throw new ConfigError(`${relative(dir, existing)} already exists; nothing was written`, {
      hint: "Edit it, or remove it first.",
    });
  const format = args.values.typescript ? "ts" : "json";
  const schema = relative(dir, configSchemaPath()).replaceAll("\\", "/");
  const name = `codegen.config.${format}`;
  await writeNewFile(
    join(dir, name),
    starterConfig({ input, output, format, schema: schema.startsWith(".") ? schema : `./${schema}` }),
  );
  const script = await addPackageScript(dir, "codegen", "codegen");
  if (args.values.quiet) return;
  io.out(`wrote ${name} (spec: ${input}, output: ${output})`);
  if (script === "added") io.out('added the npm script "codegen": run `npm run codegen` to generate the client');
  else if (script === "exists")
    io.out(`package.json already has a "codegen" script; run \`${command}\` to generate the client`);
  else io.out(`no package.json here: run \`${command}\` to generate the client`);
}
