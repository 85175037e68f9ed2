// First: it must run before any zod schema is built (see the file).
import "./zodWithoutEval.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { UpdatePrompt } from "./collab/UpdatePrompt.js";
import "./styles.css";
import "./narrow.css";

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
);
