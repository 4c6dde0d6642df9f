import { ErrorPage } from "~/components/error-page";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isGoal } from "~/domain/goals";
import { proposalText } from "~/domain/proposal-text";
import { getT } from "~/i18n/i18n";
import { getLeadByToken } from "~/models/lead.server";
import { getAcceptableProposal, getProposalView, markOpened } from "~/models/proposal.server";
import { linkVersion, versionRendering } from "~/models/proposal-versions.server";
import { getClientPortal, type ClientPortal as Portal } from "~/models/payments.server";
import { getPageBrand, type PageBrand } from "~/models/brand-logo.server";
import { BrandMark, ClientPortal } from "~/components/client-portal";
import { getAuth } from "~/utils/auth.server";
import { ProposalDocumentView } from "~/components/proposal-document";
import type { ProposalView } from "~/domain/strategy/view";
import { quote, type Quote } from "~/domain/strategy/pricing";
import { formatMoney } from "~/i18n/format";
import { priceWithVat } from "~/domain/strategy/price-with-vat";
import { romeToday } from "~/domain/intake/schema";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";
import { renewalRequested } from "~/models/renewal.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale); // erased (GDPR): 410
  const lead = params.token ? await getLeadByToken(params.token) : null;
  if (!lead || !isGoal(lead.goal)) throw new Response("Not Found", { status: 404 });
  const { view, lead: full } = await getProposalView(params.token!, locale);
  // Staff looking at it do not count as the prospect opening it.
  if (full && !(await getAuth(request)).user) await markOpened(full.id);
  const headers = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
  // Accepted: the private link is the client area, with the version that was accepted.
  const accepted = await getClientPortal(params.token!, locale);
  if (accepted) {
    // The version accepted, as it was sent (its stored view when it has one).
    const pinned = await linkVersion(params.token!);
    const acceptedView = (pinned?.accepted ? versionRendering(pinned, locale)?.view : null) ?? accepted.view;
    return Response.json({ portal: accepted.portal, view: acceptedView, text: null, choice: null, expired: false, canAccept: false, token: params.token, locale, brand: await getPageBrand() }, { headers });
  }
  const text = proposalText({ ...lead, goal: lead.goal }, getT(locale), locale);
  const url = new URL(request.url);
  const expired = view ? romeToday() > view.validUntilDay : false;
  const choice = view && !expired
    ? quote(
        { vatRatePercent: view.investment.vatRatePercent, onboardingNetCents: view.investment.onboardingNetCents, packages: view.investment.packages, addOns: view.investment.addOns },
        url.searchParams.get("package"),
        url.searchParams.getAll("addon"),
      )
    : null;
  const canAccept = Boolean(view && !expired && (await getAcceptableProposal(params.token!)));
  const brand = await getPageBrand();
  const renewalAsked = Boolean(expired && full && (await renewalRequested(full.id, full.createdAt)));
  return Response.json(
    { portal: null, text, view, choice, expired, renewalAsked, canAccept, token: params.token, locale, brand },
    // A private link: never cached by shared caches, never indexed.
    { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } },
  );
}

export default function ProposalPage() {
  const { portal, text, view, choice, expired, renewalAsked, canAccept, token, locale, brand } = useLoaderData<
    | { portal: null; text: ReturnType<typeof proposalText>; view: ProposalView | null; choice: Quote | null; expired: boolean; renewalAsked: boolean; canAccept: boolean; token: string; locale: "it" | "en"; brand: PageBrand }
    | { portal: Portal; text: null; view: ProposalView | null; choice: null; expired: false; renewalAsked?: undefined; canAccept: false; token: string; locale: "it" | "en"; brand: PageBrand }
  >();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  if (portal) return <ClientPortal portal={portal} view={view} brand={brand} />;
  const acceptHref = canAccept ? `/${locale}/p/${token}/accept` : null;
  return (
    <main id="main" className="page proposal" style={brand.style}>
      {searchParams.has("received") ? (
        <p className="notice" role="status">
          {t("proposal.submitted")} {t("proposal.privateLink")}
        </p>
      ) : null}
      <header className="proposal-cover">
        <BrandMark brand={brand} />
        <h1>{text.title}</h1>
        <p className="prepared">{view ? view.preparedFor : text.preparedFor}</p>
        <p className="meta">
          {view ? `${view.issued} · ${view.validUntil}` : `${text.date} · ${text.validUntil}`}
        </p>
        <p className="cover-actions">
          <a className="button primary" href={`/${locale}/p/${token}/pdf`} download>
            {t("proposal.download")}
          </a>
          {acceptHref ? (
            <a className="button primary" href={acceptHref}>
              {t("payment.accept.cta")}
            </a>
          ) : null}
        </p>
      </header>
      {view ? (
        <>
          <p className="meta">{view.rulesVersion}</p>
          {expired ? (
            <div className="renewal">
              <p className="form-error">{view.expiredNotice}</p>
              {renewalAsked ? (
                <p className="notice" role="status">
                  {t("proposal.renewal.requested")}
                </p>
              ) : (
                <Form method="post" action={`/${locale}/p/${token}/renew`} className="renewal-form">
                  <p className="hint">{t("proposal.renewal.hint")}</p>
                  <button type="submit" className="button primary">
                    {t("proposal.renewal.ask")}
                  </button>
                </Form>
              )}
            </div>
          ) : searchParams.get("renewal") === "notExpired" ? (
            <p className="notice" role="status">
              {t("proposal.renewal.notExpired")}
            </p>
          ) : null}
          <ProposalDocumentView view={view} contentsLabel={view.label.contents ?? ""} chooser={choice ? <Chooser view={view} choice={choice} locale={locale} acceptHref={acceptHref} /> : null} />
        </>
      ) : (
        <ShortProposal text={text} />
      )}
    </main>
  );
}

