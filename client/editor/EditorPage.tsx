import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type NoMessageValues } from "react-intl";
import { Link, useSearch } from "wouter";
import { NotificationBell } from "../features/notifications/NotificationBell.js";
import { useEditorState, type Editor } from "@tiptap/react";
import type { DocumentDetail, Thread } from "../../shared/api.js";
import { canComment, canDecideSuggestions, type Role } from "../../shared/roles.js";
import { SuggestionPanel } from "../features/suggestions/SuggestionPanel.js";
import { useSuggestions } from "../features/suggestions/useSuggestions.js";
import { useSuggestionAtCursor, useSuggestionCards } from "../features/suggestions/useSuggestionCards.js";
import { pendingPerAct } from "../features/suggestions/suggestionCards.js";
import { useSuggestionActions } from "../features/suggestions/useSuggestionActions.js";
import { placeAt } from "../../shared/comments/places.js";
import { statementOutline } from "../../shared/schema/ClauseNumbers.js";
import { CommentSidebar, type PendingComment, type ThreadPlace } from "../features/comments/CommentSidebar.js";
import { useThreads } from "../features/comments/useThreads.js";
import { anchorOfSelection, commentHighlightsKey, threadRanges } from "./CommentHighlights.js";
import { colorFor, type PresenceUser } from "../../shared/presence.js";
import { tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { ApiFailure, getDocument } from "../api.js";
import { FreezeCountdown } from "../features/rounds/FreezeCountdown.js";
import { useFailure } from "../useAction.js";
import type { CollabSession } from "../collab/CollabSession.js";
import { useCollabSession, useConnectionState } from "../collab/useCollabSession.js";
import { ConnectionStatus } from "../collab/ConnectionStatus.js";
import { ActOutline } from "../features/outline/ActOutline.js";
import { PresenceList } from "../features/presence/PresenceList.js";
import { roleName } from "../features/members/roleNames.js";
import { useMe, useSession } from "../session/SessionProvider.js";
import { StatementEditor, useStatementEditor } from "./StatementEditor.js";
import { Toolbar } from "./Toolbar.js";
import { ErrorBoundary } from "../ErrorBoundary.js";
import { REGION_LIST_ID } from "./RegionalNoteView.js";
import { detailKey } from "../collab/localCopies.js";
import { NoLongerMember, useRemovedFrom } from "../collab/NoLongerMember.js";
import { NotOnThisDevice } from "../collab/NotOnThisDevice.js";
import { useFormats } from "../i18n/useFormats.js";
import { useLanguage } from "../i18n/LanguageProvider.js";
import { LanguageSwitch } from "../i18n/LanguageSwitch.js";
import { DEFAULT_LOCALE, directionOf, type Locale } from "../../shared/i18n/locales.js";
import { Drawer, DrawerToggle, useDrawers, useMediaQuery } from "./Drawer.js";
import { ConnectionNotice } from "../collab/ConnectionStatus.js";
import { StatementLanguage } from "./StatementLanguage.js";
import { decideIds } from "./suggestionCommands.js";

const messages = defineMessages<{
  nothingSelected: NoMessageValues;
  partPeople: NoMessageValues;
  partActs: NoMessageValues;
  partToolbar: NoMessageValues;
  partText: NoMessageValues;
  partComments: NoMessageValues;
  partSuggestions: NoMessageValues;
  partStatement: NoMessageValues;
  allStatements: NoMessageValues;
  acts: NoMessageValues;
  closeActs: NoMessageValues;
  comments: NoMessageValues;
  closeComments: NoMessageValues;
  openCount: { count: number };
  suggestedCount: { count: number };
  commentsAndSuggestions: NoMessageValues;
  roundTitle: { round: string; date: string };
  roundFrozen: NoMessageValues;
  roundDrafting: NoMessageValues;
  history: NoMessageValues;
  matrix: NoMessageValues;
  matrixShort: NoMessageValues;
  yourRole: NoMessageValues;
  roundFrozenName: NoMessageValues;
  frozenBanner: { round: string; strong: MessageTag };
  pendingChanges: { count: number };
  readOnlyComment: { role: Role };
  readOnly: { role: Role };
  suggestingBanner: NoMessageValues;
  pageTitle: { title: string };
  product: NoMessageValues;
  notFound: NoMessageValues;
  backToStatements: NoMessageValues;
}>({
  nothingSelected: { id: "editor.nothingSelected", defaultMessage: "Select the words you want to comment on first, then press Comment." },
  partPeople: { id: "editor.part.people", defaultMessage: "The list of people here" },
  partActs: { id: "editor.part.acts", defaultMessage: "The list of Acts" },
  partToolbar: { id: "editor.part.toolbar", defaultMessage: "The toolbar" },
  partText: { id: "editor.part.text", defaultMessage: "The statement" },
  partComments: { id: "editor.part.comments", defaultMessage: "The comments" },
  partSuggestions: { id: "editor.part.suggestions", defaultMessage: "The suggestions" },
  partStatement: { id: "editor.part.statement", defaultMessage: "This statement" },
  allStatements: { id: "editor.allStatements", defaultMessage: "All statements" },
  acts: { id: "editor.acts", defaultMessage: "Acts" },
  closeActs: { id: "editor.closeActs", defaultMessage: "Close acts" },
  comments: { id: "editor.comments", defaultMessage: "Comments" },
  closeComments: { id: "editor.closeComments", defaultMessage: "Close comments" },
  openCount: { id: "editor.openComments", defaultMessage: "{count, plural, one {# open} other {# open}}" },
  suggestedCount: { id: "editor.pendingSuggestions", defaultMessage: "{count, plural, one {# suggested} other {# suggested}}" },
  commentsAndSuggestions: { id: "editor.commentsAndSuggestions", defaultMessage: "Suggestions and comments" },
  roundTitle: { id: "editor.roundTitle", defaultMessage: "{round}: governments' draft of {date}" },
  roundFrozen: { id: "editor.roundFrozen", defaultMessage: "frozen" },
  roundDrafting: { id: "editor.roundDrafting", defaultMessage: "drafting" },
  history: { id: "editor.history", defaultMessage: "History" },
  matrix: { id: "editor.matrix", defaultMessage: "Surround Sound matrix" },
  matrixShort: { id: "editor.matrixShort", defaultMessage: "Matrix" },
  yourRole: { id: "editor.yourRole", defaultMessage: "Your role in this workspace" },
  roundFrozenName: { id: "editor.frozenBannerName", defaultMessage: "Round frozen" },
  frozenBanner: {
    id: "editor.frozenBanner",
    defaultMessage: "<strong>“{round}” is frozen.</strong> This version is what gets submitted; drafting resumes when a chair opens the next round.",
  },
  pendingChanges: { id: "editor.pendingChanges", defaultMessage: "{count, plural, one {# change} other {# changes}} waiting for the next round." },
  readOnlyComment: {
    id: "editor.readOnlyMayComment",
    defaultMessage:
      "Read only: as {role, select, chair {chair} coordinator {coordinator} reviewer {reviewer} other {observer}} you can read this statement and comment on it but not change its text.",
  },
  readOnly: {
    id: "editor.readOnly",
    defaultMessage: "Read only: as {role, select, chair {chair} coordinator {coordinator} reviewer {reviewer} other {observer}} you can read this statement but not change its text.",
  },
  suggestingBanner: {
    id: "editor.suggestingBanner",
    defaultMessage: "Suggesting: as a reviewer you can comment on this statement and suggest changes to its text. What you type is shown as your suggestion; a chair or coordinator accepts or rejects it.",
  },
  pageTitle: { id: "editor.pageTitle", defaultMessage: "{title} · Drafting workspace" },
  product: { id: "editor.product", defaultMessage: "Drafting workspace" },
  notFound: { id: "editor.notFound", defaultMessage: "Statement not found" },
  backToStatements: { id: "editor.backToStatements", defaultMessage: "Back to statements" },
});

/** The back link's arrow, pointing back in the reading direction. */
const BACK = { ltr: "←", rtl: "→" } as const;
/** Between the round's name and its state. */
const SEPARATOR = " · ";
/** Between two sentences, or a word and its count. */
const SPACE = " ";

/** Where a chair's or coordinator's choice between editing and suggesting is kept, per statement. */
const suggestingKey = (documentId: string) => `suggesting:${documentId}`;

/**
 * Whether this person's changes are suggestions: always for those who may only suggest
 * (reviewers); for chairs and coordinators their own choice, remembered per statement
 * and switched with Mod+Alt+Shift+S.
 */
function useSuggestingMode(detail: DocumentDetail): [boolean, (on: boolean) => void] {
  const mayChoose = detail.canEdit && detail.canSuggest;
  const [chosen, setChosen] = useState(() => localStorage.getItem(suggestingKey(detail.id)) === "on");
  const choose = useCallback(
    (on: boolean) => {
      localStorage.setItem(suggestingKey(detail.id), on ? "on" : "off");
      setChosen(on);
    },
    [detail.id],
  );
  useEffect(() => {
    if (!mayChoose) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.altKey && event.shiftKey && event.code === "KeyS") {
        event.preventDefault();
        choose(localStorage.getItem(suggestingKey(detail.id)) !== "on");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mayChoose, choose, detail.id]);
  if (!detail.canSuggest) return [false, choose];
  return [mayChoose ? chosen : true, choose];
}

/** The statement's metadata and the caller's rights: fetched, and kept for offline reopening. */
function useDocumentDetail(documentId: string): {
  detail: DocumentDetail | null;
  missing: string | null;
  unreachable: string | null;
  reload: () => void;
  /** Take a change made here (the statement's language), and keep it for offline reopening. */
  update: (change: Partial<DocumentDetail>) => void;
} {
  const [detail, setDetail] = useState<DocumentDetail | null>(() => {
    const cached = localStorage.getItem(detailKey(documentId));
    // A copy kept by an earlier version has no language: its statements were English.
    return cached ? { language: DEFAULT_LOCALE, ...(JSON.parse(cached) as Partial<DocumentDetail>) } as DocumentDetail : null;
  });
  const [missing, setMissing] = useFailure();
  const [unreachable, setUnreachable] = useFailure();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    getDocument(documentId).then(
      (found) => {
        if (cancelled) return;
        setUnreachable(null);
        localStorage.setItem(detailKey(documentId), JSON.stringify(found));
        setDetail(found);
      },
      (error: unknown) => {
        if (cancelled) return;
        // Offline, the statement still opens from this device's copy; a real 404 says so.
        if (error instanceof ApiFailure && error.status === 404) {
          localStorage.removeItem(detailKey(documentId));
          setMissing(error);
        } else if (error instanceof ApiFailure && error.status === 0) setUnreachable(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, version]);
  // Opened offline: fetched again (rights may have changed) when the connection returns.
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    window.addEventListener("online", again);
    return () => window.removeEventListener("online", again);
  }, []);
  const update = useCallback(
    (change: Partial<DocumentDetail>) =>
      setDetail((current) => {
        if (!current) return current;
        const next = { ...current, ...change };
        localStorage.setItem(detailKey(documentId), JSON.stringify(next));
        return next;
      }),
    [documentId],
  );
  return { detail, missing, unreachable, reload: useCallback(() => setVersion((v) => v + 1), []), update };
}

