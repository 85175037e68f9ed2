/**
 * Draws the app's icons from `public/icon.svg` with the system Chromium: the PNGs the web
 * app manifest names (192, 512, and a maskable 512 whose drawing keeps inside the safe
 * zone) and `favicon.ico`. Run after changing the drawing: `tsx scripts/makeIcons.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const publicDir = path.resolve(import.meta.dirname, "..", "public");
const svg = readFileSync(path.join(publicDir, "icon.svg"), "utf8");
/** The blue of the icon: the interface's accent (`--accent` in client/styles.css). */
const accent = "#1d4ed8";

/** An ICO file holding one PNG (every browser since 2007 reads PNG-in-ICO). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}

const browser = await chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
async function render(size: number, maskable: boolean): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  // Maskable: full-bleed background, the drawing within the central 80% that every mask keeps.
  const inner = maskable ? Math.round(size * 0.72) : size;
  const body = maskable ? svg.replace('rx="7"', 'rx="0"') : svg;
  await page.setContent(
    `<html><body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? accent : "transparent"}">` +
      `<div style="width:${inner}px;height:${inner}px">${body.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  );
  return page.screenshot({ omitBackground: !maskable, clip: { x: 0, y: 0, width: size, height: size } });
}
writeFileSync(path.join(publicDir, "icon-192.png"), await render(192, false));
writeFileSync(path.join(publicDir, "icon-512.png"), await render(512, false));
writeFileSync(path.join(publicDir, "icon-maskable-512.png"), await render(512, true));
writeFileSync(path.join(publicDir, "apple-touch-icon.png"), await render(180, true));
writeFileSync(path.join(publicDir, "favicon.ico"), icoOf(await render(32, false), 32));
await browser.close();
