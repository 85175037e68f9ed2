import { Component, Fragment, type ErrorInfo, type ReactNode } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";

const messages = defineMessages<{
  notShown: { part: string };
  explanation: NoMessageValues;
  reload: NoMessageValues;
}>({
  notShown: { id: "shell.partNotShown", defaultMessage: "{part} could not be shown." },
  explanation: { id: "shell.partNotShownExplanation", defaultMessage: "Something in it was not as expected. The rest of the page still works." },
  reload: { id: "shell.reloadPart", defaultMessage: "Reload this part" },
});

/** A symbol, not a word: the same in every language. */
const RELOAD_ICON = "↻";

interface ErrorBoundaryProps {
  /**
   * What this part is, already in the interface's language, as a name that can open a
   * sentence ("The list of people here"): the message puts it first ("{part} could not
   * be shown."); other languages may follow it with a colon.
   */
  part: string;
  /** A one-line message that fits in a toolbar or a top bar, instead of a panel. */
  inline?: boolean;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
  /** Bumped by "Reload this part", so the part mounts again from scratch. */
  attempt: number;
}

/** What replaces a part that failed, in the interface's language. */
function PartError({ part, inline, onReload }: { part: string; inline: boolean; onReload: () => void }) {
  const intl = useIntl();
  const notShown = intl.formatMessage(messages.notShown, { part });
  const reload = intl.formatMessage(messages.reload);
  return (
    <div className={`part-error${inline ? " part-error--inline" : ""}`} role="alert">
      <p className="part-error__message" title={inline ? notShown : undefined}>
        <strong>{notShown}</strong>
        {!inline && <> {intl.formatMessage(messages.explanation)}</>}
      </p>
      <button type="button" className="button part-error__reload" onClick={onReload} title={reload}>
        {inline && (
          <span className="part-error__icon" aria-hidden="true">
            {RELOAD_ICON}
          </span>
        )}
        <span className="part-error__label">{reload}</span>
      </button>
    </div>
  );
}

/**
 * Keeps one part of a page failing on its own: a value the part did not expect (from
 * another person's presence, a comment, the server) replaces that part with a short
 * message and a way to reload it, while the rest of the page, the text editing above
 * all, keeps working.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, attempt: 0 };

  static getDerivedStateFromError(): Partial<ErrorBoundaryState> {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For developers, in the console: not translated. Logged as received: turning an unknown thrown value into text can itself throw.
    console.error(`${this.props.part} failed and was replaced by a message.`, error, info.componentStack);
  }

  private readonly reload = (): void => {
    this.setState((state) => ({ failed: false, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { part, inline, children } = this.props;
    if (!this.state.failed) return <Fragment key={this.state.attempt}>{children}</Fragment>;
    return <PartError part={part} inline={inline ?? false} onReload={this.reload} />;
  }
}
