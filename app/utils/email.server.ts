// Outgoing email. Every message is stored as an EmailMessage row, whatever
// happens to it:
//   - SMTP_URL unset (the demo default): nothing is sent, status "outbox"; the
//     owner reads it at /{lang}/owner/outbox.
//   - SMTP_URL set: sent through nodemailer, status "sent" (with sentAt) or
//     "failed" (with the server's error). A failed send never throws: the
//     request that wanted the email carries on, and the row says what happened.
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { EmailContent } from "~/emails/templates";
import { isLocale, type Locale } from "~/i18n/i18n";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { logger } from "./logger.server";

export const emailKinds = ["resume_link", "intake_received", "new_lead", "settings_test", "proposal_sent", "password_reset", "invite", "proposal_accepted", "payment_received", "owner_payment"] as const;
export type EmailKind = (typeof emailKinds)[number];
export const emailStatuses = ["sent", "outbox", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export interface OutgoingEmail extends EmailContent {
  kind: EmailKind;
  to: string;
  locale: Locale;
  /** Sent with the message over SMTP; the outbox keeps only the message itself. */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SendResult {
  id: string;
  status: EmailStatus;
}

export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === "string" && (emailKinds as readonly string[]).includes(value);
}

export function isEmailStatus(value: unknown): value is EmailStatus {
  return typeof value === "string" && (emailStatuses as readonly string[]).includes(value);
}

const MessageSchema = z.object({
  kind: z.enum(emailKinds),
  to: z.string().trim().email().max(254),
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

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000);
}

/**
 * Stores the message and sends it when SMTP is configured. Resolves with the
 * row's id and status; a message that cannot be sent (bad recipient, refused
 * by the server, SMTP down) resolves with status "failed", never throws.
 * Only a database failure rejects.
 */
export async function sendEmail(message: OutgoingEmail): Promise<SendResult> {
  const parsed = MessageSchema.safeParse(message);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(message)"))].join(", ");
    const error = `Invalid message: ${fields}`;
    logger.error({ kind: message.kind, error }, "email not sent: invalid message");
    const row = await prisma.emailMessage.create({
      data: {
        kind: String(message.kind),
        to: String(message.to).slice(0, 320),
        locale: String(message.locale),
        subject: String(message.subject).replace(/\s+/g, " ").slice(0, 300),
        text: String(message.text),
        html: String(message.html),
        status: "failed",
        error,
      },
      select: { id: true },
    });
    return { id: row.id, status: "failed" };
  }
  const email = parsed.data;
  const { SMTP_URL, EMAIL_FROM } = getEnv();

  if (!SMTP_URL) {
    const row = await prisma.emailMessage.create({ data: { ...email, status: "outbox" }, select: { id: true } });
    logger.info({ emailId: row.id, kind: email.kind }, "email kept in the outbox (no SMTP_URL)");
    return { id: row.id, status: "outbox" };
  }

  let status: EmailStatus;
  let error: string | null = null;
  let sentAt: Date | null = null;
  try {
    await transportFor(SMTP_URL).sendMail({
      from: EMAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: message.attachments,
      headers: { "Auto-Submitted": "auto-generated", "Content-Language": email.locale },
    });
    status = "sent";
    sentAt = new Date();
  } catch (thrown) {
    status = "failed";
    error = errorMessage(thrown);
  }
  const row = await prisma.emailMessage.create({ data: { ...email, status, error, sentAt }, select: { id: true } });
  if (status === "sent") logger.info({ emailId: row.id, kind: email.kind }, "email sent");
  else logger.error({ emailId: row.id, kind: email.kind, error }, "email not sent");
  return { id: row.id, status };
}

/** Sends one message to every owner account, in Italian (accounts have no language of their own). */
export async function notifyOwners(build: (locale: Locale) => EmailContent, kind: EmailKind): Promise<SendResult[]> {
  const owners = await prisma.user.findMany({ where: { role: "owner" }, select: { email: true }, orderBy: { createdAt: "asc" } });
  if (owners.length === 0) return [];
  const locale: Locale = "it";
  const content = build(locale);
  const results: SendResult[] = [];
  for (const owner of owners) results.push(await sendEmail({ kind, to: owner.email, locale, ...content }));
  return results;
}

export interface EmailListItem {
  id: string;
  createdAt: Date;
  kind: string;
  to: string;
  subject: string;
  status: string;
}

/** The latest messages, newest first (the outbox page). */
export async function listEmailMessages({ take = 100 }: { take?: number } = {}): Promise<EmailListItem[]> {
  return prisma.emailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, createdAt: true, kind: true, to: true, subject: true, status: true },
  });
}

/** One stored message with both bodies, or null. */
export async function getEmailMessage(id: string) {
  return prisma.emailMessage.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      to: true,
      subject: true,
      text: true,
      html: true,
      locale: true,
      status: true,
      error: true,
      createdAt: true,
      sentAt: true,
    },
  });
}
