import { defineMessages, useIntl } from "react-intl";

const messages = defineMessages({
  title: { id: "collab.notOnThisDeviceTitle", defaultMessage: "This statement is not on this device yet" },
  text: {
    id: "collab.notOnThisDeviceText",
    defaultMessage: "Statements opened before on this device open without a connection; this one opens once the connection returns.",
  },
  back: { id: "collab.backToStatements", defaultMessage: "Back to statements" },
});

/** A statement never opened on this device, asked for while the server cannot be reached. */
export function NotOnThisDevice({ reason }: { reason: string }) {
  const intl = useIntl();
  return (
    <main className="page page--narrow">
      <h1>{intl.formatMessage(messages.title)}</h1>
      <p>{intl.formatMessage(messages.text)}</p>
      <p className="muted">{reason}</p>
      <a href="/">{intl.formatMessage(messages.back)}</a>
    </main>
  );
}
