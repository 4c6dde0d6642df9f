// Email templates: pure functions from data to { subject, text, html }.
// Every word comes from the i18n layer (the "email" namespace), dates go
// through Intl (app/i18n/format.ts). The HTML is deliberately plain (tables and
// inline styles, which is what mail clients render reliably), and the
// plain-text part is built from the same blocks, so both carry the same content.
// Every string is escaped before it goes into HTML, translations included.
import { formatDate, formatDateTime } from "~/i18n/format";
import { getT, type Locale } from "~/i18n/i18n";

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const BRAND = "#1f3a5f";
const INK = "#1d232b";
const MUTED = "#4f5a67";
const FONT = "Inter, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Escapes a string for HTML text and for double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Collapses line breaks and runs of spaces: for subjects and one-line values. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Links in our emails are absolute http(s) URLs, never javascript: or data: ones. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError("Email links must be absolute http(s) URLs");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new RangeError("Email links must be absolute http(s) URLs");
  return url;
}

type Block =
  | { type: "paragraph"; text: string }
  | { type: "note"; text: string }
  | { type: "button"; label: string; url: string }
  | { type: "details"; rows: { label: string; value: string | string[] }[] };

interface Layout {
  locale: Locale;
  subject: string;
  heading: string;
  blocks: Block[];
}

function renderText({ locale, heading, blocks }: Layout): string {
  const t = getT(locale);
  const parts = [heading];
  for (const block of blocks) {
    if (block.type === "paragraph" || block.type === "note") parts.push(block.text);
    else if (block.type === "button") parts.push(`${block.label}:\n${block.url}`);
    else
      parts.push(
        block.rows
          .map(({ label, value }) => (Array.isArray(value) ? `${label}:\n${value.map((v) => `- ${v}`).join("\n")}` : `${label}: ${value}`))
          .join("\n"),
      );
  }
  parts.push(`-- \n${t("email.common.signature")}\n${t("email.common.automatic")}`);
  return `${parts.join("\n\n")}\n`;
}

const p = `margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.55;color:${INK};`;
const small = `margin:0 0 16px;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};`;

function renderBlock(block: Block, locale: Locale): string {
  const t = getT(locale);
  switch (block.type) {
    case "paragraph":
      return `<p style="${p}">${escapeHtml(block.text)}</p>`;
    case "note":
      return `<p style="${small}">${escapeHtml(block.text)}</p>`;
    case "button": {
      const href = escapeHtml(block.url);
      return [
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;"><tr>`,
        `<td style="background-color:${BRAND};border-radius:8px;">`,
        `<a href="${href}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:700;color:#ffffff;text-decoration:none;border-radius:8px;">${escapeHtml(block.label)}</a>`,
        `</td></tr></table>`,
        `<p style="${small}">${escapeHtml(t("email.common.linkFallback"))}<br><a href="${href}" style="color:${BRAND};word-break:break-all;">${href}</a></p>`,
      ].join("");
    }
    case "details": {
      const rows = block.rows.map(({ label, value }) => {
        const cell = Array.isArray(value)
          ? `<ul style="margin:0;padding-left:18px;">${value.map((v) => `<li>${escapeHtml(v)}</li>`).join("")}</ul>`
          : escapeHtml(value);
        return (
          `<tr><th scope="row" align="left" style="padding:6px 12px 6px 0;vertical-align:top;font-weight:600;color:${MUTED};white-space:nowrap;">${escapeHtml(label)}</th>` +
          `<td style="padding:6px 0;vertical-align:top;color:${INK};">${cell}</td></tr>`
        );
      });
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;font-family:${FONT};font-size:15px;line-height:1.5;border-collapse:collapse;">${rows.join("")}</table>`;
    }
  }
}