/** Leads from the short form (before the full questionnaire) keep their first, short proposal. */
function ShortProposal({ text }: { text: ReturnType<typeof proposalText> }) {
  return (
    <>
      <section aria-labelledby="summary">
        <h2 id="summary">{text.summaryHeading}</h2>
        <ul className="bullets">
          {text.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="goal">
        <h2 id="goal">{text.goalHeading}</h2>
        <p className="goal">{text.goal}</p>
      </section>
      <section aria-labelledby="channels">
        <h2 id="channels">{text.channelsHeading}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{text.channelLabel}</th>
              <th scope="col">{text.whyLabel}</th>
            </tr>
          </thead>
          <tbody>
            {text.channels.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="kpi">
        <h2 id="kpi">{text.kpiHeading}</h2>
        <p>{text.kpi}</p>
        <blockquote>{text.belief}</blockquote>
      </section>
      <section aria-labelledby="next">
        <h2 id="next">{text.nextHeading}</h2>
        <p>{text.nextSteps}</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

/** Package and add-ons the client ticks, with the totals: a GET form that works without JavaScript and submits itself on change with it. */
function Chooser({ view, choice, locale, acceptHref }: { view: ProposalView; choice: Quote; locale: "it" | "en"; acceptHref: string | null }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <Form method="get" className="card form chooser" preventScrollReset replace onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
      <h3 id="chooser-heading">{t("plan.choose.heading")}</h3>
      <p className="hint">{t("plan.choose.intro")}</p>
      <fieldset>
        <legend>{t("plan.choose.package")}</legend>
        {view.investment.packages.map((p) => (
          <label key={p.id} className="choice">
            <input type="radio" name="package" value={p.id} defaultChecked={choice.packageId === p.id} /> {p.name} · {p.monthly}{" "}
            {priceWithVat(p.monthlyNetCents, view.investment.vatRatePercent, locale, view.label).plusVat}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("plan.choose.addOns")}</legend>
        {view.investment.addOns.map((a) => (
          <label key={a.id} className="choice">
            <input type="checkbox" name="addon" value={a.id} defaultChecked={choice.addOnIds.includes(a.id)} /> {a.name} · {a.price}
          </label>
        ))}
      </fieldset>
      <noscript>
        <button type="submit" className="button">
          {t("plan.choose.update")}
        </button>
      </noscript>
      <div className="totals" aria-live="polite">
        {([["monthly", choice.monthly], ["oneOff", choice.oneOff]] as const).map(([key, amount]) => (
          <dl key={key} className="invoice">
            <dt className="totals-heading">{t(`plan.choose.${key}`)}</dt>
            <dd />
            <dt>{t("plan.choose.net")}</dt>
            <dd>{money(amount.net)}</dd>
            <dt>{t("plan.choose.vat")} {view.investment.vatRatePercent}%</dt>
            <dd>{money(amount.vat)}</dd>
            <dt>{t("plan.choose.total")}</dt>
            <dd>
              <strong data-testid={`total-${key}`}>{money(amount.gross)}</strong>
            </dd>
          </dl>
        ))}
      </div>
      {acceptHref ? (
        <p>
          <button type="submit" formAction={acceptHref} className="button primary">
            {t("payment.accept.ctaChoice")}
          </button>
        </p>
      ) : null}
    </Form>
  );
}
