// The payments panel's actions (a resource route): a bank transfer received,
// accepting an amount that differs from the one accepted, and (owners) a
// public body's invoice issued before its transfer. Team members
// (owners and members) work leads, so both may record a transfer of the
// accepted fee; only an owner may record a different amount or accept a
// difference (a member gets 403). With JavaScript the panel
// posts with a fetcher and gets errors back as JSON; without it the form posts
// here and is redirected back to the page it came from with a short status.
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { romeToday } from "~/domain/intake/schema";
import { paymentActionSchema } from "~/domain/payment-forms";
import { acceptReportedAmount, leadStatusOf, PaymentActionError, recordManualPayment } from "~/models/payments.server";
import { issueInvoiceBeforeTransfer } from "~/models/transfer-invoices.server";
import { requireUser } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUser(request, locale);
  throw redirect(`/${locale}/owner/leads/${params.leadId ?? ""}`);
}

function back(to: string, query: Record<string, string>) {
  const url = new URL(to, "http://local");
  for (const key of ["payments", "paymentError"]) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}#payments`;
}

export async function action({ params, request }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const leadId = params.leadId ?? "";
  const before = await leadStatusOf(leadId);
  if (!before) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const redirectTo = formData.get("redirectTo");
  const returnTo = safeRedirect(typeof redirectTo === "string" ? redirectTo : null, `/${locale}/owner/leads/${leadId}`);
  // A public body's invoice before its transfer: one button, no fields (owners only; a second click gets the same invoice).
  if (formData.get("intent") === "invoice") {
    try {
      await issueInvoiceBeforeTransfer({ leadId, actorRole: user.role });
    } catch (error) {
      if (error instanceof PaymentActionError && error.code === "owner_only") throw new Response("Forbidden", { status: 403 });
      if (error instanceof PaymentActionError) return redirect(back(returnTo, { paymentError: `payment.panel.errors.${error.code}` }), { status: 303 });
      throw error;
    }
    return redirect(back(returnTo, { payments: "invoiced" }), { status: 303 });
  }
  const submission = parseWithZod(formData, { schema: paymentActionSchema(locale, romeToday()) });
  const js = formData.get("js") === "1";

  // With JavaScript the fetcher gets Conform's result back; without it, the page it came from with the first message.
  const fail = (reply: ReturnType<typeof submission.reply>, status = 400) =>
    js ? data({ result: reply }, { status }) : redirect(back(returnTo, { paymentError: Object.values(reply.error ?? {}).flat()[0] ?? "payment.panel.errors.amount" }), { status: 303 });

  if (submission.status !== "success") return fail(submission.reply());
  const value = submission.value;
  // A payment that makes the lead paid enqueues its emails in its own transaction.
  try {
    if (value.intent === "manual") {
      const { amount, paidOn, note } = value;
      await recordManualPayment({ leadId, actorId: user.id, actorRole: user.role, amountCents: amount, paidOn: new Date(`${paidOn}T12:00:00Z`), note });
    } else {
      await acceptReportedAmount({ leadId, paymentId: value.paymentId, actorId: user.id, actorRole: user.role, note: value.note });
    }
  } catch (error) {
    if (error instanceof PaymentActionError && error.code === "owner_only") {
      if (js) return fail(submission.reply({ formErrors: ["payment.panel.errors.owner_only"] }), 403);
      throw new Response("Forbidden", { status: 403 });
    }
    if (error instanceof PaymentActionError) return fail(submission.reply({ formErrors: [`payment.panel.errors.${error.code}`] }));
    throw error;
  }
  const done = value.intent === "manual" ? "saved" : "reviewed";
  return js ? data({ result: submission.reply({ resetForm: true }), ok: done }) : redirect(back(returnTo, { payments: done }), { status: 303 });
}
