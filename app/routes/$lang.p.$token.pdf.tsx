import { slug } from "~/domain/slug";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { escapeHtml } from "~/emails/templates";
import { formatDate } from "~/i18n/format";
import { getT, type Locale } from "~/i18n/i18n";
import { getLeadByToken } from "~/models/lead.server";
import { proposalExpectedDay } from "~/domain/proposal-edits";
import { linkVersion, versionPdf } from "~/models/proposal-versions.server";
import { getOwnerSettings } from "~/models/settings.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";

const privateHeaders = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/** Before sending there is no PDF: a short page in the link's language says when it will come (404, not an error). */
function notYetSent(locale: Locale, token: string, expectedDay: string): Response {
  const t = getT(locale);
  const date = formatDate(new Date(`${expectedDay}T12:00:00Z`), locale, "full");
  const title = escapeHtml(t("proposal.pending.pdfTitle"));
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title>
<style>body{font-family:Inter,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d232b;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}a{color:#1f3a5f}</style></head>
<body><main id="main"><h1>${title}</h1><p>${escapeHtml(t("proposal.pending.pdfBody", { date }))}</p>
<p><a href="/${locale}/p/${encodeURIComponent(token)}">${escapeHtml(t("proposal.pending.back"))}</a></p></main></body></html>
`;
  return new Response(html, { status: 404, headers: { ...privateHeaders, "Content-Type": "text/html; charset=utf-8", "Content-Language": locale } });
}

/** The sent proposal as a PDF download, in the language of the URL; nothing before the owner sends it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale); // erased (GDPR): 410, no PDF
  const lead = params.token ? await getLeadByToken(params.token) : null;
  if (!lead) throw new Response("Not Found", { status: 404 });
  // Once accepted, the PDF is the version accepted, whatever was sent after it; else the newest sent.
  const version = await linkVersion(params.token!);
  // A sent version renders once, from the view stored when it was sent, and is then served from storage.
  const pdf = version ? await versionPdf(version, locale) : null;
  if (!pdf) return notYetSent(locale, params.token!, proposalExpectedDay(lead.createdAt, await getOwnerSettings()));
  const name = slug(lead.organisation) || "proposal";
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...privateHeaders,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="socialbrief-${name}-${locale}.pdf"`,
      "Content-Length": String(pdf.length),
    },
  });
}
