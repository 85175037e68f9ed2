import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";

/**
 * The client build (`client/` -> `dist/client`); in dev, /api and /collab go to the server.
 * No source maps in the build: whatever lands in `dist/client` is public (ours or any
 * static server in front), and the maps hand out the whole client source. The dev
 * server keeps its own in-memory maps.
 */
export default defineConfig({
  root: "client",
  // Icons and favicon.ico, copied as they are to the root of the build.
  publicDir: "../public",
  plugins: [
    react(),
    // The installable app shell: a service worker that keeps the built client so a
    // statement opened before opens with no connection (its text is in IndexedDB).
    VitePWA({
      // A new deploy waits for the person to press "Reload" (client/collab/UpdatePrompt.tsx):
      // an automatic reload would throw away a comment or reply being written.
      registerType: "prompt",
      // Registered from main.tsx: an injected inline script would break the CSP (script-src 'self').
      injectRegister: false,
      manifest: {
        name: "Drafting workspace",
        short_name: "Drafting",
        description: "Live drafting workspace for coalition statements: ten Acts of numbered clauses, co-written live.",
        lang: "en",
        start_url: "/",
        scope: "/",
        display: "standalone",
        // --accent and --canvas in client/styles.css.
        theme_color: "#1d4ed8",
        background_color: "#f5f6f8",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,webmanifest}"],
        // Client routes (/d/:id, /members...) open from the cached shell; the API, the
        // websocket, the exports (downloads under /api) and file names (the server's 404,
        // as in server/http/clientApp.ts) always go to the server.
        navigateFallback: "/index.html",
        // The public sign-on pages too: the server gives them a stricter policy than the shell's.
        navigateFallbackDenylist: [/^\/api\//, /^\/collab(\/|$)/, /^\/sign(-on)?\//, /\/[^/?]+\.[^/?]+$/],
        cleanupOutdatedCaches: true,
        sourcemap: false,
      },
    }),
  ],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // The statement's lines read in their own direction (dir="auto"): the CSS places clause
    // numbers by their :dir(), which must reach the browser as it is. Below Chrome 120 the
    // minifier rewrites :dir() into :lang(), the interface's language, the wrong side for
    // an Arabic clause in an English statement. Older browsers drop those rules and keep
    // the numbers on the statement's side. Otherwise Vite's default (baseline widely available).
    cssTarget: ["chrome120", "edge120", "firefox114", "safari16.4", "ios16.4"],
  },
  server: {
    port: 5173,
    proxy: {
      // "/api/" with its slash: the client's own module client/api.ts is served as /api.ts.
      "/api/": "http://127.0.0.1:3000",
      // Only the sockets (/collab/<statement id>): the client's own modules live under /collab/ too.
      "^/collab/[^/.?]+(\\?.*)?$": { target: "ws://127.0.0.1:3000", ws: true },
    },
  },
});
