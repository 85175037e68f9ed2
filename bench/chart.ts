import { chromium } from "@playwright/test";

/** One server's latency at one N. */
interface Point {
  server: string;
  n: number;
  p50: number;
  p99: number;
}

/** Latency percentiles per N for each server, as an SVG rendered to PNG in Chromium. */
export async function renderChart(points: Point[], file: string): Promise<void> {
  const sizes = [...new Set(points.map((p) => p.n))];
  const max = Math.max(1, ...points.map((p) => (Number.isFinite(p.p99) ? p.p99 : 0)));
  const width = 720;
  const height = 360;
  const left = 60;
  const bottom = 300;
  const groupWidth = (width - left - 20) / sizes.length;
  const colors: Record<string, [string, string]> = { reference: ["#94a3b8", "#cbd5e1"], hocuspocus: ["#b45309", "#fcd34d"], ours: ["#1d4ed8", "#93c5fd"] };
  const legends: Record<string, string> = { reference: "reference y-websocket 1.5.4", hocuspocus: "Hocuspocus 4, SQLite extension", ours: "ours (auth, durable writes)" };
  const names = [...new Set(points.map((p) => p.server))];
  // The tallest bar ends under the legend.
  const top = 40 + 18 * names.length;
  const bars = points.map((p) => {
    const group = sizes.indexOf(p.n);
    const offset = names.indexOf(p.server);
    const x = left + group * groupWidth + 12 + offset * ((groupWidth - 8) / names.length);
    const w = (groupWidth - 8) / names.length - 8;
    const h99 = ((Number.isFinite(p.p99) ? p.p99 : 0) / max) * (bottom - top);
    const h50 = ((Number.isFinite(p.p50) ? p.p50 : 0) / max) * (bottom - top);
    const [dark, light] = colors[p.server] ?? ["#333", "#999"];
    return `<rect x="${x}" y="${bottom - h99}" width="${w}" height="${h99}" fill="${light}"/><rect x="${x}" y="${bottom - h50}" width="${w}" height="${h50}" fill="${dark}"/>`;
  });
  const labels = sizes.map((n, i) => `<text x="${left + i * groupWidth + groupWidth / 2}" y="${bottom + 20}" text-anchor="middle">${n} editors</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">
    <rect width="100%" height="100%" fill="white"/>
    <text x="${left}" y="18" font-size="14" font-weight="bold">Edit propagation latency (ms): p50 (dark) and p99 (light)</text>
    <line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#999"/>
    <text x="${left - 8}" y="${bottom}" text-anchor="end">0</text><text x="${left - 8}" y="${top + 6}" text-anchor="end">${max.toFixed(0)}</text>
    ${bars.join("")}${labels.join("")}
    ${names
      .map((name, i) => `<rect x="${width - 230}" y="${30 + 18 * i}" width="12" height="12" fill="${(colors[name] ?? ["#333"])[0]}"/><text x="${width - 212}" y="${40 + 18 * i}">${legends[name] ?? name}</text>`)
      .join("")}
  </svg>`;
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.setContent(svg);
    await page.screenshot({ path: file });
  } finally {
    await browser.close();
  }
}
