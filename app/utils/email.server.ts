// Outgoing email. Every message is stored as an EmailMessage row, whatever
// happens to it:
//   - SMTP_URL unset (the demo default): nothing is sent, status "outbox"; the
//     owner reads it at /{lang}/owner/outbox.
//   - SMTP_URL set: sent through nodemailer, status "sent" (with sentAt) or
//     "failed" (with the server's error). A failed send never throws: the
//     request that wanted the email carries on, and the row says what happened.
// A message arrives as what it says (a template's subject and blocks); it is
// rendered here, HTML and plain text, with the owner's branding as props.
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { isEmailAddress } from "~/domain/email-address";
import { groupByLocale } from "~/domain/user-locale";
import { renderEmail } from "~/emails/render";
import type { EmailContent } from "~/emails/templates";
import { isLocale, type Locale } from "~/i18n/i18n";
import { prisma } from "./db.server";
import { getEmailBrand, senderFrom } from "./email-brand.server";
import { getEnv } from "./env.server";
import { logger } from "./logger.server";

export const emailKinds = ["resume_link", "intake_received", "new_lead", "settings_test", "proposal_sent", "password_reset", "login_alert", "invite", "proposal_accepted", "payment_received", "owner_payment", "renewal_requested", "retainer_failed"] as const;
export type EmailKind = (typeof emailKinds)[number];
export const emailStatuses = ["sent", "outbox", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export interface OutgoingEmail extends EmailContent {
  kind: EmailKind;
  to: string;
  locale: Locale;
  /** Stored with the message (EmailAttachment rows) and sent over SMTP from those rows. */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  /** The lead the message is about (to the prospect or to the team), so erasing the person removes it. */
  leadId?: string | null;
  /**
   * The job sending it and which of its messages (app/jobs). A message already
   * stored under that key (outbox or sent) is not sent again; a failed one is
   * replaced and sent again (the job is retrying).
   */
  jobKey?: string;
}

export interface SendResult {
  id: string;
  status: EmailStatus;
}

const MessageSchema = z.object({
  kind: z.enum(emailKinds),
  // International domains in Unicode ("info@caffè.it", as the prospect typed it); nodemailer sends them as punycode.
  to: z.string().trim().max(254).refine(isEmailAddress),
  locale: z.custom<Locale>(isLocale),
  // One line: a line break in a header would be a header injection.
  subject: z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1).max(300)),
  text: z.string().min(1),
  html: z.string().min(1),
});

// Timeouts short enough for a request path (nodemailer's defaults go up to 10 minutes).
const transportTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

// One transport per SMTP_URL, created on first use.
const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({ url, ...transportTimeouts });
    transports.set(url, transport);
  }
  return transport;
}

