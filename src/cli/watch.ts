import { watch, type FSWatcher } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import type { ResolvedJob } from "../config/index.js";
import type { Io } from "./index.js";

const SPEC_FILES = new Set([".json", ".yaml", ".yml"]);

/**
 * Watches the folders of each job's spec and overlays (specs may reference files beside them) and reruns a job
 * when a JSON/YAML file there changes, debounced. Changes inside a job's output folder are ignored.
 * Resolves when the process is interrupted (SIGINT/SIGTERM) or `signal` aborts.
 */
export async function watchJobs(
  jobs: ResolvedJob[],
  run: (job: ResolvedJob) => Promise<boolean>,
  io: Io,
  signal?: AbortSignal,
): Promise<void> {
  const folders = new Map<string, ResolvedJob[]>();
  for (const job of jobs) {
    for (const folder of new Set([job.input, ...job.overlays].map((f) => dirname(resolve(f))))) {
      folders.set(folder, [...(folders.get(folder) ?? []), job]);
    }
  }
  const pending = new Set<ResolvedJob>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  const flush = (): void => {
    const batch = [...pending];
    pending.clear();
    running = running.then(async () => {
      for (const job of batch) await run(job);
    });
  };
  const watchers: FSWatcher[] = [];
  for (const [folder, folderJobs] of folders) {
    const watcher = watch(folder, { recursive: true }, (_event, name) => {
      if (name === null || !SPEC_FILES.has(extname(name).toLowerCase())) return;
      const changed = join(folder, name.toString());
      for (const job of folderJobs) {
        const output = resolve(job.output);
        if (changed !== output && !changed.startsWith(output + sep)) pending.add(job);
      }
      if (pending.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(flush, 100);
    });
    watchers.push(watcher);
  }
  io.out(`watching ${[...folders.keys()].map((f) => relative(process.cwd(), f) || ".").join(", ")} (Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
