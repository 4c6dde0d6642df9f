// The courtesy copy of one of the client's invoices or credit notes, as a PDF
// in the language of the link. Only the lead's own documents: another
// client's invoice id is a 404 like an unknown one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLiveLink } from "~/models/gdpr.server";
import { invoiceCopyPdf } from "~/models/invoice-copies.server";
import { getLeadByToken } from "~/models/lead.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { pdfDownload } from "~/utils/pdf-response.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireLiveLink(params.token ?? "", locale); // erased (GDPR): 410
  const lead = params.token ? await getLeadByToken(params.token) : null;
  const file = lead ? await invoiceCopyPdf(params.invoiceId ?? "", locale, { leadId: lead.id }) : null;
  if (!file) throw new Response("Not Found", { status: 404 });
  return pdfDownload(file.pdf, file.fileName, { noindex: true });
}
