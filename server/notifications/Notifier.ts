/**
 * Records notifications and tells the people concerned at once: one row per recipient
 * (never the person who acted, never someone no longer a member of the workspace), then a
 * live nudge to their bells on every instance, then whatever delivers them further (mail).
 * The action that caused them has already happened and stays done: a failure here is
 * logged, never answered to the person who acted.
 */
import type { Logger } from "pino";
import type { NotificationDetail, NotificationKind } from "../../shared/notifications.js";
import type { Role } from "../../shared/roles.js";
import { newId } from "../auth/secrets.js";
import type { NewNotification, Storage } from "../storage/Storage.js";

/** What happened, for whom it is recorded. */
export interface NotificationEvent {
  workspaceId: string;
  documentId: string | null;
  kind: NotificationKind;
  /** Who acted (left out of the recipients); null for the server or an organisation. */
  actorId: string | null;
  /** What it is about: a thread, suggestion, round, sign-on entry or invitation id. */
  subject: string;
  detail: NotificationDetail;
  /** Where it leads in the app (`notificationLink`). */
  link: string;
  /** The comment it is about: each person hears of a comment once per kind. */
  commentId?: string;
}

/** A member as the recipient rules see them. */
export interface Recipient {
  accountId: string;
  role: Role;
  /** The Acts their reference groups cover. */
  groupActs: number[];
}

/** Called with the notifications just stored (the mail queue). */
export type NotificationSink = (notifications: NewNotification[]) => Promise<void>;

export class Notifier {
  private readonly sinks: NotificationSink[] = [];

  constructor(
    private readonly storage: Storage,
    /** Nudge these accounts' bells on every instance. */
    private readonly nudge: (accountIds: string[]) => void,
    private readonly log: Pick<Logger, "error">,
  ) {}

  /** Deliver stored notifications further too (mail). */
  addSink(sink: NotificationSink): void {
    this.sinks.push(sink);
  }

  /**
   * Record `event` for each of `recipients` (account ids; repeats, the actor and non-members
   * dropped, and those already told once what is told once). Only what was recorded is
   * delivered further and answered; never throws.
   */
  async notify(recipients: Iterable<string>, event: NotificationEvent): Promise<NewNotification[]> {
    try {
      const members = new Set((await this.members(event.workspaceId)).map((m) => m.accountId));
      const createdAt = new Date().toISOString();
      const rows: NewNotification[] = [...new Set(recipients)]
        .filter((accountId) => accountId !== event.actorId && members.has(accountId))
        .map((accountId) => ({ id: newId(), accountId, createdAt, ...event }));
      if (rows.length === 0) return [];
      const recorded = await this.storage.notifications.add(rows);
      if (recorded.length === 0) return [];
      this.nudge(recorded.map((row) => row.accountId));
      for (const sink of this.sinks) await sink(recorded);
      return recorded;
    } catch (error) {
      this.log.error({ err: String(error), kind: event.kind }, "could not record notifications");
      return [];
    }
  }

  /** The workspace's members with their roles and the Acts of their reference groups. */
  async members(workspaceId: string): Promise<Recipient[]> {
    const [members, groups] = await Promise.all([this.storage.workspaces.listMembers(workspaceId), this.storage.workspaces.listGroups(workspaceId)]);
    const actsOf = new Map(groups.map((group) => [group.id, group.acts]));
    return members.map(({ membership }) => ({
      accountId: membership.accountId,
      role: membership.role,
      groupActs: [...new Set(membership.groupIds.flatMap((id) => actsOf.get(id) ?? []))],
    }));
  }

  /** The workspace's chairs. */
  async chairs(workspaceId: string): Promise<string[]> {
    return (await this.members(workspaceId)).filter((m) => m.role === "chair").map((m) => m.accountId);
  }

  /**
   * Who follows Act `act` in the workspace: those who chose to, and reviewers whose
   * reference groups cover it (by default) unless they chose not to.
   */
  async followersOf(workspaceId: string, act: number): Promise<string[]> {
    const [members, choices] = await Promise.all([this.members(workspaceId), this.storage.notifications.follows(workspaceId)]);
    const chosen = new Map(choices.filter((c) => c.act === act).map((c) => [c.accountId, c.follows]));
    return members.filter((m) => chosen.get(m.accountId) ?? (m.role === "reviewer" && m.groupActs.includes(act))).map((m) => m.accountId);
  }

  /** The Acts an account follows in a workspace (its choices over its groups' defaults). */
  async followedActs(workspaceId: string, accountId: string): Promise<number[]> {
    const member = (await this.members(workspaceId)).find((m) => m.accountId === accountId);
    if (!member) return [];
    const defaults = member.role === "reviewer" ? member.groupActs : [];
    const choices = await this.storage.notifications.follows(workspaceId, accountId);
    const acts = new Set(defaults);
    for (const choice of choices) {
      if (choice.follows) acts.add(choice.act);
      else acts.delete(choice.act);
    }
    return [...acts].sort((a, b) => a - b);
  }

  /** Make `acts` exactly what the account follows: explicit choices only where they differ from the groups' defaults. */
  async setFollowedActs(workspaceId: string, accountId: string, acts: number[]): Promise<void> {
    const member = (await this.members(workspaceId)).find((m) => m.accountId === accountId);
    const defaults = new Set(member?.role === "reviewer" ? member.groupActs : []);
    const wanted = new Set(acts);
    const choices = [
      ...[...wanted].filter((act) => !defaults.has(act)).map((act) => ({ act, follows: true })),
      ...[...defaults].filter((act) => !wanted.has(act)).map((act) => ({ act, follows: false })),
    ];
    await this.storage.notifications.setFollows(workspaceId, accountId, choices);
  }
}