function samePlaces(a: Map<string, ThreadPlace>, b: Map<string, ThreadPlace> | null): boolean {
  return b !== null && JSON.stringify([...a]) === JSON.stringify([...b]);
}

/** Where each thread's words are in the live text: Act, clause, detached. */
function useThreadPlaces(editor: Editor | null, threads: Thread[]): Map<string, ThreadPlace> {
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const highlight = threads.map((t) => ({ id: t.id, anchor: t.anchor, open: t.status === "open" }));
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { threads: highlight }).setMeta("addToHistory", false));
  }, [editor, threads]);
  return (
    useEditorState({
      editor,
      selector: ({ editor: e }) => {
        const places = new Map<string, ThreadPlace>();
        if (!e) return places;
        // The rank in document order, not the position: places change only when one moves.
        const ranked = [...threadRanges(e.state)].sort(([, a], [, b]) => a.from - b.from);
        for (const [rank, [id, range]] of ranked.entries()) {
          places.set(id, { ...placeAt(e.state.doc, range.from), pos: rank, detached: range.to <= range.from });
        }
        return places;
      },
      equalityFn: samePlaces,
    }) ?? new Map()
  );
}

/**
 * Focuses the element `selector` names once it is on screen: a panel may first widen its
 * filters or open its drawer. Gives up after about a second.
 */
