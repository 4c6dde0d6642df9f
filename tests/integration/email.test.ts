import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { intakeReceivedEmail, newLeadEmail, resumeLinkEmail } from "~/emails/templates";
import { loader as outboxLoader } from "~/routes/$lang.owner.outbox";
import { loader as outboxMessageLoader } from "~/routes/$lang.owner.outbox.$id";
import { loader as attachmentLoader } from "~/routes/$lang.owner.outbox.attachments.$attachmentId";
import { complete } from "~/domain/intake/fixtures";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { listFailedJobs, retryJob } from "~/jobs/runner.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { closeEmailTransports, notifyOwners, sendEmail } from "~/utils/email.server";
import { parseEnv } from "~/utils/env.server";
import { call, closedPort, get, proposalEmailOf, runJobs, useSmtp } from "./helpers";

// ---------------------------------------------------------------------------
// A real SMTP server on 127.0.0.1, and just enough MIME parsing to read what
// it received the way a mail client would (encoded-word subjects, quoted-
// printable or base64 bodies, multipart/alternative).

interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

const received: Received[] = [];
let refuseRecipients = false;
let server: SMTPServer;
let smtpUrl = "";

function listen(s: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    s.server.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve((s.server.address() as AddressInfo).port));
  });
}

function decodeQuotedPrintable(body: string): Buffer {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), adjacent words joined. */
function decodeEncodedWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(?:\s+(?==\?))?/g, (_m, _charset: string, encoding: string, data: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
  );
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

function leafParts(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith("multipart/") || !boundary) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1);
  return sections
    .filter((s) => !s.startsWith("--"))
    .flatMap((s) => leafParts(parsePart(s.replace(/^\r\n/, ""))));
}

function decodedBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body).toString("utf8");
  return part.body;
}

/** What a mail client shows: decoded headers and the text and HTML bodies. */
function readMail(raw: string) {
  const message = parsePart(raw);
  const leaves = leafParts(message);
  const body = (type: string) => {
    const part = leaves.find((p) => (p.headers.get("content-type") ?? "").toLowerCase().startsWith(type));
    return part ? decodedBody(part) : "";
  };
  return {
    from: decodeEncodedWords(message.headers.get("from") ?? ""),
    to: decodeEncodedWords(message.headers.get("to") ?? ""),
    subject: decodeEncodedWords(message.headers.get("subject") ?? ""),
    text: body("text/plain"),
    html: body("text/html"),
  };
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuseRecipients) callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  smtpUrl = `smtp://127.0.0.1:${await listen(server)}`;
});

afterAll(async () => {
  useSmtp(undefined);
  closeEmailTransports();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  refuseRecipients = false;
});

afterEach(() => useSmtp(undefined));

// ---------------------------------------------------------------------------

describe("email configuration", () => {
  it("accepts smtp:// and smtps:// URLs, treats an empty one as unset, and never echoes a bad one", () => {
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "smtps://u:p@mail.example.it:465" }).SMTP_URL).toBe("smtps://u:p@mail.example.it:465");
    expect(parseEnv({}).EMAIL_FROM).toBe("Socialbrief <no-reply@socialbrief.local>");
    expect(() => parseEnv({ SMTP_URL: "https://user:hunter2@mail.example.it" })).toThrow(/SMTP_URL: must be a smtp:\/\/ or smtps:\/\/ URL/);
    try {
      parseEnv({ SMTP_URL: "https://user:hunter2@mail.example.it", EMAIL_FROM: "hunter3" });
    } catch (error) {
      expect((error as Error).message).toContain("EMAIL_FROM:");
      expect((error as Error).message).not.toMatch(/hunter[23]/);
    }
  });
});

