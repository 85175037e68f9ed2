/**
 * The languages of the workspace: its interface and its statements. The UN working
 * languages the coalition submits in; Arabic is written right to left.
 */
import { z } from "zod";

export const LOCALES = ["en", "fr", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** The language a person or statement has when nothing else says. */
export const DEFAULT_LOCALE: Locale = "en";

export const localeSchema = z.enum(LOCALES);

/** Each language's name in itself: what a language switch lists, whatever the current language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fr: "Français", es: "Español", ar: "العربية" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Which way a language is written. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * The first of a browser's preferred languages (`navigator.languages`, or an
 * Accept-Language list) that the workspace speaks, by its primary subtag ("fr-CA" is
 * French); English when none is.
 */
export function matchLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const primary = preference.trim().split(/[-_;]/)[0]!.toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/**
 * The tag `Intl` formats a language with. Arabic keeps Western digits ("ar-u-nu-latn"),
 * as Act and clause numbers do: one set of digits on every screen and in every export.
 */
export function intlLocale(locale: Locale): string {
  return locale === "ar" ? "ar-u-nu-latn" : locale;
}
