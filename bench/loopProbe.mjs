/**
 * Event-loop probe, preloaded into every server process the benchmark starts
 * (`node --import <this file>`): it samples the process's event-loop delay and, on
 * SIGUSR2, writes the p99 since the previous signal (ms) to the file named by
 * BENCH_LOOP_PROBE_FILE, then starts over. Plain JavaScript because it is loaded before
 * any TypeScript loader, and into the reference server, which runs on plain Node.
 */
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env["BENCH_LOOP_PROBE_FILE"];
if (file) {
  // 1 ms resolution: the sampling timer itself costs a wake-up per millisecond, a few µs each.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on("SIGUSR2", () => {
    // Written aside and renamed, so the benchmark never reads half a file.
    const p99Ms = histogram.count > 0 ? histogram.percentile(99) / 1e6 : 0;
    writeFileSync(`${file}.part`, JSON.stringify({ p99Ms, samples: histogram.count }));
    renameSync(`${file}.part`, file);
    histogram.reset();
  });
  // Let the process exit as it would without the probe.
  process.on("exit", () => histogram.disable());
}
