/** Reading the statement's shared types, for the suggestion check and ledger. */
import * as Y from "yjs";

/** Any shared type (Yjs types are generic over their events; these readers treat every kind alike). */
export type AnyType = Y.AbstractType<any>;

/** True when neither `type` nor anything holding it was deleted. */
export function isLive(type: AnyType): boolean {
  for (let item = type._item; item; item = (item.parent as AnyType)._item) {
    if (item.deleted) return false;
  }
  return true;
}

/**
 * The types from `type` up to the child of `root` holding it (`type` first; empty when
 * `type` is `root`), or null when `type` is not inside `root`.
 */
export function pathToRoot(type: AnyType, root: AnyType): AnyType[] | null {
  const path: AnyType[] = [];
  let current: AnyType | null = type;
  while (current && current !== root) {
    path.push(current);
    const parent: unknown = current._item?.parent;
    current = parent instanceof Y.AbstractType ? parent : null;
  }
  return current === root ? path : null;
}

/** The suggestion id a suggestion mark's value (`{id}`) or a clause attribute (the id) carries, or null. */
export function suggestionIdIn(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Record<string, unknown>)["id"] === "string") return (value as Record<string, string>)["id"]!;
  return null;
}
