// What each kind of job does. Handlers are idempotent: a job runs at least
// once, and again after a crash mid-run. Every payload is checked with zod
// before its handler sees it.
import { z } from "zod";
import { notifyNewLead, sendIntakeReceived, sendResumeLink } from "~/models/intake-submit.server";
import { sendVersionEmail } from "~/models/proposal-versions.server";
import { sendAcceptanceEmails, sendPaymentEmails } from "~/models/payment-emails.server";
import { notifyRenewalRequested } from "~/models/renewal.server";
import { sendRetainerFailedEmails } from "~/models/retainer-webhook.server";
import { sendInviteEmail, sendLoginAlert, sendPasswordResetEmail } from "~/models/account.server";
import { locales } from "~/i18n/i18n";
import type { JobKind, RunnableJob } from "./jobs.server";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const locale = z.enum(locales);

type Handler = (payload: unknown, key: string) => Promise<void>;

/** A handler that gets its payload once the schema has checked it. */
function checked<S extends z.ZodTypeAny>(schema: S, run: (payload: z.output<S>, key: string) => Promise<void>): Handler {
  return (payload, key) => run(schema.parse(payload), key);
}

// One entry per kind (the type makes a missing one a compile error).
const handlers: Record<JobKind, Handler> = {
  intake_received: checked(z.object({ leadId: z.string(), locale, expectedBy: day, autoSend: z.boolean() }), sendIntakeReceived),
  new_lead: checked(z.object({ leadId: z.string() }), notifyNewLead),
  proposal_sent: checked(z.object({ versionId: z.string(), attachPdf: z.boolean() }), sendVersionEmail),
  acceptance_emails: checked(z.object({ leadId: z.string(), acceptanceId: z.string(), locale }), sendAcceptanceEmails),
  payment_emails: checked(z.object({ leadId: z.string(), paymentId: z.string() }), sendPaymentEmails),
  retainer_payment_failed: checked(z.object({ leadId: z.string(), amountCents: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }), sendRetainerFailedEmails),
  renewal_requested: checked(z.object({ leadId: z.string(), validUntilDay: day }), notifyRenewalRequested),
  resume_link: checked(z.object({ draftId: z.string(), reminder: z.boolean() }), sendResumeLink),
  invite_email: checked(z.object({ inviteId: z.string(), locale, inviterName: z.string().max(200) }), sendInviteEmail),
  // In the account's language (User.locale); a job queued before that carries a locale, which zod strips.
  password_reset_email: checked(z.object({ resetId: z.string() }), sendPasswordResetEmail),
  login_alert: checked(z.object({ userId: z.string(), failures: z.number().int().positive(), when: z.string().datetime() }), sendLoginAlert),
};

export async function handleJob(job: RunnableJob): Promise<void> {
  const handle = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
  if (!handle) throw new Error(`no handler for the job kind ${String(job.kind)}`);
  return handle(job.payload, job.key);
}
