import { Component, Fragment, type ErrorInfo, type ReactNode } from "react";

interface ErrorBoundaryProps {
  /** What this part is, as the start of a sentence ("The list of people here"). */
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
    // Logged as received: turning an unknown thrown value into text can itself throw.
    console.error(`${this.props.part} failed and was replaced by a message.`, error, info.componentStack);
  }

  private readonly reload = (): void => {
    this.setState((state) => ({ failed: false, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { part, inline, children } = this.props;
    if (!this.state.failed) return <Fragment key={this.state.attempt}>{children}</Fragment>;
    return (
      <div className={`part-error${inline ? " part-error--inline" : ""}`} role="alert">
        <p className="part-error__message" title={inline ? `${part} could not be shown.` : undefined}>
          <strong>{part} could not be shown.</strong>
          {!inline && " Something in it was not as expected. The rest of the page still works."}
        </p>
        <button type="button" className="button part-error__reload" onClick={this.reload} title="Reload this part">
          {inline && (
            <span className="part-error__icon" aria-hidden="true">
              ↻
            </span>
          )}
          <span className="part-error__label">Reload this part</span>
        </button>
      </div>
    );
  }
}
