// Email templates: pure functions from data to { subject, body }, where the
// body is a small typed block list (paragraph, note, button, details). Every
// word comes from the i18n layer (the "email" namespace), dates go through Intl
// (app/i18n/format.ts). The blocks are drawn by React Email components
// (layout.tsx) and rendered to HTML and plain text, with the owner's branding
// as props, by renderEmail (render.tsx) when the message is sent.
import { formatDate, formatDateTime } from "~/i18n/format";
import { getT, type Locale } from "~/i18n/i18n";

export type EmailBlock =
  | { type: "paragraph"; text: string }
  | { type: "note"; text: string }
  | { type: "button"; label: string; url: string }
  | { type: "details"; rows: { label: string; value: string | string[] }[] };

/** What a message says, in its language, before it is drawn. */
export interface EmailBody {
  locale: Locale;
  heading: string;
  blocks: EmailBlock[];
}

export interface EmailContent {
  subject: string;
  body: EmailBody;
}

/** Escapes a string for HTML text and for double- or single-quoted attribute values (hand-built HTML outside the emails). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Collapses line breaks and runs of spaces: for subjects and one-line values. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Links in our emails (and the logo) are absolute http(s) URLs, never javascript: or data: ones. */
export function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError("Email links must be absolute http(s) URLs");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new RangeError("Email links must be absolute http(s) URLs");
  return url;
}

function compose({ subject, ...body }: EmailBody & { subject: string }): EmailContent {
  return { subject: oneLine(subject), body };
}

/** To a prospect: the private link to continue the questionnaire, with its expiry. */
export function resumeLinkEmail(input: { locale: Locale; url: string; organisation?: string | null; expiresAt: Date; reminder?: boolean }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const url = checkedUrl(input.url);
  const organisation = input.organisation ? oneLine(input.organisation) : "";
  // A reminder the team sends from the pipeline: same link and rules, its own words.
  const words = input.reminder ? "pipeline.reminderEmail" : "email.resumeLink";
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
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
  return compose({
    locale,
    subject: t("payment.email.accepted.subject", { organisation }),
    heading: t("payment.email.accepted.heading", { name: oneLine(input.name) }),
    blocks: [
      { type: "paragraph", text: t("payment.email.accepted.intro", { organisation, version: input.version }) },
      { type: "button", label: t("payment.email.accepted.button"), url: checkedUrl(input.url) },
    ],
  });
}

/** To a client: a payment arrived (`amount` already formatted), with the receipt link; `invoiceNumber` when the invoice's copy is attached. */
export function paymentReceivedEmail(input: { locale: Locale; organisation: string; amount: string; url: string; invoiceNumber?: string | null }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const organisation = oneLine(input.organisation);
  return compose({
    locale,
    subject: t("payment.email.paid.subject", { organisation }),
    heading: t("payment.email.paid.heading"),
    blocks: [
      { type: "paragraph", text: t("payment.email.paid.intro", { organisation, amount: oneLine(input.amount) }) },
      ...(input.invoiceNumber ? [{ type: "paragraph" as const, text: t("payment.email.paid.attached", { number: oneLine(input.invoiceNumber) }) }] : []),
      { type: "button", label: t("payment.email.paid.button"), url: checkedUrl(input.url) },
    ],
  });
}

/** To the client: a monthly renewal of the retainer failed (`amount` already formatted). */
export function retainerFailedEmail(input: { locale: Locale; organisation: string; amount: string; url: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const values = { organisation: oneLine(input.organisation), amount: oneLine(input.amount) };
  return compose({
    locale,
    subject: t("retainer.email.failed.subject", values),
    heading: t("retainer.email.failed.heading"),
    blocks: [
      { type: "paragraph", text: t("retainer.email.failed.intro", values) },
      { type: "button", label: t("retainer.email.failed.button"), url: checkedUrl(input.url) },
    ],
  });
}

/** To the owners: a client's retainer renewal failed. */
export function ownerRetainerFailedEmail(input: { locale: Locale; organisation: string; amount: string; leadUrl: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const values = { organisation: oneLine(input.organisation), amount: oneLine(input.amount) };
  const subject = t("retainer.email.owner.failedSubject", values);
  return compose({
    locale,
    subject,
    heading: subject,
    blocks: [
      { type: "paragraph", text: t("retainer.email.owner.failedIntro", values) },
      { type: "button", label: t("retainer.email.owner.button"), url: checkedUrl(input.leadUrl) },
    ],
  });
}

/** To the owners: a prospect whose proposal expired asks for it to be renewed (`expiredOn` already formatted). */
export function ownerRenewalEmail(input: { locale: Locale; organisation: string; name: string; expiredOn: string; leadUrl: string }): EmailContent {
  const { locale } = input;
  const t = getT(locale);
  const values = { organisation: oneLine(input.organisation), name: oneLine(input.name), date: oneLine(input.expiredOn) };
  return compose({
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
  return compose({
    locale,
    subject,
    heading: subject,
    blocks: [
      { type: "paragraph", text: t(input.event === "accepted" ? "payment.email.owner.acceptedIntro" : "payment.email.owner.paidIntro", values) },
      { type: "button", label: t("payment.email.owner.button"), url: checkedUrl(input.leadUrl) },
    ],
  });
}
