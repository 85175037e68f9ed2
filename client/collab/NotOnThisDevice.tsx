/** A statement never opened on this device, asked for while the server cannot be reached. */
export function NotOnThisDevice({ reason }: { reason: string }) {
  return (
    <main className="page page--narrow">
      <h1>This statement is not on this device yet</h1>
      <p>Statements opened before on this device open without a connection; this one opens once the connection returns.</p>
      <p className="muted">{reason}</p>
      <a href="/">Back to statements</a>
    </main>
  );
}
