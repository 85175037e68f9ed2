import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

/** The client build (`client/` -> `dist/client`); in dev, /api and /collab go to the server. */
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/collab": { target: "ws://127.0.0.1:3000", ws: true },
    },
  },
});
