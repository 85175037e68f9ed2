import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/**
 * The client build (`client/` -> `dist/client`); in dev, /api and /collab go to the server.
 * No source maps in the build: whatever lands in `dist/client` is public (ours or any
 * static server in front), and the maps hand out the whole client source. The dev
 * server keeps its own in-memory maps.
 */
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/collab": { target: "ws://127.0.0.1:3000", ws: true },
    },
  },
});
