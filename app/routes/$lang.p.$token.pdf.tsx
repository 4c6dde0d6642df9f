import { slug } from "~/domain/slug";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isGoal } from "~/domain/goals";
import { proposalText } from "~/domain/proposal-text";
import { getT } from "~/i18n/i18n";
import { getLeadByToken } from "~/models/lead.server";
import { getProposalView } from "~/models/proposal.server";
import { renderInPool } from "~/pdf/pool.server";
import { linkVersion, versionPdf } from "~/models/proposal-versions.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { requireLiveLink } from "~/models/gdpr.server";

/** The proposal as a PDF download, in the language of the URL. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale); // erased (GDPR): 410, no PDF
  const lead = params.token ? await getLeadByToken(params.token) : null;
  if (!lead || !isGoal(lead.goal)) throw new Response("Not Found", { status: 404 });
  const t = getT(locale);
  const text = proposalText({ ...lead, goal: lead.goal }, t, locale);
  const { view, settings } = await getProposalView(params.token!, locale);
  // Once accepted, the PDF is the version accepted, whatever was sent after it.
  const version = await linkVersion(params.token!);
  // A sent version renders once, from the view stored when it was sent, and is then served from storage.
  const stored = version ? await versionPdf(version, locale) : null;
  const pdf = stored
    ? stored
    : view
    ? await renderInPool({ document: "full-proposal", view, branding: settings.branding, studioName: settings.studioName })
    : await renderInPool({ document: "proposal", locale, text });
  const name = slug(lead.organisation) || "proposal";
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="socialbrief-${name}-${locale}.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
