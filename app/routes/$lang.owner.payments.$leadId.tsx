// The payments panel's actions (a resource route): a bank transfer received,
// and accepting an amount that differs from the one accepted. Team members
// (owners and members) work leads, so both may record a transfer of the
// accepted fee; only an owner may record a different amount or accept a
// difference (a member gets 403). With JavaScript the panel
// posts with a fetcher and gets errors back as JSON; without it the form posts
// here and is redirected back to the page it came from with a short status.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { romeToday } from "~/domain/intake/schema";
import { fieldErrors, manualPaymentSchema, reviewPaymentSchema } from "~/domain/payment-forms";
import { sendPaymentEmails } from "~/models/payment-emails.server";
import { acceptReportedAmount, PaymentActionError, recordManualPayment } from "~/models/payments.server";
import { requireUser } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { prisma } from "~/utils/db.server";
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
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, status: true } });
  if (!lead) throw new Response("Not Found", { status: 404 });
  const form = Object.fromEntries([...(await request.formData()).entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const js = form.js === "1";
  const returnTo = safeRedirect(form.redirectTo, `/${locale}/owner/leads/${leadId}`);
  const intent = form.intent === "review" ? "review" : "manual";

  const fail = (errors: Record<string, string>) =>
    js ? Response.json({ intent, errors }, { status: 400 }) : redirect(back(returnTo, { paymentError: Object.values(errors)[0] ?? "payment.panel.errors.amount" }), { status: 303 });

  let paymentId: string;
  try {
    if (intent === "manual") {
      const parsed = manualPaymentSchema(locale, romeToday()).safeParse(form);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const { amount, paidOn, note } = parsed.data;
      paymentId = (await recordManualPayment({ leadId, actorId: user.id, actorRole: user.role, amountCents: amount, paidOn: new Date(`${paidOn}T12:00:00Z`), note })).id;
    } else {
      const parsed = reviewPaymentSchema.safeParse(form);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      paymentId = parsed.data.paymentId;
      await acceptReportedAmount({ leadId, paymentId, actorId: user.id, actorRole: user.role, note: parsed.data.note });
    }
  } catch (error) {
    if (error instanceof PaymentActionError && error.code === "owner_only") {
      if (js) return Response.json({ intent, errors: { form: "payment.panel.errors.owner_only" } }, { status: 403 });
      throw new Response("Forbidden", { status: 403 });
    }
    if (error instanceof PaymentActionError) return fail({ form: `payment.panel.errors.${error.code}` });
    throw error;
  }
  const after = await prisma.lead.findUniqueOrThrow({ where: { id: leadId }, select: { status: true } });
  if (after.status === "paid" && lead.status !== "paid") await sendPaymentEmails(leadId, paymentId);
  const done = intent === "manual" ? "saved" : "reviewed";
  return js ? Response.json({ intent, ok: done }) : redirect(back(returnTo, { payments: done }), { status: 303 });
}
