import { data } from "@remix-run/node";
import { ErrorPage } from "~/components/error-page";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { getProspectPage, recordFirstOpening } from "~/models/prospect-page.server";
import type { ClientPortal as Portal } from "~/domain/payment-screens";
import type { InvoiceListItem } from "~/models/invoice-copies.server";
import type { RetainerPortal } from "~/domain/subscription";
import type { PageBrand } from "~/models/brand-logo.server";
import { BrandMark, ClientPortal } from "~/components/client-portal";
import { getAuth } from "~/utils/auth.server";
import { ProposalDocumentView, type OfferChoice } from "~/components/proposal-document";
import type { ProposalView } from "~/domain/strategy/view";
import { quote, type Quote } from "~/domain/strategy/pricing";
import { formatDate, formatMoney } from "~/i18n/format";
import { VatLines } from "~/components/vat-lines";
import { romeToday } from "~/domain/intake/schema";
import { requireLocaleParam } from "~/utils/locale.server";
import { erasedLink, requireLinkShape } from "~/models/gdpr.server";
import { renewalRequested } from "~/models/renewal.server";
import type { I18nHandle } from "~/i18n/parts";

// The words this page ships to the browser (app/i18n/parts.ts).
export const handle = { i18n: ["invoice.copy", "invoice.portal", "payment", "plan", "questionnaire", "retainer", "settings"] } satisfies I18nHandle;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const token = params.token ?? "";
  requireLinkShape(token);
  const page = await getProspectPage(token, locale);
  if (page.kind === "missing") throw new Response("Not Found", { status: 404 });
  if (page.kind === "erased") throw erasedLink(locale); // erased (GDPR): 410
  // A private link: never cached by shared caches, never indexed.
  const headers = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };
  const { brand } = page;
  // Accepted: the private link is the client area, with the version that was accepted.
  if (page.kind === "portal") {
    return data({ portal: page.portal, retainer: page.retainer, invoices: page.invoices, pending: null, view: page.view, choice: null, expired: false, canAccept: false, token, locale, brand } satisfies Data, { headers });
  }
  if (page.kind === "pending") {
    // Nothing is sent yet: the prospect reads that their answers arrived and when to expect the proposal, nothing more.
    const pending: Pending = { ...page.lead, expectedBy: formatDate(dayAtNoon(page.expectedDay), locale, "full") };
    return data({ portal: null, pending, view: null, choice: null, expired: false, canAccept: false, token, locale, brand } satisfies Data, { headers });
  }
  const { view } = page;
  // Staff looking at it do not count as the prospect opening it.
  if (page.firstOpening && !(await getAuth(request)).user) await recordFirstOpening(page.leadId, page.firstOpening.proposalId);
  const url = new URL(request.url);
  const expired = romeToday() > view.validUntilDay;
  const choice = !expired
    ? quote(
        { vatRatePercent: view.investment.vatRatePercent, taxRegime: view.investment.taxRegime, onboardingNetCents: view.investment.onboardingNetCents, packages: view.investment.packages, addOns: view.investment.addOns },
        url.searchParams.get("package"),
        url.searchParams.getAll("addon"),
      )
    : null;
  const canAccept = !expired && page.acceptable;
  const renewalAsked = expired && (await renewalRequested(page.leadId, page.sentAt));
  return data({ portal: null, pending: null, view, choice, expired, renewalAsked, canAccept, token, locale, brand } satisfies Data, { headers });
}

const dayAtNoon = (day: string) => new Date(`${day}T12:00:00Z`);

interface Pending {
  name: string;
  organisation: string;
  /** The expected date, written out in the page's language. */
  expectedBy: string;
}

type Data =
  | { portal: null; pending: Pending; view: null; choice: null; expired: false; renewalAsked?: undefined; canAccept: false; token: string; locale: "it" | "en"; brand: PageBrand }
  | { portal: null; pending: null; view: ProposalView; choice: Quote | null; expired: boolean; renewalAsked: boolean; canAccept: boolean; token: string; locale: "it" | "en"; brand: PageBrand }
  | { portal: Portal; retainer: RetainerPortal; invoices: InvoiceListItem[]; pending: null; view: ProposalView | null; choice: null; expired: false; renewalAsked?: undefined; canAccept: false; token: string; locale: "it" | "en"; brand: PageBrand };