/** Closes the cached transports (shutdown and tests). */
export function closeEmailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** The attachments as nested EmailAttachment rows (none when there are none). */
function storedAttachments(files: OutgoingEmail["attachments"]) {
  if (!files?.length) return undefined;
  return {
    create: files.map((f) => ({ filename: f.filename.replace(/[\r\n"\\/]/g, "_").slice(0, 200), contentType: f.contentType, size: f.content.length, content: new Uint8Array(f.content) })),
  };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000);
}

/** Whether the message of a job is stored already, sent or kept in the outbox (a re-run then has nothing to send). */
export async function emailExists(jobKey: string): Promise<boolean> {
  const existing = await prisma.emailMessage.findUnique({ where: { jobKey }, select: { status: true } });
  return existing !== null && existing.status !== "failed";
}

/**
 * Stores the message and sends it when SMTP is configured. Resolves with the
 * row's id and status; a message that cannot be sent (bad recipient, refused
 * by the server, SMTP down) resolves with status "failed", never throws.
 * Only a database failure rejects.
 */
export async function sendEmail(message: OutgoingEmail): Promise<SendResult> {
  const jobKey = message.jobKey ?? null;
  if (jobKey) {
    const existing = await prisma.emailMessage.findUnique({ where: { jobKey }, select: { id: true, status: true } });
    if (existing && existing.status !== "failed") return { id: existing.id, status: existing.status as EmailStatus };
    if (existing) await prisma.emailMessage.delete({ where: { id: existing.id } });
  }
  // The owner's sender name, reply-to, signature, logo and colour (settings), on every
  // message: props of the layout, in the language the message is written in.
  const brand = await getEmailBrand(message.body.locale);
  const rendered = await renderEmail(message, brand);
  const parsed = MessageSchema.safeParse({ ...message, ...rendered });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(message)"))].join(", ");
    const error = `Invalid message: ${fields}`;
    logger.error({ kind: message.kind, error }, "email not sent: invalid message");
    const row = await prisma.emailMessage.create({
      data: {
        kind: String(message.kind),
        to: String(message.to).slice(0, 320),
        locale: String(message.locale),
        subject: rendered.subject.replace(/\s+/g, " ").slice(0, 300),
        text: rendered.text,
        html: rendered.html,
        status: "failed",
        error,
        leadId: message.leadId ?? null,
        jobKey,
      },
      select: { id: true },
    });
    return { id: row.id, status: "failed" };
  }
  const email = parsed.data;
  const { SMTP_URL, EMAIL_FROM } = getEnv();

  const leadId = message.leadId ?? null;
  const attachments = storedAttachments(message.attachments);
  // Kept with the message, so the outbox shows who it came from and where replies go.
  const sender = senderFrom(EMAIL_FROM, brand.senderName);
  const envelope = { from: typeof sender === "string" ? sender : `${sender.name} <${sender.address}>`, replyTo: brand.replyTo || null };

  if (!SMTP_URL) {
    const row = await prisma.emailMessage.create({ data: { ...email, ...envelope, leadId, jobKey, status: "outbox", attachments }, select: { id: true } });
    logger.info({ emailId: row.id, kind: email.kind }, "email kept in the outbox (no SMTP_URL)");
    return { id: row.id, status: "outbox" };
  }

  // Stored first, attachments included; what goes out is read back from that record.
  const row = await prisma.emailMessage.create({ data: { ...email, ...envelope, leadId, jobKey, status: "failed", error: "Not sent yet", attachments }, select: { id: true } });
  const files = await prisma.emailAttachment.findMany({ where: { messageId: row.id }, orderBy: { id: "asc" }, select: { filename: true, contentType: true, content: true } });
  let status: EmailStatus;
  let error: string | null = null;
  let sentAt: Date | null = null;
  try {
    await transportFor(SMTP_URL).sendMail({
      from: sender, // nodemailer encodes the name (accents, commas) itself
      ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: Buffer.from(f.content) })),
      headers: { "Auto-Submitted": "auto-generated", "Content-Language": email.locale },
    });
    status = "sent";
    sentAt = new Date();
  } catch (thrown) {
    status = "failed";
    error = errorMessage(thrown);
  }
  await prisma.emailMessage.update({ where: { id: row.id }, data: { status, error, sentAt } });
  if (status === "sent") logger.info({ emailId: row.id, kind: email.kind }, "email sent");
  else logger.error({ emailId: row.id, kind: email.kind, error }, "email not sent");
  return { id: row.id, status };
}

/**
 * Sends one message to every owner account, each in the owner's own language
 * (User.locale): `build` runs once per language among the owners, not once per owner.
 */
export async function notifyOwners(build: (locale: Locale) => EmailContent, kind: EmailKind, about: { leadId?: string | null; jobKey?: string } = {}): Promise<SendResult[]> {
  // A disabled account (removed from the team) is told nothing more.
  const owners = await prisma.user.findMany({ where: { role: "owner", disabledAt: null }, select: { id: true, email: true, locale: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const results: SendResult[] = [];
  for (const { locale, recipients } of groupByLocale(owners)) {
    const content = build(locale);
    // From a job, one key per owner: a re-run sends only to the owners not yet written to.
    for (const owner of recipients) results.push(await sendEmail({ kind, to: owner.email, locale, ...content, leadId: about.leadId ?? null, ...(about.jobKey ? { jobKey: `${about.jobKey}:${owner.id}` } : {}) }));
  }
  return results;
}

export interface EmailAttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface EmailListItem {
  id: string;
  createdAt: Date;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attachments: EmailAttachmentInfo[];
}

const attachmentInfo = { select: { id: true, filename: true, contentType: true, size: true }, orderBy: { id: "asc" } } as const;

/** The latest messages, newest first (the outbox page). */
export async function listEmailMessages({ take = 100 }: { take?: number } = {}): Promise<EmailListItem[]> {
  return prisma.emailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, createdAt: true, kind: true, to: true, subject: true, status: true, attachments: attachmentInfo },
  });
}

/** One stored message with both bodies, or null. */
export async function getEmailMessage(id: string) {
  return prisma.emailMessage.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      from: true,
      replyTo: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      locale: true,
      status: true,
      error: true,
      createdAt: true,
      sentAt: true,
      attachments: attachmentInfo,
    },
  });
}

/** One stored attachment with its bytes and the message it belongs to (for the access check), or null. */
export async function getEmailAttachment(id: string) {
  return prisma.emailAttachment.findUnique({
    where: { id },
    select: { id: true, filename: true, contentType: true, size: true, content: true, message: { select: { id: true, kind: true, to: true } } },
  });
}
