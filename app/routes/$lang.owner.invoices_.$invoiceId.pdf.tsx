// The courtesy copy of an invoice or credit note as a PDF, for the team (to
// send it again, or to check it): in the language of the URL.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { invoiceCopyPdf } from "~/models/invoice-copies.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { pdfDownload } from "~/utils/pdf-response.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUser(request, locale);
  const file = await invoiceCopyPdf(params.invoiceId ?? "", locale);
  if (!file) throw new Response("Not Found", { status: 404 });
  return pdfDownload(file.pdf, file.fileName, { noindex: false });
}
