/**
 * A real SMTP server for tests, on 127.0.0.1 and a free port (smtp-server), keeping every
 * message it accepted, parsed by mailparser. `refuse` names recipients it rejects at
 * RCPT TO, as a server refusing a mailbox does; `refusing = true` turns every recipient
 * away for now (451, as a busy server does). `port` starts it on a given port: a test
 * can close it and start it again at the same address (`SMTP_URL`). `stopAfter` stops
 * it listening as soon as it has accepted that many messages (an outage in the middle of
 * a queue): the last one is answered as accepted, every later connection is refused.
 */
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  url: string;
  port: number;
  /** The messages accepted so far, in order. */
  messages: ParsedMail[];
  /** While true, every recipient is refused for now (451). */
  refusing: boolean;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { refuse?: (recipient: string) => boolean; port?: number; stopAfter?: number } = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refusing) {
        callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        return;
      }
      if (options.refuse?.(address.address)) {
        const refusal = Object.assign(new Error("mailbox unavailable"), { responseCode: 550 });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
          // Stops listening before any other connection can arrive; this one ends as usual.
          if (messages.length === options.stopAfter) server.server.close();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