export default function ProposalPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  if (data.portal) return <ClientPortal portal={data.portal} retainer={data.retainer} invoices={data.invoices} view={data.view} brand={data.brand} />;
  const { token, locale, brand } = data;
  if (data.pending) return <PendingProposal pending={data.pending} brand={brand} />;
  const { view, choice, expired, renewalAsked, canAccept } = data;
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
        <h1>{t("proposal.title")}</h1>
        <p className="prepared">{view.preparedFor}</p>
        <p className="meta">{`${view.issued} · ${view.validUntil}`}</p>
        <p className="cover-actions">
          <a className="button on-dark" href={`/${locale}/p/${token}/pdf`} download>
            {t("proposal.download")}
          </a>
        </p>
      </header>
      {choice ? <ChoiceBar view={view} choice={choice} locale={locale} acceptHref={acceptHref} /> : null}
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
      <ProposalDocumentView view={view} contentsLabel={view.label.contents ?? ""} choice={choice ? offerChoice(choice, acceptHref, t) : null} />
    </main>
  );
}

/** Before the studio sends the proposal: the answers arrived, and when the proposal will. */
function PendingProposal({ pending, brand }: { pending: Pending; brand: PageBrand }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page narrow proposal proposal-pending" style={brand.style}>
      <header className="proposal-cover">
        <BrandMark brand={brand} />
        <h1>{t("proposal.pending.title")}</h1>
        <p className="prepared">{t("proposal.pending.intro", { name: pending.name, organisation: pending.organisation })}</p>
      </header>
      <p className="notice" role="status">
        {t("proposal.pending.expected", { date: pending.expectedBy })}
      </p>
      <p>{t("proposal.pending.how")}</p>
      <p className="hint">{t("proposal.privateLink")}</p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

/**
 * Package and add-ons the client ticks, with the totals: a GET form that works without JavaScript and
 * submits itself on change with it. Its radios sit on the package cards and its boxes on the add-ons
 * table of the document (ProposalDocumentView), so each package is shown once.
 */
function offerChoice(choice: Quote, acceptHref: string | null, t: TFunction): OfferChoice {
  return {
    packageId: choice.packageId,
    addOnIds: choice.addOnIds,
    pickLabel: (name) => t("plan.choose.pick", { name }),
    packageLegend: t("plan.choose.package"),
    wrap: (offer) => (
      <ChoiceForm choice={choice} acceptHref={acceptHref}>
        {offer}
      </ChoiceForm>
    ),
  };
}

function ChoiceForm({ choice, acceptHref, children }: { choice: Quote; acceptHref: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Form method="get" className="chooser" aria-labelledby="chooser-heading" preventScrollReset replace onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
      <h3 id="chooser-heading">{t("plan.choose.heading")}</h3>
      <p className="hint">{t("plan.choose.intro")}</p>
      {children}
      <noscript>
        <button type="submit" className="button">
          {t("plan.choose.update")}
        </button>
      </noscript>
      <div className="card totals" aria-live="polite">
        {([["monthly", choice.monthly], ["oneOff", choice.oneOff]] as const).map(([key, amount]) => (
          <VatLines key={key} amount={amount.document} heading={t(`plan.choose.${key}`)} testId={`total-${key}`} />
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

/**
 * The choice so far (package and monthly total) and the way to accept it, pinned to the foot of the
 * screen from every part of the page (app.css, .choice-bar). A plain link: it carries the choice to
 * the acceptance page without JavaScript.
 */
function ChoiceBar({ view, choice, locale, acceptHref }: { view: ProposalView; choice: Quote; locale: "it" | "en"; acceptHref: string | null }) {
  const { t } = useTranslation();
  const name = view.investment.packages.find((p) => p.id === choice.packageId)?.name ?? "";
  const query = new URLSearchParams([["package", choice.packageId], ...choice.addOnIds.map((id) => ["addon", id])]);
  return (
    <aside className="choice-bar" aria-label={t("plan.choose.bar")}>
      <div className="choice-bar__inner">
        <p className="choice-bar__summary">
          <span className="choice-bar__name" data-testid="bar-package">
            {name}
            {choice.addOnIds.length ? ` ${t("plan.choose.withAddOns", { count: choice.addOnIds.length })}` : null}
          </span>
          <span className="choice-bar__total" data-testid="bar-monthly">
            {t("plan.choose.perMonth", { amount: formatMoney(choice.monthly.document.grossCents, locale) })}
          </span>
        </p>
        {acceptHref ? (
          <a className="button primary" href={`${acceptHref}?${query.toString()}`}>
            {t("payment.accept.cta")}
          </a>
        ) : null}
      </div>
    </aside>
  );
}
