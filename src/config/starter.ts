/** The starter config `codegen init` writes: JSON (with `$schema`, for editors) or TypeScript (with defineConfig). */
export function starterConfig(options: {
  input: string;
  output: string;
  format: "json" | "ts";
  schema: string;
}): string {
  const job = { input: options.input, output: options.output };
  if (options.format === "json") return `${JSON.stringify({ $schema: options.schema, jobs: [job] }, null, 2)}\n`;
  return [
    'import { defineConfig } from "codegen-openapi-client/config";',
    "",
    "export default defineConfig({",
    "  jobs: [",
    "    {",
    `      input: ${JSON.stringify(options.input)},`,
    `      output: ${JSON.stringify(options.output)},`,
    "    },",
    "  ],",
    "});",
    "",
  ].join("\n");
}