function renderHtml(layout: Layout): string {
  const t = getT(layout.locale);
  return `<!DOCTYPE html>
<html lang="${layout.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(layout.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f6f7f9;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f7f9;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border:1px solid #d5dbe3;border-radius:10px;">
<tr><td style="background-color:${BRAND};color:#ffffff;padding:16px 24px;font-family:${FONT};font-size:18px;font-weight:700;letter-spacing:.02em;border-radius:10px 10px 0 0;"><!--brand-->Socialbrief<!--/brand--></td></tr>
<tr><td style="padding:24px 24px 8px;">
<h1 style="margin:0 0 16px;font-family:${FONT};font-size:22px;line-height:1.3;color:${BRAND};">${escapeHtml(layout.heading)}</h1>
${layout.blocks.map((b) => renderBlock(b, layout.locale)).join("\n")}
<p style="${p}"><!--signature-->${escapeHtml(t("email.common.signature"))}<!--/signature--></p>
</td></tr>
<tr><td style="padding:12px 24px 16px;border-top:1px solid #e6eaf0;font-family:${FONT};font-size:12px;line-height:1.5;color:${MUTED};"><!--footer-->${escapeHtml(t("email.common.automatic"))}<!--/footer--></td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** How the owner's settings present every email: sender name, reply-to, signature, logo. */
export interface EmailBrand {
  /** Shown in the message's header bar (and the From name); empty = "Socialbrief". */
  senderName: string;
  replyTo: string | null;
  /** The owner's signature in the message's language; empty = the standard one. */
  signature: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
}

function replaceBetween(html: string, marker: string, content: string): string {
  const start = `<!--${marker}-->`;
  const end = `<!--/${marker}-->`;
  const from = html.indexOf(start);
  const to = html.indexOf(end, from);
  if (from < 0 || to < 0) return html;
  return `${html.slice(0, from + start.length)}${content}${html.slice(to)}`;
}

/**
 * Applies the owner's email settings to a rendered message (header, signature,
 * reply note), in both parts. With the default settings it changes nothing.
 */
export function brandEmail(content: EmailContent & { locale: Locale }, brand: EmailBrand): EmailContent {
  const t = getT(content.locale);
  const name = oneLine(brand.senderName);
  const signature = brand.signature.trim();
  const replyTo = brand.replyTo ? oneLine(brand.replyTo) : null;
  let { html, text } = content;
  if (brand.logoUrl || name) {
    const logo = brand.logoUrl ? checkedUrl(brand.logoUrl) : null;
    const label = escapeHtml(name || "Socialbrief");
    html = replaceBetween(
      html,
      "brand",
      logo
        ? `<img src="${escapeHtml(logo)}" alt="${label}" height="40" style="display:block;height:40px;width:auto;max-width:200px;border:0;background-color:#ffffff;padding:4px 6px;border-radius:4px;">`
        : label,
    );
  }
  const standardSignature = t("email.common.signature");
  const automatic = t("email.common.automatic");
  const footer = replyTo ? `${automatic} ${t("settings.email.replyNote", { email: replyTo })}` : automatic;
  if (signature) html = replaceBetween(html, "signature", signature.split(/\r?\n/).map((l) => escapeHtml(l.trim())).join("<br>"));
  if (replyTo) html = replaceBetween(html, "footer", escapeHtml(footer));
  const standardEnd = `-- \n${standardSignature}\n${automatic}\n`;
  if ((signature || replyTo) && text.endsWith(standardEnd)) {
    text = `${text.slice(0, -standardEnd.length)}-- \n${signature || standardSignature}\n${footer}\n`;
  }
  return { subject: content.subject, html, text };
}

function render(layout: Layout): EmailContent {
  return { subject: oneLine(layout.subject), text: renderText(layout), html: renderHtml(layout) };
}

/** To a prospect: the private link to continue the questionnaire, with its expiry. */
export function resumeLinkEmail(input: { locale: Locale; url: string; organisation?: string | null; expiresAt: Date; reminder?: boolean }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const url = checkedUrl(input.url);
  const organisation = input.organisation ? oneLine(input.organisation) : "";
  // A reminder the team sends from the pipeline: same link and rules, its own words.
  const words = input.reminder ? "pipeline.reminderEmail" : "email.resumeLink";
  return render({
    locale,
    subject: t(`${words}.subject`),
    heading: t(`${words}.heading`),
    blocks: [
      { type: "paragraph", text: organisation ? t(`${words}.introFor`, { organisation }) : t(`${words}.intro`) },
      { type: "button", label: t("email.resumeLink.button"), url },
      { type: "paragraph", text: t("email.resumeLink.expires", { date: formatDate(input.expiresAt, locale, "long") }) },
      { type: "paragraph", text: t("email.resumeLink.private") },
      { type: "note", text: t(`${words}.ignore`) },
    ],
  });
}

/**
 * To a prospect: their answers arrived, with the link to their private page and
 * when to expect the proposal (`expectedBy`, a calendar day at noon), or, when
 * the studio sends generated proposals at once, that it is already there.
 */
export function intakeReceivedEmail(input: { locale: Locale; name: string; organisation: string; proposalUrl: string; proposal: { sent: true } | { sent: false; expectedBy: Date } }): EmailContent {
  const { locale, proposal } = input;
  const t = getT(locale);
  const url = checkedUrl(input.proposalUrl);
  return render({
    locale,
    subject: t(proposal.sent ? "email.intakeReceived.subjectReady" : "email.intakeReceived.subject"),
    heading: t("email.intakeReceived.heading", { name: oneLine(input.name) }),
    blocks: [
      { type: "paragraph", text: t("email.intakeReceived.intro", { organisation: oneLine(input.organisation) }) },
      { type: "paragraph", text: proposal.sent ? t("email.intakeReceived.ready") : t("email.intakeReceived.expected", { date: formatDate(proposal.expectedBy, locale, "full") }) },
      { type: "button", label: t(proposal.sent ? "email.intakeReceived.buttonReady" : "email.intakeReceived.button"), url },
      { type: "paragraph", text: t("email.intakeReceived.private") },
    ],
  });
}

/** To the owner: a new lead, with what they need to decide and a link to it. `goals` are translated labels. */
export function newLeadEmail(input: {
  locale: Locale;
  name: string;
  organisation: string;
  email: string;
  sector: string | null;
  goals: string[];
  leadUrl: string;
}): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const url = checkedUrl(input.leadUrl);
  const name = oneLine(input.name);
  const organisation = oneLine(input.organisation);
  const none = t("email.newLead.none");
  const sector = input.sector ? oneLine(input.sector) : "";
  const goals = input.goals.map(oneLine).filter((g) => g !== "");
  return render({
    locale,
    subject: t("email.newLead.subject", { organisation }),
    heading: t("email.newLead.heading", { organisation }),
    blocks: [
      { type: "paragraph", text: t("email.newLead.intro", { name }) },
      {
        type: "details",
        rows: [
          { label: t("email.newLead.name"), value: name },
          { label: t("email.newLead.organisation"), value: organisation },
          { label: t("email.newLead.email"), value: oneLine(input.email) },
          { label: t("email.newLead.sector"), value: sector || none },
          { label: t("email.newLead.goals"), value: goals.length > 0 ? goals : none },
        ],
      },
      { type: "button", label: t("email.newLead.button"), url },
    ],
  });
}

/** To a staff member: proves the email settings work (sent from the settings page). */
export function settingsTestEmail(input: { locale: Locale; transport: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  return render({
    locale,
    subject: t("email.settingsTest.subject"),
    heading: t("email.settingsTest.heading"),
    blocks: [{ type: "paragraph", text: t("email.settingsTest.body", { transport: oneLine(input.transport) }) }],
  });
}

/** To a prospect: their proposal is ready, with the private link (the PDF goes as an attachment). */
export function proposalSentEmail(input: { locale: Locale; name: string; organisation: string; url: string; validUntil: Date }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const organisation = oneLine(input.organisation);
  return render({
    locale,
    subject: t("email.proposalSent.subject", { organisation }),
    heading: t("email.proposalSent.heading", { name: oneLine(input.name) }),
    blocks: [
      { type: "paragraph", text: t("email.proposalSent.intro", { organisation }) },
      { type: "button", label: t("email.proposalSent.button"), url: checkedUrl(input.url) },
      { type: "paragraph", text: t("email.proposalSent.validity", { date: formatDate(input.validUntil, locale, "long") }) },
      { type: "note", text: t("email.proposalSent.private") },
    ],
  });
}

/** To a user: the link to choose a new password (one hour, one use). */
export function passwordResetEmail(input: { locale: Locale; url: string; expiresAt: Date }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  return render({
    locale,
    subject: t("account.email.reset.subject"),
    heading: t("account.email.reset.heading"),
    blocks: [
      { type: "paragraph", text: t("account.email.reset.intro") },
      { type: "button", label: t("account.email.reset.button"), url: checkedUrl(input.url) },
      { type: "paragraph", text: t("account.email.reset.expires", { when: formatDateTime(input.expiresAt, locale) }) },
      { type: "note", text: t("account.email.reset.ignore") },
    ],
  });
}

/** To a user: their account has seen repeated failed logins (sent at most once an hour). */
export function loginAlertEmail(input: { locale: Locale; failures: number; resetUrl: string; when: Date }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  return render({
    locale,
    subject: t("account.email.loginAlert.subject"),
    heading: t("account.email.loginAlert.heading"),
    blocks: [
      { type: "paragraph", text: t("account.email.loginAlert.intro", { failures: input.failures, when: formatDateTime(input.when, locale) }) },
      { type: "paragraph", text: t("account.email.loginAlert.safe") },
      { type: "button", label: t("account.email.loginAlert.button"), url: checkedUrl(input.resetUrl) },
      { type: "note", text: t("account.email.loginAlert.ignore") },
    ],
  });
}

/** To a future team member: the invitation link (seven days, one use). `role` is "owner" or "member". */
export function inviteEmail(input: { locale: Locale; url: string; name: string; inviterName: string; role: string; expiresAt: Date }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const inviter = oneLine(input.inviterName);
  const role = t(`account.roles.${input.role === "owner" ? "owner" : "member"}`);
  return render({
    locale,
    subject: t("account.email.invite.subject", { inviter }),
    heading: t("account.email.invite.heading", { name: oneLine(input.name) }),
    blocks: [
      { type: "paragraph", text: t("account.email.invite.intro", { inviter, role }) },
      { type: "button", label: t("account.email.invite.button"), url: checkedUrl(input.url) },
      { type: "paragraph", text: t("account.email.invite.expires", { date: formatDate(input.expiresAt, locale, "long") }) },
      { type: "note", text: t("account.email.invite.ignore") },
    ],
  });
}

/** To a client: their acceptance is recorded; the client area has the payment and next steps. */
export function proposalAcceptedEmail(input: { locale: Locale; name: string; organisation: string; version: number; url: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const organisation = oneLine(input.organisation);
  return render({
    locale,
    subject: t("payment.email.accepted.subject", { organisation }),
    heading: t("payment.email.accepted.heading", { name: oneLine(input.name) }),
    blocks: [
      { type: "paragraph", text: t("payment.email.accepted.intro", { organisation, version: input.version }) },
      { type: "button", label: t("payment.email.accepted.button"), url: checkedUrl(input.url) },
    ],
  });
}

/** To a client: a payment arrived (`amount` already formatted), with the receipt link. */
export function paymentReceivedEmail(input: { locale: Locale; organisation: string; amount: string; url: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const organisation = oneLine(input.organisation);
  return render({
    locale,
    subject: t("payment.email.paid.subject", { organisation }),
    heading: t("payment.email.paid.heading"),
    blocks: [
      { type: "paragraph", text: t("payment.email.paid.intro", { organisation, amount: oneLine(input.amount) }) },
      { type: "button", label: t("payment.email.paid.button"), url: checkedUrl(input.url) },
    ],
  });
}

/** To the owners: a prospect whose proposal expired asks for it to be renewed (`expiredOn` already formatted). */
export function ownerRenewalEmail(input: { locale: Locale; organisation: string; name: string; expiredOn: string; leadUrl: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const values = { organisation: oneLine(input.organisation), name: oneLine(input.name), date: oneLine(input.expiredOn) };
  return render({
    locale,
    subject: t("email.renewal.subject", values),
    heading: t("email.renewal.heading", values),
    blocks: [
      { type: "paragraph", text: t("email.renewal.intro", values) },
      { type: "button", label: t("email.renewal.button"), url: checkedUrl(input.leadUrl) },
    ],
  });
}

/** To the owners: a lead accepted its proposal or paid (`amount` already formatted). */
export function ownerPaymentEmail(input: { locale: Locale; event: "accepted" | "paid"; organisation: string; name: string; packageName: string; amount: string; leadUrl: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const values = { organisation: oneLine(input.organisation), name: oneLine(input.name), package: oneLine(input.packageName), amount: oneLine(input.amount) };
  const subject = t(input.event === "accepted" ? "payment.email.owner.acceptedSubject" : "payment.email.owner.paidSubject", values);
  return render({
    locale,
    subject,
    heading: subject,
    blocks: [
      { type: "paragraph", text: t(input.event === "accepted" ? "payment.email.owner.acceptedIntro" : "payment.email.owner.paidIntro", values) },
      { type: "button", label: t("payment.email.owner.button"), url: checkedUrl(input.leadUrl) },
    ],
  });
}
