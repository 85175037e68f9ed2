/**
 * Mentions in the text of a comment: finding the "@..." being typed, inserting a chosen
 * name, which chosen mentions are still in the text, and splitting a comment's text around
 * its mentions to show them. Pure: the composer and the comment card use these.
 */
import type { Mention, MentionRef } from "../../../shared/api.js";
import { namedAt, names } from "../../../shared/comments/mentionNames.js";

/** Someone or a group that can be mentioned, as offered while typing. */
export interface MentionCandidate {
  kind: "account" | "group";
  id: string;
  name: string;
}

/** Longest text after "@" still treated as a name being typed. */
const MAX_QUERY = 60;

/**
 * The mention being typed just before `caret`: where its "@" is and what follows it, or
 * null. An "@" counts at the start or after a space or an opening mark (not inside an
 * email address); what follows may hold spaces (names do) but no line break.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || caret - at - 1 > MAX_QUERY) return null;
  const previous = at > 0 ? before[at - 1]! : "";
  if (previous !== "" && !/[\s([{"'«“]/u.test(previous)) return null;
  const query = before.slice(at + 1);
  if (/[\n\r@]/u.test(query)) return null;
  return { start: at, query };
}

/** Fold case and accents, so "elo" finds "Éloïse". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/**
 * Candidates for `query`: names starting with it first, then names with a word starting
 * with it; at most `limit`. An empty query lists the first ones.
 */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const wanted = fold(query.trimStart());
  if (wanted === "") return candidates.slice(0, limit);
  const starts = candidates.filter((c) => fold(c.name).startsWith(wanted));
  const words = candidates.filter((c) => !starts.includes(c) && fold(c.name).split(/\s+/u).some((word, index) => index > 0 && word.startsWith(wanted)));
  return [...starts, ...words].slice(0, limit);
}

/** `text` with the "@query" at `start`..`caret` replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /u, "");
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

/** The chosen mentions whose whole "@Name" is still in `text`, each once (what a comment is sent with). */
export function mentionsInText(text: string, chosen: readonly MentionCandidate[]): MentionRef[] {
  const seen = new Set<string>();
  const refs: MentionRef[] = [];
  for (const candidate of chosen) {
    const key = `${candidate.kind}:${candidate.id}`;
    if (seen.has(key) || !names(text, candidate.name)) continue;
    seen.add(key);
    refs.push({ kind: candidate.kind, id: candidate.id });
  }
  return refs;
}

/** A piece of a comment's text: plain, or a mention. */
export type TextPiece = { text: string; mention?: Mention };

/**
 * `body` cut into plain text and its mentions' whole "@Name" (longest names first where two
 * overlap), in order. Text only: the caller shows each piece as text.
 */
export function splitMentions(body: string, mentions: readonly Mention[] | undefined): TextPiece[] {
  const named = [...(mentions ?? [])].sort((a, b) => b.name.length - a.name.length);
  if (named.length === 0) return [{ text: body }];
  const pieces: TextPiece[] = [];
  let plain = "";
  let index = 0;
  while (index < body.length) {
    const found = body[index] === "@" ? named.find((m) => namedAt(body, index, m.name)) : undefined;
    if (found) {
      if (plain) pieces.push({ text: plain });
      plain = "";
      const text = `@${found.name}`;
      pieces.push({ text, mention: found });
      index += text.length;
    } else {
      plain += body[index];
      index += 1;
    }
  }
  if (plain) pieces.push({ text: plain });
  return pieces;
}
