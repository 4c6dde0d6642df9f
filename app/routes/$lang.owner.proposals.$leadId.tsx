import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { partIds, type PartId } from "~/domain/strategy/model";
import type { ProposalView } from "~/domain/strategy/view";
import { formatDate, formatMoney } from "~/i18n/format";
import { proposalReviewSchema } from "~/domain/proposal-edits";
import { getWorkingProposal, saveProposalEdits } from "~/models/proposal.server";
import { NotSendable, sendProposal } from "~/models/proposal-versions.server";
import { requireUser } from "~/utils/auth.server";
import { LeadPayments } from "~/components/lead-payments";
import { getLeadPayments } from "~/models/payments.server";
import { samePrices } from "~/utils/roles.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const working = await getWorkingProposal(params.leadId ?? "", locale);
  if (!working) throw new Response("Not Found", { status: 404 });
  const { lead, view, generated, base, prices, edits } = working;
  const payments = await getLeadPayments(lead.id, locale, user);
  return data(
    {
      payments,
      lead: { id: lead.id, name: lead.name, email: lead.email, organisation: lead.organisation, token: lead.token, locale: lead.locale },
      // The preview PDF is in the lead's language (named here in the page's language).
      previewLanguage: new Intl.DisplayNames([locale === "it" ? "it-IT" : "en-GB"], { type: "language" }).of(lead.locale === "en" ? "en" : "it") ?? lead.locale,
      // Prices are the owner's: members see them and send, but cannot change them.
      canEditPrices: user.role === "owner",
      versions: lead.proposal?.versions ?? [],
      firstOpenedAt: lead.proposal?.firstOpenedAt ?? null,
      view,
      generated,
      edits,
      prices,
      basePrices: {
        onboarding: base.onboardingFeeCents,
        ...Object.fromEntries(base.packages.map((p) => [`package-${p.id}`, p.monthlyNetCents])),
        ...Object.fromEntries(base.addOns.map((a) => [`addon-${a.id}`, a.priceNetCents])),
      } as Record<string, number>,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const leadId = params.leadId ?? "";
  const working = await getWorkingProposal(leadId, locale);
  if (!working?.view) throw new Response("Not Found", { status: 404 });
  const priceKeys = ["onboarding", ...working.base.packages.map((p) => `package-${p.id}`), ...working.base.addOns.map((a) => `addon-${a.id}`)];
  const submission = parseWithZod(await request.formData(), { schema: proposalReviewSchema(priceKeys, locale) });
  const owner = user.role === "owner";
  if (submission.status !== "success") {
    // Prices are the owner's: a member's attempt is refused whatever it says.
    const priceError = Object.keys(submission.error ?? {}).some((name) => name.startsWith("price-"));
    if (!owner && priceError) throw new Response("Forbidden", { status: 403 });
    if (!priceError) throw new Response("Bad Request", { status: 400 });
    return data({ result: submission.reply() }, { status: 400 });
  }
  const { intent, expectedVersion: expected, edits, prices } = submission.value;
  if (!owner && !samePrices(prices, working.prices)) throw new Response("Forbidden", { status: 403 });
  if (intent === "send") {
    const newest = working.lead.proposal?.versions[0]?.number ?? 0;
    if (expected !== undefined && expected > newest) throw new Response("Bad Request", { status: 400 });
    // Sent meanwhile (a double click, another tab): nothing saved over it, nothing sent again.
    if (expected !== undefined && expected < newest) throw redirect(`/${locale}/owner/proposals/${leadId}?already=${newest}`);
  }
  await saveProposalEdits(leadId, user.id, edits, prices);
  if (intent === "send") {
    try {
      const outcome = await sendProposal(leadId, user.id, new Date(), expected);
      throw redirect(`/${locale}/owner/proposals/${leadId}?${outcome.alreadySent ? "already" : "sent"}=${outcome.version.number}`);
    } catch (error) {
      if (error instanceof NotSendable) throw new Response("Not Found", { status: 404 });
      throw error;
    }
  }
  throw redirect(`/${locale}/owner/proposals/${leadId}?saved=1`);
}

interface ViewerProps {
  url: string;
  title: string;
  loading: string;
  pageLabel: (page: number, total: number) => string;
}

/** A short plain-text version of a generated part, shown beside the owner's text box. */
function generatedText(view: ProposalView, id: PartId): string {
  switch (id) {
    case "summary":
      return view.summary.map((l, i) => `${i + 1}. ${l.text}`).join("\n");
    case "situation":
      return view.situation.observations.join("\n");
    case "audience":
      return [...view.audience.points, ...(view.audience.hypotheses?.personas.map((p) => `${p.name}: ${p.text}`) ?? [])].join("\n");
    case "objectives":
      return view.objectives.map((o) => `${o.rank}: ${o.goal} — ${o.kpis.join(" ")}`).join("\n");
    case "channels":
      return view.channels.filter((c) => c.priority !== "leave").map((c) => `${c.channel} (${c.priorityLabel}): ${c.reasons.join(" ")}`).join("\n");
    case "content":
      return [...view.content.pillars, ...view.content.cadence.map((c) => `${c.channel}: ${c.posts} · ${c.formats}`)].join("\n");
    case "community":
      return [view.community.business, view.community.outside, ...view.community.byChannel.map((c) => `${c.channel}: ${c.business} · ${c.outside}`), view.community.tone, ...view.community.rules].join("\n");
    case "crisis":
      return [view.crisis.level, ...view.crisis.escalation, ...(view.crisis.authorities ?? []), ...(view.crisis.fakeNews ?? [])].join("\n");
    case "roles":
      return view.roles.raci.map((r) => `${r.activity}: ${r.studio}/${r.approver}/${r.spokesperson}`).join("\n");
    case "measurement":
      return [...view.measurement.kpis, ...view.measurement.cadence].join("\n");
    case "roadmap":
      return view.roadmap.map((r) => `${r.title}: ${r.items.join(" ")}`).join("\n");
    case "workflow":
      return view.workflow.points.join("\n");
    case "investment":
      return view.investment.packages.map((p) => `${p.name}: ${p.monthly}`).join("\n");
    case "terms":
      return view.terms.join("\n");
    case "nextSteps":
      return view.nextSteps.join("\n");
  }
}

export default function ProposalReview() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle";
  // The react-pdf viewer loads in the browser only; a new key re-renders it after each save.
  const [Viewer, setViewer] = useState<ComponentType<ViewerProps> | null>(null);
  useEffect(() => {
    let live = true;
    void import("~/components/pdf-viewer.client").then((m) => live && setViewer(() => m.default));
    return () => {
      live = false;
    };
  }, []);
  const previewKey = `${params.get("saved") ?? ""}${params.get("sent") ?? ""}${data.versions.length}`;
  const { view, generated, lead } = data;
  const priceRows: Array<[string, string]> = view
    ? [["onboarding", t("settings.review.onboarding")], ...view.investment.packages.map((p): [string, string] => [`package-${p.id}`, p.name]), ...view.investment.addOns.map((a): [string, string] => [`addon-${a.id}`, a.name])]
    : [];
  const euros = (cents: number | undefined) => (cents === undefined ? "" : new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100));
  const schema = useMemo(() => proposalReviewSchema(Object.keys(data.basePrices), locale), [data.basePrices, locale]);
  const [form, fields] = useForm<Record<string, string | undefined>, z.output<typeof schema>>({
    id: "proposal-review",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: {
      ...Object.fromEntries(partIds.map((id) => [`part-${id}`, data.edits[id] ?? ""])),
      ...Object.fromEntries(Object.keys(data.basePrices).map((key) => [`price-${key}`, euros(data.prices[key])])),
    },
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <main id="main" className="page stacked">
      <h1>{t("settings.review.title", { organisation: lead.organisation })}</h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("settings.review.saved")}
        </p>
      ) : null}
      {params.get("sent") ? (
        <p className="notice" role="status">
          {t("settings.review.sent", { number: params.get("sent") })}
        </p>
      ) : params.get("already") ? (
        <p className="notice" role="status">
          {t("settings.review.alreadySent", { number: params.get("already") })}
        </p>
      ) : null}
      {data.payments ? <LeadPayments data={data.payments} /> : null}
      {!view || !generated ? (
        <p>{t("settings.review.noAnswers")}</p>
      ) : (
        <div className="review-layout">
          <section className="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t("settings.review.preview")}</h2>
            <p className="hint" id="preview-language">
              {t("settings.review.previewLanguage", { language: data.previewLanguage })}
            </p>
            {Viewer ? (
              <Viewer
                key={previewKey}
                url={`/${locale}/owner/proposals/${lead.id}/preview.pdf?v=${previewKey}`}
                title={t("settings.review.previewTitle")}
                loading={t("settings.review.loading")}
                pageLabel={(page, total) => t("plan.label.page", { page, total })}
              />
            ) : (
              <object className="pdf-preview" data={`/${locale}/owner/proposals/${lead.id}/preview.pdf`} type="application/pdf" aria-label={t("settings.review.previewTitle")}>
                <a href={`/${locale}/owner/proposals/${lead.id}/preview.pdf`}>{t("settings.review.openPdf")}</a>
              </object>
            )}
            <p>
              <a href={`/${locale}/owner/proposals/${lead.id}/preview.pdf`} target="_blank" rel="noreferrer">
                {t("settings.review.openPdf")}
              </a>
            </p>
            <h3>{t("settings.review.versions")}</h3>
            {data.versions.length ? (
              <ul>
                {data.versions.map((v) => (
                  <li key={v.id}>{t("settings.review.version", { number: v.number, date: formatDate(new Date(v.sentAt), locale, "medium"), hash: v.snapshotHash.slice(0, 12) })}</li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t("settings.review.none")}</p>
            )}
            <p className="hint">{data.firstOpenedAt ? t("settings.review.openedAt", { date: formatDate(new Date(data.firstOpenedAt), locale, "medium") }) : t("settings.review.notOpened")}</p>
          </section>
          <Form method="post" className="card form" aria-describedby="review-intro" {...getFormProps(form)} noValidate>
            <input type="hidden" name="expectedVersion" value={data.versions[0]?.number ?? 0} />
            <p id="review-intro" className="hint">
              {t("settings.review.intro")}
            </p>
            <p>
              <a href={`/${locale}/owner/proposals/${lead.id}/blocks`}>{t("settings.review.blocksLink")}</a>
            </p>
            {partIds.map((id) => {
              const field = fields[`part-${id}`]!;
              return (
                <div className="field" key={id}>
                  <label htmlFor={field.id}>{t("settings.review.yourText", { part: view.partTitles[id] })}</label>
                  <details>
                    <summary>{t("settings.review.generated")}</summary>
                    <p className="generated">{generatedText(generated, id)}</p>
                  </details>
                  <textarea {...getTextareaProps(field)} key={field.key} rows={3} maxLength={5000} />
                </div>
              );
            })}
            <fieldset className="field">
              <legend>{t("settings.review.prices")}</legend>
              {data.canEditPrices ? null : <p className="hint">{t("pipeline.roles.pricesOwnerOnly")}</p>}
              {priceRows.map(([key, label]) => {
                const field = fields[`price-${key}`]!;
                const hintId = `${field.id}-hint`;
                return (
                  <div className="field" key={key}>
                    <label htmlFor={field.id}>{label}</label>
                    <p className="hint" id={hintId}>
                      {t("settings.review.pricesHint", { price: formatMoney(data.basePrices[key] ?? 0, locale) })}
                    </p>
                    <input {...getInputProps(field, { type: "text", ariaDescribedBy: hintId })} key={field.key} inputMode="decimal" readOnly={!data.canEditPrices} />
                    <FieldError id={field.errorId} message={translateError(t, field.errors?.[0])} />
                  </div>
                );
              })}
            </fieldset>
            <div className="step-actions">
              <button type="submit" name="intent" value="save" className="button" disabled={busy}>
                {t("settings.review.save")}
              </button>
              <button type="submit" name="intent" value="send" className="button primary" disabled={busy}>
                {t("settings.review.send", { email: lead.email })}
              </button>
            </div>
          </Form>
        </div>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
