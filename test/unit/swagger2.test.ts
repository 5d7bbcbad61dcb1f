import { it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { generate } from "../../src/index.js";
it("smoke", async () => {
  for (const f of ["alertmanager-v2.yaml","gitea-swagger.json","kubernetes-swagger.json"]) {
    const out = `/work/main/test/.tmp/swagger2/${f}`;
    rmSync(out, { recursive: true, force: true });
    let t = Date.now();
    const files = await generate({ input: `/work/shared/specs/${f}`, output: out });
    for (const file of files) { mkdirSync(dirname(join(out, file.path)), { recursive: true }); writeFileSync(join(out, file.path), file.content); }
    console.log(f, "gen", Date.now()-t, files.map(f=>f.path).join(" ").slice(0,300));
    t = Date.now();
    const r = spawnSync(process.execPath, ["scripts/tsc.mjs", "--strict", "--noEmit", "--target", "ES2022", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--lib", "ES2022,DOM", "--skipLibCheck", "--ignoreConfig", ...files.filter(x=>x.path.endsWith(".ts")).map(x => join(out, x.path))], { encoding: "utf8" });
    console.log(f, "tsc", r.status, Date.now()-t, (r.stdout+r.stderr).slice(0, 3000));
  }
}, 200000);
