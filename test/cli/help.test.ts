import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPTIONS } from "../../src/cli/args.js";
import { EXIT_CODES, helpText, USAGE } from "../../src/cli/help.js";
import { configSchemaPath } from "../../src/config/index.js";
import { root } from "./support.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const section = (title: string): string => {
  const start = readme.indexOf(`\n## ${title}`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
};

describe("help, README and exit codes agree", () => {
  const cli = section("CLI");
  const help = helpText();

  it("the README shows the usage lines and the exit codes of --help, word for word", () => {
    for (const line of [...USAGE, EXIT_CODES]) {
      expect(help).toContain(line);
      expect(cli).toContain(line);
    }
  });

  it.each(Object.entries(OPTIONS))(
    "--%s is in --help and in the README's option table, with its short form",
    (name, option) => {
      const flags = `${"short" in option ? `-${option.short}, ` : ""}--${name}`;
      expect(help).toContain(flags);
      expect(cli).toMatch(new RegExp(`\\| \`${flags}[ \`]`));
    },
  );

  it("the README's option table has no option the CLI lacks", () => {
    for (const [, flag] of cli.matchAll(/^\| `(?:-\w, )?--([\w-]+)/gm)) expect(Object.keys(OPTIONS)).toContain(flag);
  });

  it("the README's config table lists exactly the keys of the config schema", () => {
    const schema = JSON.parse(readFileSync(configSchemaPath(), "utf8")) as {
      definitions: { job: { properties: object } };
    };
    const keys = [...section("Config reference").matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(schema.definitions.job.properties).sort());
  });
});