function focusWhenShown(selector: string, framesLeft = 60): void {
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element && element.getClientRects().length > 0) {
      element.scrollIntoView({ block: "nearest" });
      element.focus({ preventScroll: true });
      if (document.activeElement === element) return;
    }
    if (framesLeft > 0) focusWhenShown(selector, framesLeft - 1);
  });
}

/**
 * Which side panels are drawers at this width (the breakpoints of styles.css), which one is
 * open, and what opens or closes them: writing a comment opens the comments.
 */
function useWorkspaceLayout(writingComment: boolean) {
  const outlineAsDrawer = useMediaQuery("(max-width: 1280px)");
  const commentsAsDrawer = useMediaQuery("(max-width: 900px)");
  const { open, setOpen, close, toggles } = useDrawers();
  useEffect(() => {
    if (writingComment && commentsAsDrawer) setOpen("comments");
  }, [writingComment, commentsAsDrawer, setOpen]);
  return {
    outlineAsDrawer,
    commentsAsDrawer,
    open,
    close,
    toggles,
    toggle: (panel: "outline" | "comments") => (open === panel ? close(true) : setOpen(panel)),
  };
}

function Workspace({
  session,
  user,
  detail,
  onAccessChanged,
  onLanguageChanged,
  onRoundChanged,
}: {
  session: CollabSession;
  user: PresenceUser;
  detail: DocumentDetail;
  onAccessChanged: () => void;
  onLanguageChanged: (language: Locale) => void;
  /** The round's scheduled freeze changed: read the statement's detail again. */
  onRoundChanged: () => void;
}) {
  const intl = useIntl();
  const formats = useFormats();
  const { locale } = useLanguage();
  const connection = useConnectionState(session);
  const editable = (detail.canEdit || detail.canSuggest) && connection.kind !== "refused";
  const [suggesting, setSuggesting] = useSuggestingMode(detail);
  const mayDecide = detail.canEdit && canDecideSuggestions(detail.role);
  const editor = useStatementEditor(session, user, editable, detail.language, { on: suggesting, mayDecide });
  const { suggestions, reload: reloadSuggestions } = useSuggestions(detail.id);
  const { threads, upsert, remove } = useThreads(detail.id, reloadSuggestions, onRoundChanged);
  const suggestionCards = useSuggestionCards(editor, suggestions);
  const suggestionAtCursor = useSuggestionAtCursor(editor);
  const pendingSuggestions = useMemo(() => pendingPerAct(suggestionCards), [suggestionCards]);
  const places = useThreadPlaces(editor, threads);
  const [pending, setPending] = useState<PendingComment | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const mayComment = canComment(detail.role);
  useEffect(() => session.onAccessChanged(onAccessChanged), [session, onAccessChanged]);
  useEffect(() => session.setFrozen(detail.frozen), [session, detail]);
  const pendingChanges = useSyncExternalStore(session.subscribe, session.getPending);

  // Whether "Comment" was pressed with nothing selected (the hint says what to do).
  const [nothingSelected, setNothingSelected] = useState(false);
  const startComment = useCallback(() => {
    if (!editor) return;
    const selected = anchorOfSelection(editor.view);
    setNothingSelected(!selected);
    if (selected) setPending(selected);
  }, [editor]);

  const activate = useCallback(
    (threadId: string | null) => {
      setActive(threadId);
      if (!editor || editor.isDestroyed) return;
      editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { active: threadId }).setMeta("addToHistory", false));
      if (!threadId) return;
      requestAnimationFrame(() => {
        const mark = editor.view.dom.querySelector(`[data-thread="${CSS.escape(threadId)}"]`);
        if (!(mark instanceof HTMLElement)) return;
        mark.scrollIntoView({ behavior: "smooth", block: "center" });
        mark.classList.remove("comment-mark--flash");
        void mark.offsetWidth;
        mark.classList.add("comment-mark--flash");
      });
    },
    [editor],
  );

  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const mark = event.target instanceof Element ? event.target.closest("[data-thread]") : null;
      if (mark) {
        const id = mark.getAttribute("data-thread")!;
        setActive(id);
        document.querySelector(`[data-thread-card="${CSS.escape(id)}"]`)?.scrollIntoView({ behavior: "smooth", block: "nearest" });
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (mayComment && (event.metaKey || event.ctrlKey) && event.altKey && event.key.toLowerCase() === "m") {
        event.preventDefault();
        startComment();
      }
    };
    dom.addEventListener("click", onClick);
    dom.addEventListener("keydown", onKey);
    return () => {
      dom.removeEventListener("click", onClick);
      dom.removeEventListener("keydown", onKey);
    };
  }, [editor, mayComment, startComment]);

  const openThreads = useMemo(() => {
    const counts = new Map<number, number>();
    for (const thread of threads) {
      if (thread.status !== "open") continue;
      const act = places.get(thread.id)?.act ?? thread.act?.number ?? null;
      if (act !== null) counts.set(act, (counts.get(act) ?? 0) + 1);
    }
    return counts;
  }, [threads, places]);
  const suggestionActions = useSuggestionActions(editor, threads, user, setPending);
  const layout = useWorkspaceLayout(pending !== null);

  // A link to a thread (`?thread=<id>`, from a notification) opens it on its words once the
  // thread and the text are here: its card shown (the comments drawer opened on a phone, the
  // sidebar's filters widened if they hide it) and focused.
  const search = new URLSearchParams(useSearch());
  const linkedThread = search.get("thread");
  const openedLink = useRef<string | null>(null);
  const { commentsAsDrawer, open: openPanel } = layout;
  useEffect(() => {
    if (!linkedThread || openedLink.current === linkedThread || !editor || !places.has(linkedThread)) return;
    // On a phone the drawer opens first (it focuses its first control), then the card takes the focus.
    if (commentsAsDrawer && openPanel !== "comments") {
      layout.toggle("comments");
      return;
    }
    openedLink.current = linkedThread;
    activate(linkedThread);
    focusWhenShown(`[data-thread-card="${CSS.escape(linkedThread)}"] .thread__head`);
  }, [linkedThread, editor, places, activate, commentsAsDrawer, openPanel, layout]);

  // A link to a suggestion (`?suggestion=<id>`) shows its card the same way (the suggestions
  // are in the comments drawer on a phone) and brings its words into view in the text.
  const linkedSuggestion = search.get("suggestion");
  const openedSuggestion = useRef<string | null>(null);
  useEffect(() => {
    if (!linkedSuggestion || openedSuggestion.current === linkedSuggestion || !editor) return;
    const card = suggestionCards.find((c) => c.id === linkedSuggestion);
    if (!card) return;
    if (commentsAsDrawer && openPanel !== "comments") {
      layout.toggle("comments");
      return;
    }
    openedSuggestion.current = linkedSuggestion;
    if (card.range) {
      const { node } = editor.view.domAtPos(card.range.from + 1);
      (node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: "center" });
    }
    focusWhenShown(`[data-suggestion-card="${CSS.escape(linkedSuggestion)}"]`);
  }, [linkedSuggestion, editor, suggestionCards, commentsAsDrawer, openPanel, layout]);
  const openCount = threads.filter((thread) => thread.status === "open").length;
  const suggestedCount = suggestionCards.filter((card) => card.status === "pending").length;
  const actNumbers = useEditorState({ editor, selector: ({ editor: e }) => (e ? statementOutline(e.state).map((a) => a.number).join(",") : "") }) ?? "";
  // Beside the title on a tablet; in the panel bar, next to the comments, on a phone.
  const actsToggle = layout.outlineAsDrawer && (
    <DrawerToggle panel="outline" controls="statement-outline" open={layout.open === "outline"} onToggle={() => layout.toggle("outline")} buttonRef={layout.toggles.outline}>
      {intl.formatMessage(messages.acts)}
    </DrawerToggle>
  );
  return (
    <div className="workspace">
      <header className="topbar">
        <a className="topbar__back" href="/" aria-label={intl.formatMessage(messages.allStatements)}>
          {BACK[directionOf(locale)]}
        </a>
        {layout.outlineAsDrawer && !layout.commentsAsDrawer && actsToggle}
        <h1 className="topbar__title" title={detail.title}>
          {detail.title}
        </h1>
        {detail.round && (
          <span
            className={`chip topbar__round${detail.frozen ? " chip--ok" : ""}`}
            title={intl.formatMessage(messages.roundTitle, { round: detail.round.name, date: formats.date(`${detail.round.draftPublished}T12:00:00`) })}
          >
            {detail.round.name}
            <span className="topbar__round-state">
              {SEPARATOR}
              {intl.formatMessage(detail.frozen ? messages.roundFrozen : messages.roundDrafting)}
            </span>
          </span>
        )}
        <Link className="button button--quiet topbar__history" href={`/d/${detail.id}/history`}>
          {intl.formatMessage(messages.history)}
        </Link>
        <Link className="button button--quiet topbar__matrix" href={`/d/${detail.id}/matrix`} title={intl.formatMessage(messages.matrix)}>
          <span className="topbar__matrix-long">{intl.formatMessage(messages.matrix)}</span>
          <span className="topbar__matrix-short" aria-hidden="true">
            {intl.formatMessage(messages.matrixShort)}
          </span>
        </Link>
        {/* Before the role and people: on a phone it stays on the first row, beside the title. */}
        <NotificationBell className="topbar__bell" />
        <div className="topbar__meta">
          <span className="badge" title={intl.formatMessage(messages.yourRole)}>
            {roleName(intl, detail.role)}
          </span>
          <ConnectionStatus state={connection} />
          <ErrorBoundary part={intl.formatMessage(messages.partPeople)} inline>
            <PresenceList awareness={session.provider.awareness} />
          </ErrorBoundary>
          <LanguageSwitch className="topbar__language" />
        </div>
      </header>
      <ConnectionNotice state={connection} />
      {detail.frozen && detail.round && (
        <p className="frozen-banner" role="note" aria-label={intl.formatMessage(messages.roundFrozenName)}>
          <FormattedMessage {...messages.frozenBanner} values={{ round: detail.round.name, strong: (chunks) => <strong>{chunks}</strong> }} />
          {pendingChanges > 0 && (
            <span className="frozen-banner__pending">
              {SPACE}
              {intl.formatMessage(messages.pendingChanges, { count: pendingChanges })}
            </span>
          )}
        </p>
      )}
      {!detail.frozen && detail.round?.freezeAt && <FreezeCountdown round={detail.round.name} at={detail.round.freezeAt} />}
      {!detail.canEdit && detail.canSuggest && !detail.frozen && (
        <p className="readonly-banner readonly-banner--suggesting" role="note">
          {intl.formatMessage(messages.suggestingBanner)}
        </p>
      )}
      {!detail.canEdit && !detail.canSuggest && !detail.frozen && (
        <p className="readonly-banner" role="note">
          {intl.formatMessage(canComment(detail.role) ? messages.readOnlyComment : messages.readOnly, { role: detail.role })}
        </p>
      )}
      {layout.commentsAsDrawer && (
        <div className="workspace__panels">
          {actsToggle}
          <DrawerToggle panel="comments" controls="statement-comments" open={layout.open === "comments"} onToggle={() => layout.toggle("comments")} buttonRef={layout.toggles.comments}>
            {intl.formatMessage(messages.comments)}
            {openCount > 0 && SPACE}
            {openCount > 0 && <span className="drawer-toggle__count">{intl.formatMessage(messages.openCount, { count: openCount })}</span>}
            {suggestedCount > 0 && SPACE}
            {suggestedCount > 0 && <span className="drawer-toggle__count drawer-toggle__count--suggested">{intl.formatMessage(messages.suggestedCount, { count: suggestedCount })}</span>}
          </DrawerToggle>
        </div>
      )}
      <div className="workspace__body">
        <Drawer
          id="statement-outline"
          className="workspace__outline"
          label={intl.formatMessage(messages.acts)}
          closeLabel={intl.formatMessage(messages.closeActs)}
          side="start"
          asDrawer={layout.outlineAsDrawer}
          open={layout.open === "outline"}
          onClose={layout.close}
          closesOnPick=".outline__act"
        >
          <ErrorBoundary part={intl.formatMessage(messages.partActs)}>
            {editor && <ActOutline editor={editor} awareness={session.provider.awareness} openThreads={openThreads} pendingSuggestions={pendingSuggestions} />}
          </ErrorBoundary>
        </Drawer>
        <main className="workspace__editor">
          <StatementLanguage detail={detail} onChanged={onLanguageChanged} />
          <ErrorBoundary part={intl.formatMessage(messages.partToolbar)} inline>
            {editor && (
              <Toolbar
                editor={editor}
                onComment={mayComment ? startComment : null}
                commentHint={nothingSelected ? intl.formatMessage(messages.nothingSelected) : null}
                onCommentHintSeen={() => setNothingSelected(false)}
                suggesting={suggesting}
                onSuggestingChange={detail.canEdit && detail.canSuggest ? setSuggesting : null}
                mayDecide={mayDecide}
              />
            )}
          </ErrorBoundary>
          <ErrorBoundary part={intl.formatMessage(messages.partText)}>
            <StatementEditor editor={editor} />
          </ErrorBoundary>
        </main>
        <Drawer
          id="statement-comments"
          className="workspace__comments"
          label={intl.formatMessage(messages.commentsAndSuggestions)}
          closeLabel={intl.formatMessage(messages.closeComments)}
          side="end"
          asDrawer={layout.commentsAsDrawer}
          open={layout.open === "comments"}
          onClose={layout.close}
          closesOnPick=".thread__head"
        >
          <ErrorBoundary part={intl.formatMessage(messages.partSuggestions)}>
            <SuggestionPanel
              cards={suggestionCards}
              names={suggestionActions.names}
              actNumbers={actNumbers ? actNumbers.split(",").map(Number) : []}
              mayDecide={canDecideSuggestions(detail.role) && editable && !detail.frozen}
              mayComment={mayComment}
              me={user.accountId}
              mayWithdraw={detail.canSuggest && editable}
              active={suggestionAtCursor}
              threadsOf={suggestionActions.threadsOf}
              direction={directionOf(locale)}
              onShow={suggestionActions.show}
              onDecide={(decision, ids) => editor !== null && decideIds(editor, decision, Array.from(ids))}
              onReply={suggestionActions.reply}
              onOpenThread={activate}
              reveal={linkedSuggestion}
            />
          </ErrorBoundary>
          <ErrorBoundary part={intl.formatMessage(messages.partComments)}>
            <CommentSidebar
              documentId={detail.id}
              workspaceId={detail.workspaceId}
              threads={threads}
              places={places}
              actNumbers={actNumbers ? actNumbers.split(",").map(Number) : []}
              accountId={user.accountId}
              role={detail.role}
              pending={pending}
              active={active}
              onActivate={activate}
              reveal={linkedThread}
              onPendingDone={() => {
                setPending(null);
                // Back to the words, so a keyboard user goes on reading from there.
                if (editor && !editor.isDestroyed) editor.view.focus();
              }}
              onChanged={upsert}
              onRemoved={remove}
            />
          </ErrorBoundary>
        </Drawer>
      </div>
      <datalist id={REGION_LIST_ID}>
        {tenActsTemplate.regions.map((region) => (
          <option key={region} value={region} />
        ))}
      </datalist>
    </div>
  );
}

