/**
 * Properties of display names: names that differ only by case, look-alike characters,
 * compatibility forms or spacing share a key; direction, control and invisible
 * characters are always refused, wherever they sit.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { confusablesMap, remove } from "confusables";
import { displayNameSchema } from "./api.js";
import { displayNameProblem, nameKey, namesLookAlike, tidyDisplayName, visibleName } from "./displayName.js";

/** Letters of names people have, in several scripts, with their accented forms. */
const letters = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèüöçñåøßÉÜÖİıłŁ'-.", ..."محمدعلي", ..."ИванПетровнаи", ..."李明王芳", ..."ΑλέξηςΝίκος"];
const nameChars = fc.constantFrom(...letters);
const aName = fc.array(fc.oneof({ weight: 8, arbitrary: nameChars }, { weight: 1, arbitrary: fc.constant(" ") }), { minLength: 1, maxLength: 30 }).map((chars) => chars.join(""));

/**
 * Look-alikes the confusables package maps to a Latin letter or digit, one code point
 * each. Left out: `|` (the package maps it only inside non-ASCII text), combining marks
 * (dropped, not mapped: they look like nothing on their own), and accented letters whose
 * unaccented letter the package maps elsewhere (it maps Greek Ί to I but Ι to l; names
 * are compared without accents, so the second wins).
 */
const lookAlikes = new Map<string, string[]>();
for (const [alt, base] of confusablesMap) {
  if (!/^[A-Za-z0-9]$/.test(base) || [...alt].length !== 1 || alt === "|" || /\p{M}/u.test(alt)) continue;
  const unaccented = alt.normalize("NFD").charAt(0);
  if (unaccented !== alt && remove(unaccented) !== base) continue;
  lookAlikes.set(base, [...(lookAlikes.get(base) ?? []), alt]);
}

/** A name and the same name with some letters swapped for look-alikes. */
const aNameAndItsLookAlike = fc
  .array(fc.tuple(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 30 })
  .map((picks) => {
    const plain = picks.map(([char]) => char).join("");
    const disguised = picks
      .map(([char, index, swap]) => {
        const alts = lookAlikes.get(char);
        return swap && alts ? alts[index % alts.length]! : char;
      })
      .join("");
    return { plain, disguised };
  });

/** Every character a name may never hold. */
const forbiddenChars = [
  ..."\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C", // direction
  ..."\u200B\u200C\u200D\uFEFF\u2060", // zero-width
  ..."\u0000\u0007\t\n\r\u001B\u007F\u0085\u009F", // control
  ..."\u00AD\u2028\u2029\uE000\uF8FF", // soft hyphen, line and paragraph separators, private use
  "\u{E0041}", // a tag character
  "\u0378", // unassigned
];

const spacing = fc.constantFrom(" ", "  ", "\u00A0", "\u3000", "\u2003", " \u00A0 ");

describe("the name key", () => {
  it("is the same for names that differ only by case", () => {
    fc.assert(
      fc.property(aName, (name) => {
        expect(namesLookAlike(name.toUpperCase(), name)).toBe(true);
        expect(nameKey(name.toUpperCase())).toBe(nameKey(name));
        expect(nameKey(name.toLowerCase())).toBe(nameKey(name));
      }),
      { numRuns: 500 },
    );
  });

  it("makes names that differ only by look-alike characters look alike", () => {
    fc.assert(
      fc.property(aNameAndItsLookAlike, ({ plain, disguised }) => {
        expect(namesLookAlike(disguised, plain)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(nameKey("\u0410mina Ch\u0430ir")).toBe(nameKey("Amina Chair")); // Cyrillic А and а
    expect(namesLookAlike("\u0410MINA CH\u0410IR", "Amina Chair")).toBe(true); // in capitals too
    expect(namesLookAlike("\u0397ans", "Hans")).toBe(true); // Greek capital Eta is H...
    expect(namesLookAlike("\u03B7ans", "nans")).toBe(true); // ...and its small form is n
    expect(namesLookAlike("Hans", "nans")).toBe(false);
  });

  it("is the same for a name's compatibility forms (NFKC) and its composed or decomposed accents", () => {
    fc.assert(
      fc.property(aName, (name) => {
        expect(nameKey(name.normalize("NFD"))).toBe(nameKey(name));
        expect(nameKey(name.normalize("NFKC"))).toBe(nameKey(name));
        const fullWidth = name.replace(/[A-Za-z0-9]/g, (c) => String.fromCodePoint(c.codePointAt(0)! - 0x21 + 0xff01));
        expect(nameKey(fullWidth)).toBe(nameKey(name));
      }),
      { numRuns: 500 },
    );
    expect(nameKey("\uFB01ona")).toBe(nameKey("Fiona")); // the fi ligature
    expect(nameKey("\u{1D400}mina")).toBe(nameKey("Amina")); // mathematical bold A
  });

  it("is the same for names that differ only by spacing", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-zé]{1,8}$/), { minLength: 1, maxLength: 4 }), fc.array(spacing, { minLength: 5, maxLength: 5 }), (words, gaps) => {
        const plain = words.join(" ");
        const spaced = `${gaps[0]!}${words.map((word, i) => `${word}${gaps[(i + 1) % 5]!}`).join("")}`;
        expect(nameKey(spaced)).toBe(nameKey(plain));
        expect(tidyDisplayName(spaced)).toBe(plain);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps different names apart", () => {
    for (const [a, b] of [
      ["Maria", "Mario"],
      ["Ana", "Anna"],
      ["李明", "李芳"],
      ["Kofi Annan", "Kofi Anan"],
    ] as [string, string][]) {
      expect(namesLookAlike(a, b), `${a} / ${b}`).toBe(false);
    }
  });
});

describe("what a name may hold", () => {
  it("always refuses direction, control and invisible characters, wherever they sit", () => {
    fc.assert(
      fc.property(aName, fc.constantFrom(...forbiddenChars), fc.nat(), (name, bad, at) => {
        const position = at % (name.length + 1);
        const tainted = `${name.slice(0, position)}${bad}${name.slice(position)}`;
        expect(displayNameProblem(tainted)).not.toBeNull();
        const parsed = displayNameSchema.safeParse(tainted);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues[0]!.message).toMatch(/^a name cannot contain .* \(U\+[0-9A-F]{4,6}\)$/);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts names in any script, stored tidied", () => {
    fc.assert(
      fc.property(aName.filter((name) => name.trim() !== ""), (name) => {
        const parsed = displayNameSchema.safeParse(` ${name} `);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toBe(tidyDisplayName(name));
        expect(parsed.data).not.toMatch(/^\s|\s$|\s\s/);
      }),
      { numRuns: 500 },
    );
  });

  it("says a name is required when it is only spaces", () => {
    expect(displayNameSchema.safeParse(" \u3000\u00A0 ").error!.issues[0]!.message).toBe("a name is required");
  });
});

describe("a name as shown", () => {
  it("never carries what a name may not hold, even for names stored before the rules", () => {
    const hidden = fc.constantFrom("\u202E", "\u202D", "\u2066", "\u200F", "\u200B", "\uFEFF", "\u0007", "\u0000", "\uE000");
    fc.assert(
      fc.property(fc.array(fc.oneof(nameChars, hidden), { minLength: 1, maxLength: 30 }), (chars) => {
        const shown = visibleName(chars.join(""));
        expect(shown.length).toBeGreaterThan(0);
        expect(displayNameProblem(shown)).toBeNull();
      }),
    );
    expect(visibleName("Amina\u202E Chair")).toBe("Amina Chair");
    expect(visibleName("\u202E\u200B")).toBe("?");
  });
});
