import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isUrl } from "../util/url.js";
import type { Io } from "./index.js";

/** What to watch, and what to do on a change. */
export interface WatchPlan<Job> {
  /** The jobs, each with the files it read on its last run. */
  jobs(): { job: Job; sources: readonly string[] }[];
  /** Reruns the jobs (after one of their files changed). */
  run(jobs: Job[]): Promise<void>;
  /** The config file, if the jobs come from one: a change reloads it and reruns every job. */
  config?: { file: string; reload(): Promise<void> };
}

/**
 * Watches exactly the files the jobs read (spec, `$ref`ed files, overlays) and the config file, and
 * reruns the jobs a change concerns, debounced. Folders are watched, not files, so that editors that
 * save by renaming are seen; nothing else in them (node_modules, the output) triggers anything.
 * After each run the set of files is taken afresh ($refs may have changed). URLs are not watched.
 * Resolves when the process is interrupted (SIGINT/SIGTERM) or `signal` aborts, with true; at once
 * with false when there is nothing that can be watched.
 */
export async function watchJobs<Job>(plan: WatchPlan<Job>, io: Io, signal?: AbortSignal): Promise<boolean> {
  const watchers = new Map<string, FSWatcher>();
  let files = new Map<string, Job[]>();
  const pending = new Set<Job>();
  let reloadConfig = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  let stopped = false;

  const refresh = (): void => {
    if (stopped) return;
    files = new Map();
    for (const { job, sources } of plan.jobs()) {
      for (const source of sources)
        if (!isUrl(source)) files.set(resolve(source), [...(files.get(resolve(source)) ?? []), job]);
    }
    const all = [...files.keys(), ...(plan.config ? [resolve(plan.config.file)] : [])];
    const folders = new Set(all.map((f) => dirname(f)));
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(
          folder,
          watch(folder, (_event, name) => name !== null && changed(join(folder, basename(name.toString())))),
        );
      } catch (error) {
        io.err(`warning: cannot watch ${relative(process.cwd(), folder) || "."}: ${(error as Error).message}`);
      }
    }
    io.out(
      `watching ${all
        .map((f) => relative(process.cwd(), f) || f)
        .sort()
        .join(", ")} (Ctrl-C to stop)`,
    );
  };

  const changed = (file: string): void => {
    if (plan.config && file === resolve(plan.config.file)) reloadConfig = true;
    for (const job of files.get(file) ?? []) pending.add(job);
    if (!reloadConfig && pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(flush, 100);
  };

  const flush = (): void => {
    const reload = reloadConfig;
    const batch = [...pending];
    reloadConfig = false;
    pending.clear();
    running = running.then(async () => {
      if (reload && plan.config) {
        await plan.config.reload();
        await plan.run(plan.jobs().map((j) => j.job));
      } else {
        await plan.run(batch);
      }
      refresh();
    });
  };

  refresh();
  if (watchers.size === 0) {
    io.err("error: nothing to watch (no file a job read is in a folder that exists)");
    return false;
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.then(done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    signal?.addEventListener("abort", stop, { once: true });
  });
  return true;
}
