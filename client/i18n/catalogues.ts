/// <reference types="vite/client" />
import type { Locale } from "../../shared/i18n/locales.js";

/** A language's messages by id (ICU message format). */
export type Catalogue = Record<string, string>;

// One chunk per language, fetched when the language is first used (and kept for offline use by the service worker).
const loaders = import.meta.glob<Catalogue>("../../shared/i18n/catalogues/*.json", { import: "default" });

export async function loadCatalogue(locale: Locale): Promise<Catalogue> {
  const load = loaders[`../../shared/i18n/catalogues/${locale}.json`];
  if (!load) throw new Error(`no catalogue for ${locale}`);
  return load();
}
