import { useMemo } from "react";
import { defineMessages, useIntl, type IntlShape } from "react-intl";
import { roles, type Role } from "../../../shared/roles.js";

/** How each role is named in the interface. */
export const roleMessages = defineMessages({
  chair: { id: "members.roleChair", defaultMessage: "Chair" },
  coordinator: { id: "members.roleCoordinator", defaultMessage: "Coordinator" },
  reviewer: { id: "members.roleReviewer", defaultMessage: "Reviewer" },
  observer: { id: "members.roleObserver", defaultMessage: "Observer" },
});

/** What a person in each role does, as shown where chairs invite people. */
export const roleDescriptionMessages = defineMessages({
  chair: { id: "members.roleChairDescription", defaultMessage: "Runs the workspace: invites members, assigns roles, opens and freezes rounds. Also edits." },
  coordinator: { id: "members.roleCoordinatorDescription", defaultMessage: "Co-edits the statement live, or suggests changes; accepts and rejects suggestions." },
  reviewer: { id: "members.roleReviewerDescription", defaultMessage: "Reads everything, comments on clauses and suggests wording for a reference group; cannot change the text itself." },
  observer: { id: "members.roleObserverDescription", defaultMessage: "Reads the statement and its versions." },
});

/** A role's name in the interface's language. */
export function roleName(intl: IntlShape, role: Role): string {
  return intl.formatMessage(roleMessages[role]);
}

/** Every role's name in the interface's language. */
export function useRoleNames(): Record<Role, string> {
  const intl = useIntl();
  return useMemo(() => Object.fromEntries(roles.map((role) => [role, roleName(intl, role)])) as Record<Role, string>, [intl]);
}