/** A statement open for live editing (or reading, by role). */
export function EditorPage({ documentId }: { documentId: string }) {
  const me = useMe();
  const { refresh } = useSession();
  const intl = useIntl();
  const { detail, missing, unreachable, reload, update } = useDocumentDetail(documentId);
  const session = useCollabSession(documentId);
  const removed = useRemovedFrom(session, detail, me);
  const onAccessChanged = useCallback(() => {
    reload();
    void refresh();
  }, [reload, refresh]);

  const onLanguageChanged = useCallback((language: Locale) => update({ language }), [update]);
  const title = detail?.title ?? null;
  useEffect(() => {
    document.title = title !== null ? intl.formatMessage(messages.pageTitle, { title }) : intl.formatMessage(messages.product);
  }, [title, intl]);

  if (removed) return <NoLongerMember detail={removed} />;
  if (missing)
    return (
      <main className="page page--narrow">
        <h1>{intl.formatMessage(messages.notFound)}</h1>
        <p className="muted">{missing}</p>
        <a href="/">{intl.formatMessage(messages.backToStatements)}</a>
      </main>
    );
  if (!detail && unreachable) return <NotOnThisDevice reason={unreachable} />;
  if (!session || !detail) return null;
  const user = { accountId: me.account.id, name: me.account.displayName, color: colorFor(me.account.id) };
  return (
    <ErrorBoundary part={intl.formatMessage(messages.partStatement)}>
      <Workspace session={session} user={user} detail={detail} onAccessChanged={onAccessChanged} onLanguageChanged={onLanguageChanged} onRoundChanged={reload} />
    </ErrorBoundary>
  );
}
