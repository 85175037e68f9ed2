/**
 * The load generator's own CPU while a scenario runs: the whole process (main thread and
 * worker threads, from `process.cpuUsage`) and each thread started meanwhile (the worker
 * threads, read from /proc/self/task), so a figure bound by the generator can be told.
 */
import { readdirSync, readFileSync } from "node:fs";

const clockTicks = 100;

/** The generator's CPU over a scenario, in cores (CPU seconds per second of wall time). */
export interface GeneratorCpu {
  /** The whole generator process. */
  cores: number;
  /** The busiest thread started during the scenario (a worker thread). */
  busiestThreadCores: number;
  /** True when the generator may have bound the figures: a thread above 0.9 of a core, or the process above one core. */
  bound: boolean;
}

function threadTicks(tid: string): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    // The thread ended between the listing and the read.
    return null;
  }
}

/** Start watching; `stop()` returns what the generator used since. */
export function watchGeneratorCpu(sampleMs = 250): { stop(): GeneratorCpu } {
  const existing = new Set(readdirSync("/proc/self/task"));
  const ticks = new Map<string, number>();
  const sample = () => {
    for (const tid of readdirSync("/proc/self/task")) {
      if (existing.has(tid)) continue;
      const value = threadTicks(tid);
      if (value !== null) ticks.set(tid, value);
    }
  };
  const timer = setInterval(sample, sampleMs);
  const started = performance.now();
  const usage = process.cpuUsage();
  return {
    stop() {
      sample();
      clearInterval(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(usage);
      const cores = (used.user + used.system) / 1e6 / wallSeconds;
      const busiestThreadCores = Math.max(0, ...ticks.values()) / clockTicks / wallSeconds;
      return { cores, busiestThreadCores, bound: cores > 1 || busiestThreadCores > 0.9 };
    },
  };
}
