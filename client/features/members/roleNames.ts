import type { Role } from "../../../shared/roles.js";

/** How each role is named in the interface. */
export const roleNames: Record<Role, string> = {
  chair: "Chair",
  coordinator: "Coordinator",
  reviewer: "Reviewer",
  observer: "Observer",
};
