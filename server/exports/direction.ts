/**
 * Which way a text reads, as `dir="auto"` decides it in the editor and the HTML export:
 * by its first strong character (a letter of a right-to-left script, or of any other; the
 * marks LRM, RLM and ALM), skipping what sits inside bidi isolates. Digits, punctuation
 * and spaces are weak or neutral: "3.2" alone has no direction.
 */

/** Letters of the scripts written right to left. */
const rightToLeftLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}\p{Script=Mende_Kikakui}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Avestan}\p{Script=Old_South_Arabian}\p{Script=Nabataean}\p{Script=Palmyrene}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_Hungarian}\p{Script=Sogdian}\p{Script=Old_Sogdian}\p{Script=Elymaic}\p{Script=Chorasmian}\p{Script=Lydian}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Cypriot}\p{Script=Hatran}\p{Script=Old_North_Arabian}\p{Script=Old_Turkic}\p{Script=Old_Uyghur}]/u;
const strong = /[\p{L}\p{Mc}\u200E\u200F\u061C]/u;
const ISOLATE_OPEN = new Set(["\u2066", "\u2067", "\u2068"]);
const ISOLATE_CLOSE = "\u2069";

/** The direction of `text` by its first strong character; null when it has none (empty, digits, punctuation). */
export function firstStrongDirection(text: string): "ltr" | "rtl" | null {
  let isolated = 0;
  for (const c of text) {
    if (ISOLATE_OPEN.has(c)) isolated += 1;
    else if (c === ISOLATE_CLOSE) isolated = Math.max(0, isolated - 1);
    else if (isolated > 0) continue;
    else if (c === "\u200F" || c === "\u061C") return "rtl";
    else if (c === "\u200E") return "ltr";
    else if (strong.test(c)) return rightToLeftLetter.test(c) ? "rtl" : "ltr";
  }
  return null;
}

/** Whether a line of text reads right to left: by its own first strong character, else as the statement around it. */
export function readsRightToLeft(text: string, statement: "ltr" | "rtl"): boolean {
  return (firstStrongDirection(text) ?? statement) === "rtl";
}