describe("sendEmail", () => {
  it("sends through SMTP what the recipient should read, and records it as sent", async () => {
    useSmtp(smtpUrl);
    const content = newLeadEmail({
      locale: "it",
      name: "Giulia Verdi",
      organisation: "Caffè Rossi & Figli",
      email: "giulia@caffe.example",
      sector: "Ristorazione",
      goals: ["Farsi conoscere", "Contatti e vendite"],
      leadUrl: "https://brief.example.it/it/owner/leads/lead_1",
    });
    const result = await sendEmail({ kind: "new_lead", to: "titolare@studio.example", locale: "it", ...content });

    expect(result.status).toBe("sent");
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery!.mailFrom).toBe("no-reply@socialbrief.local");
    expect(delivery!.rcptTo).toEqual(["titolare@studio.example"]);
    const mail = readMail(delivery!.raw);
    expect(mail.to).toBe("titolare@studio.example");
    expect(mail.from).toBe("Socialbrief <no-reply@socialbrief.local>");
    expect(mail.subject).toBe("Nuovo contatto: Caffè Rossi & Figli");
    expect(mail.text).toContain("Giulia Verdi ha compilato il questionario.");
    expect(mail.text).toContain("Settore: Ristorazione");
    expect(mail.text).toContain("https://brief.example.it/it/owner/leads/lead_1");
    expect(mail.html).toContain("Caffè Rossi &amp; Figli");
    expect(mail.html).toContain('href="https://brief.example.it/it/owner/leads/lead_1"');

    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ kind: "new_lead", to: "titolare@studio.example", locale: "it", status: "sent", error: null });
    expect(row.subject).toBe("Nuovo contatto: Caffè Rossi & Figli");
    expect(row.sentAt).toBeInstanceOf(Date);
    // What was stored is what went out, both parts.
    expect(row.text.replace(/\r\n/g, "\n").trimEnd()).toBe(mail.text.replace(/\r\n/g, "\n").trimEnd());
    expect(row.html.replace(/\r\n/g, "\n").trimEnd()).toBe(mail.html.replace(/\r\n/g, "\n").trimEnd());
  });

  it("keeps the message in the outbox when no SMTP server is configured, and sends nothing", async () => {
    useSmtp(undefined);
    const content = resumeLinkEmail({
      locale: "en",
      url: "https://brief.example.it/en/intake/resume/tok",
      organisation: "Lodi Wines",
      expiresAt: new Date("2026-12-25T10:00:00Z"),
    });
    const result = await sendEmail({ kind: "resume_link", to: "piero@lodi.example", locale: "en", ...content });

    expect(result.status).toBe("outbox");
    expect(received).toHaveLength(0);
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ status: "outbox", sentAt: null, error: null, subject: "Your link to continue the questionnaire" });
    expect(row.text).toContain("The link expires on 25 December 2026");
  });

  it("records a message the server refuses as failed, without throwing", async () => {
    useSmtp(smtpUrl);
    refuseRecipients = true;
    const content = intakeReceivedEmail({ locale: "it", name: "Piero", organisation: "Cantina Lodi", proposalUrl: "https://brief.example.it/it/p/tok", proposal: { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } });
    const result = await sendEmail({ kind: "intake_received", to: "nobody@lodi.example", locale: "it", ...content });

    expect(result.status).toBe("failed");
    expect(received).toHaveLength(0);
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.status).toBe("failed");
    expect(row.sentAt).toBeNull();
    expect(row.error).toMatch(/550|No such user/);
  });

  it("records a message as failed when the SMTP server cannot be reached", async () => {
    useSmtp(`smtp://127.0.0.1:${await closedPort()}`);
    const content = intakeReceivedEmail({ locale: "en", name: "Ann", organisation: "Ann Ltd", proposalUrl: "https://brief.example.it/en/p/tok", proposal: { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } });
    const result = await sendEmail({ kind: "intake_received", to: "ann@ann.example", locale: "en", ...content });
    expect(result.status).toBe("failed");
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it("does not send to an invalid address, and stores it as failed", async () => {
    useSmtp(smtpUrl);
    const content = intakeReceivedEmail({ locale: "it", name: "X", organisation: "Y", proposalUrl: "https://brief.example.it/it/p/tok", proposal: { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } });
    const result = await sendEmail({ kind: "intake_received", to: "not-an-address\r\nBcc: victim@example.com", locale: "it", ...content });
    expect(result.status).toBe("failed");
    expect(received).toHaveLength(0);
    const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.error).toBe("Invalid message: to");
  });
});

