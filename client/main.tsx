// First: it must run before any zod schema is built (see the file).
import "./zodWithoutEval.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { UpdatePrompt } from "./collab/UpdatePrompt.js";
import { firstLanguage, LanguageProvider, markPage } from "./i18n/LanguageProvider.js";
import "./styles.css";
import "./narrow.css";

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");
// The first screen is drawn in its language at once: its catalogue loads first.
void firstLanguage().then((initial) => {
  markPage(initial.locale);
  createRoot(root).render(
    <StrictMode>
      <LanguageProvider initial={initial}>
        <App />
        <UpdatePrompt />
      </LanguageProvider>
    </StrictMode>,
  );
});
