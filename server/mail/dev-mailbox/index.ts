import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * The development mailbox: a local SMTP server (smtp-server) that keeps every email it is sent, and
 * a small HTTP API the app's /mailbox page reads (`GET /messages`, newest first; `POST /reset`).
 * A test double of an email inbox, started by `npm run dev` and the e2e server; never in production.
 */
export interface DevMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface DevMailbox {
  smtpUrl: string;
  httpUrl: string;
  messages: DevMail[];
  close(): Promise<void>;
}

const decodeQuotedPrintable = (s: string) =>
  Buffer.from(
    s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

/** Reads a single-part text email as nodemailer writes it (headers, blank line, encoded body). */
export function parseEmail(raw: string): { subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"))?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text = encoding === "quoted-printable" ? decodeQuotedPrintable(body) : encoding === "base64" ? Buffer.from(body, "base64").toString("utf8") : body;
  const subject = header("Subject").replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, value: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(value, "base64").toString("utf8") : decodeQuotedPrintable(value.replaceAll("_", " ")),
  );
  return { subject, text: text.replace(/\r\n/g, "\n").trimEnd() };
}

export async function startDevMailbox(options: { smtpPort?: number; httpPort?: number; host?: string } = {}): Promise<DevMailbox> {
  const host = options.host ?? "127.0.0.1";
  const messages: DevMail[] = [];
  let seq = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("latin1")));
      stream.on("end", () => {
        const { subject, text } = parseEmail(raw);
        messages.unshift({
          id: ++seq,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          text,
          receivedAt: new Date().toISOString(),
        });
        callback();
      });
    },
  });
  const http: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.startsWith("/messages")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ messages }));
    }
    if (req.method === "POST" && req.url === "/reset") {
      messages.length = 0;
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("{}");
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => smtp.listen(options.smtpPort ?? 0, host, r));
  await new Promise<void>((r) => http.listen(options.httpPort ?? 0, host, r));
  return {
    smtpUrl: `smtp://${host}:${(smtp.server.address() as AddressInfo).port}`,
    httpUrl: `http://${host}:${(http.address() as AddressInfo).port}`,
    messages,
    close: async () => {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => http.close(() => r()))]);
    },
  };
}