describe("notifyOwners", () => {
  it("sends the Italian message to every owner and to no one else", async () => {
    useSmtp(smtpUrl);
    await prisma.user.createMany({
      data: [
        { email: "olga@studio.example", name: "Olga", passwordHash: "unused", role: "owner" },
        { email: "oscar@studio.example", name: "Oscar", passwordHash: "unused", role: "owner" },
        { email: "mia@studio.example", name: "Mia", passwordHash: "unused", role: "member" },
      ],
    });
    const locales: string[] = [];
    const results = await notifyOwners((locale) => {
      locales.push(locale);
      return newLeadEmail({
        locale,
        name: "Sara",
        organisation: "Comune di Sale",
        email: "sara@sale.example",
        sector: null,
        goals: [],
        leadUrl: "https://brief.example.it/it/owner",
      });
    }, "new_lead");

    expect(locales).toEqual(["it"]);
    expect(results.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(received.flatMap((r) => r.rcptTo).sort()).toEqual(["olga@studio.example", "oscar@studio.example"]);
    for (const delivery of received) expect(readMail(delivery.raw).subject).toBe("Nuovo contatto: Comune di Sale");
    await prisma.user.deleteMany({ where: { email: { in: ["olga@studio.example", "oscar@studio.example", "mia@studio.example"] } } });
  });
});

describe("owner outbox pages", () => {
  async function ownerCookie(): Promise<string> {
    const user = await prisma.user.upsert({
      where: { email: "outbox-owner@studio.example" },
      create: { email: "outbox-owner@studio.example", name: "Olga Owner", passwordHash: "unused", role: "owner" },
      update: {},
      select: { id: true },
    });
    return (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
  }

  it("send anonymous visitors to the login page, for the list and for a message", async () => {
    const list = await call(outboxLoader, get("/it/owner/outbox"), { lang: "it" });
    expect(list.status).toBe(302);
    expect(list.headers.get("Location")).toBe(`/it/login?redirectTo=${encodeURIComponent("/it/owner/outbox")}`);
    const one = await call(outboxMessageLoader, get("/en/owner/outbox/abc"), { lang: "en", id: "abc" });
    expect(one.status).toBe(302);
    expect(one.headers.get("Location")).toBe(`/en/login?redirectTo=${encodeURIComponent("/en/owner/outbox/abc")}`);
  });

  it("list the stored messages, newest first, and show one with both bodies", async () => {
    const cookie = await ownerCookie();
    const content = intakeReceivedEmail({ locale: "it", name: "Lia", organisation: "Forno <Lia>", proposalUrl: "https://brief.example.it/it/p/lia", proposal: { sent: false, expectedBy: new Date("2026-03-13T12:00:00Z") } });
    const { id } = await sendEmail({ kind: "intake_received", to: "lia@forno.example", locale: "it", ...content });

    const list = await call(outboxLoader, get("/it/owner/outbox", { Cookie: cookie }), { lang: "it" });
    expect(list.status).toBe(200);
    expect(list.headers.get("Cache-Control")).toBe("private, no-store");
    const data = (await list.json()) as { smtpConfigured: boolean; messages: { id: string; subject: string; to: string; status: string }[] };
    expect(data.smtpConfigured).toBe(false);
    expect(data.messages[0]).toMatchObject({ id, subject: content.subject, to: "lia@forno.example", status: "outbox" });

    const page = await call(outboxMessageLoader, get(`/it/owner/outbox/${id}`, { Cookie: cookie }), { lang: "it", id });
    expect(page.status).toBe(200);
    const { message } = (await page.json()) as { message: { subject: string; text: string; html: string; status: string } };
    expect(message.subject).toBe(content.subject);
    expect(message.text).toContain("Abbiamo ricevuto le risposte per Forno <Lia>.");
    expect(message.html).toContain("Forno &lt;Lia&gt;");
  });

  it("answer 404 for an unknown message or language", async () => {
    const cookie = await ownerCookie();
    const missing = await call(outboxMessageLoader, get("/it/owner/outbox/nope", { Cookie: cookie }), { lang: "it", id: "nope" });
    expect(missing.status).toBe(404);
    const badLang = await call(outboxLoader, get("/de/owner/outbox", { Cookie: cookie }), { lang: "de" });
    expect(badLang.status).toBe(404);
  });
});

describe("the proposal PDF sent by email", () => {
  async function staffUser(role: "owner" | "member") {
    const user = await prisma.user.create({
      data: { email: `${role}-${Math.random().toString(36).slice(2)}@studio.example`, name: `Staff ${role}`, passwordHash: "unused", role },
      select: { id: true },
    });
    return { id: user.id, cookie: (await createSessionCookie(user.id, { userAgent: "vitest", ip: null })).split(";")[0]! };
  }

  async function leadOf(organisation: string, contactName: string) {
    const email = `${Math.random().toString(36).slice(2)}@client.example`;
    const answers = { ...complete, about: { ...complete.about, organisation, contactName, email } };
    const { draft } = await createDraft("it");
    const outcome = await submitIntake({ id: draft.id, answers }, "it");
    if (!outcome.ok) throw new Error("fixture does not submit");
    return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
  }

  function pdfText(bytes: Buffer): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sb-pdf-")), "attachment.pdf");
    writeFileSync(file, bytes);
    return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  }

  it("is stored with the message, listed in the outbox, and downloadable by staff (members too)", async () => {
    const owner = await staffUser("owner");
    const member = await staffUser("member");
    const lead = await leadOf("Cantina Verdi Zanardelli", "Ottavia Zanardelli");
    const email = await proposalEmailOf((await sendProposal(lead.id, owner.id)).version.id);
    expect(email.status).toBe("outbox");

    const stored = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id }, include: { attachments: true } });
    expect(stored).toMatchObject({ kind: "proposal_sent", to: lead.email, leadId: lead.id });
    expect(stored.attachments).toHaveLength(1);
    const [file] = stored.attachments;
    expect(file).toMatchObject({ filename: "proposta-cantina-verdi-zanardelli.pdf", contentType: "application/pdf" });
    const bytes = Buffer.from(file!.content);
    expect(file!.size).toBe(bytes.length);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes).replace(/\s+/g, " ");
    expect(text).toContain("Cantina Verdi Zanardelli");
    expect(text).toContain("Ottavia Zanardelli");
    // The very bytes the private link serves for that version.
    const version = await prisma.proposalVersion.findFirstOrThrow({ where: { proposal: { leadId: lead.id } } });
    expect(version.pdfHash).toBe(createHash("sha256").update(bytes).digest("hex"));

    const list = await call(outboxLoader, get("/it/owner/outbox", { Cookie: member.cookie }), { lang: "it" });
    const rows = ((await list.json()) as { messages: Array<{ id: string; attachments: Array<{ id: string; filename: string; size: number }> }> }).messages;
    expect(rows.find((m) => m.id === email.id)?.attachments).toEqual([{ id: file!.id, filename: file!.filename, contentType: "application/pdf", size: bytes.length }]);
    const detail = await call(outboxMessageLoader, get(`/it/owner/outbox/${email.id}`, { Cookie: member.cookie }), { lang: "it", id: email.id });
    expect(((await detail.json()) as { message: { attachments: Array<{ id: string }> } }).message.attachments.map((a) => a.id)).toEqual([file!.id]);

    const params = { lang: "it", attachmentId: file!.id };
    const download = await call(attachmentLoader, get(`/it/owner/outbox/attachments/${file!.id}`, { Cookie: member.cookie }), params);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toContain('filename="proposta-cantina-verdi-zanardelli.pdf"');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const anonymous = await call(attachmentLoader, get(`/it/owner/outbox/attachments/${file!.id}`), params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/it/login");
    expect((await call(attachmentLoader, get("/it/owner/outbox/attachments/nope", { Cookie: owner.cookie }), { lang: "it", attachmentId: "nope" })).status).toBe(404);
  });

  it("goes out over SMTP from the stored record, attachment included", async () => {
    useSmtp(smtpUrl);
    const owner = await staffUser("owner");
    const lead = await leadOf("Birrificio Quercia", "Bruno Quercia");
    const email = await proposalEmailOf((await sendProposal(lead.id, owner.id)).version.id);
    expect(email.status).toBe("sent");
    const stored = await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id }, include: { attachments: true } });
    expect(stored).toMatchObject({ status: "sent", error: null, leadId: lead.id });
    expect(stored.attachments).toHaveLength(1);
    const delivery = received.find((r) => r.rcptTo.includes(lead.email) && readMail(r.raw).subject === stored.subject);
    expect(delivery).toBeDefined();
    const pdfPart = leafParts(parsePart(delivery!.raw)).find((p) => (p.headers.get("content-type") ?? "").toLowerCase().startsWith("application/pdf"));
    expect(pdfPart?.headers.get("content-disposition")).toContain("proposta-birrificio-quercia.pdf");
    const sent = Buffer.from(pdfPart!.body.replace(/\s+/g, ""), "base64");
    expect(sent.equals(Buffer.from(stored.attachments[0]!.content))).toBe(true);
    expect(pdfText(sent)).toContain("Birrificio Quercia");
  });

  it("waits in its job while the mail server refuses it, then goes out once with its PDF", async () => {
    const owner = await staffUser("owner");
    const lead = await leadOf("Forno Pietra", "Paola Pietra");
    await runJobs(); // the submit's own emails, out of the way
    useSmtp(`smtp://127.0.0.1:${await closedPort()}`);
    const { version } = await sendProposal(lead.id, owner.id);
    expect(await runJobs()).toBe(1);
    const [failed] = await listFailedJobs();
    expect(failed).toMatchObject({ kind: "proposal_sent", attempts: 1, status: "retrying", lastError: "the proposal email could not be sent (see the outbox)" });
    // The version is sent all the same (the link shows it); only its email waits.
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("proposal_sent");
    useSmtp(smtpUrl);
    expect(await retryJob(failed!.id)).toBe(true);
    const email = await proposalEmailOf(version.id);
    expect(email.status).toBe("sent");
    expect(await listFailedJobs()).toEqual([]);
    // One message (the failed attempt was replaced), delivered once, with the PDF.
    expect(await prisma.emailMessage.count({ where: { kind: "proposal_sent", leadId: lead.id } })).toBe(1);
    expect(await prisma.emailAttachment.count({ where: { messageId: email.id } })).toBe(1);
    const subject = (await prisma.emailMessage.findUniqueOrThrow({ where: { id: email.id } })).subject;
    expect(received.filter((r) => r.rcptTo.includes(lead.email) && readMail(r.raw).subject === subject)).toHaveLength(1);
    expect(await runJobs()).toBe(0);
  });
});
