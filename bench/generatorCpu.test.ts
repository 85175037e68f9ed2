/** The load generator's CPU watch: worker threads started while watching are counted, earlier threads are not. */
import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { watchGeneratorCpu } from "./generatorCpu.js";

/** A worker thread that computes until told to stop, then exits. */
function busyWorker(): { ready: Promise<void>; stop(): Promise<void> } {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     let running = true;
     parentPort.on("message", () => { running = false; });
     parentPort.postMessage("started");
     const spin = () => { let x = 0; for (let i = 0; i < 5e6; i++) x += Math.sqrt(i); if (running) setImmediate(spin); else process.exit(x > 0 ? 0 : 1); };
     spin();`,
    { eval: true },
  );
  const ready = new Promise<void>((resolve) => worker.once("message", () => resolve()));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    ready,
    stop: async () => {
      worker.postMessage("stop");
      await exited;
    },
  };
}

/** Wait until this process (the busy worker, mostly) has used `ms` of CPU. */
async function untilProcessUsed(ms: number): Promise<void> {
  const start = process.cpuUsage();
  while (true) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
  }
}

describe("watchGeneratorCpu", () => {
  it("counts a worker thread started while it watches", async () => {
    const watch = watchGeneratorCpu(20);
    const worker = busyWorker();
    await worker.ready;
    await untilProcessUsed(300);
    const cpu = watch.stop();
    await worker.stop();
    expect(cpu.busiestThreadCores).toBeGreaterThan(0);
    expect(cpu.cores).toBeGreaterThan(0);
  });

  it("leaves out threads that were running before it started", async () => {
    const worker = busyWorker();
    await worker.ready;
    const watch = watchGeneratorCpu(20);
    await untilProcessUsed(300);
    const cpu = watch.stop();
    await worker.stop();
    expect(cpu.busiestThreadCores).toBe(0);
    expect(cpu.cores).toBeGreaterThan(0);
  });
});
