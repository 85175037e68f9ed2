import { describe, expect, it } from "vitest";
import { insertMention, matchCandidates, mentionQuery, mentionsInText, splitMentions, type MentionCandidate } from "./mentionText.js";

const people: MentionCandidate[] = [
  { kind: "account", id: "a1", name: "Amina Chair" },
  { kind: "account", id: "a2", name: "Cora Coordinator" },
  { kind: "account", id: "a3", name: "Éloïse Martin" },
  { kind: "group", id: "g1", name: "Firewalls" },
];

describe("mention text", () => {
  it("finds the name being typed after an @, not inside an email address or across a line", () => {
    expect(mentionQuery("Hello @Co", 9)).toEqual({ start: 6, query: "Co" });
    expect(mentionQuery("@Cora Coo", 9)).toEqual({ start: 0, query: "Cora Coo" });
    expect(mentionQuery("(@", 2)).toEqual({ start: 1, query: "" });
    expect(mentionQuery("mail me at x@example.org", 24)).toBeNull();
    expect(mentionQuery("@Co\nnext", 8)).toBeNull();
    expect(mentionQuery("no mention", 10)).toBeNull();
  });

  it("matches names by their start, then by a later word, folding case and accents", () => {
    expect(matchCandidates(people, "co").map((c) => c.id)).toEqual(["a2"]);
    expect(matchCandidates(people, "elo").map((c) => c.id)).toEqual(["a3"]);
    expect(matchCandidates(people, "chair").map((c) => c.id)).toEqual(["a1"]);
    expect(matchCandidates(people, "").length).toBe(4);
    expect(matchCandidates(people, "zzz")).toEqual([]);
  });

  it("inserts @Name and a space, and sends only the chosen mentions still in the text", () => {
    expect(insertMention("Hi @Co please", 3, 6, "Cora Coordinator")).toEqual({ text: "Hi @Cora Coordinator please", caret: 21 });
    const chosen = [people[1]!, people[3]!, people[1]!];
    expect(mentionsInText("@Cora Coordinator look", chosen)).toEqual([{ kind: "account", id: "a2" }]);
    expect(mentionsInText("nobody", chosen)).toEqual([]);
  });

  it("splits a comment around its mentions, longest name first, as text", () => {
    const mentions = [
      { kind: "account" as const, id: "a2", name: "Cora" },
      { kind: "account" as const, id: "a4", name: "Cora Coordinator" },
    ];
    expect(splitMentions("Ask @Cora Coordinator and @Cora.", mentions)).toEqual([
      { text: "Ask " },
      { text: "@Cora Coordinator", mention: mentions[1] },
      { text: " and " },
      { text: "@Cora", mention: mentions[0] },
      { text: "." },
    ]);
    expect(splitMentions("<b>@x</b>", undefined)).toEqual([{ text: "<b>@x</b>" }]);
  });

  it("counts a mention only where the whole name is written, not as the start of a longer name", () => {
    const ann: MentionCandidate = { kind: "account", id: "ann", name: "Ann" };
    const anna: MentionCandidate = { kind: "account", id: "anna", name: "Anna Smith" };
    expect(mentionsInText("@Anna Smith, please", [ann, anna])).toEqual([{ kind: "account", id: "anna" }]);
    expect(mentionsInText("@Anna Smith and @Ann", [ann, anna])).toEqual([
      { kind: "account", id: "ann" },
      { kind: "account", id: "anna" },
    ]);
    expect(mentionsInText("@Ann: yes; @Ann2 no", [ann])).toEqual([{ kind: "account", id: "ann" }]);
    expect(mentionsInText("@Annéa", [ann])).toEqual([]);
    expect(splitMentions("@Annabel and @Ann.", [{ kind: "account", id: "ann", name: "Ann" }])).toEqual([
      { text: "@Annabel and " },
      { text: "@Ann", mention: { kind: "account", id: "ann", name: "Ann" } },
      { text: "." },
    ]);
  });
});
