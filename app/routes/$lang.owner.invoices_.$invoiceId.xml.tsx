// One invoice's FatturaPA file, named as the SDI names files
// (IT<Partita IVA>_<progressivo>.xml). Owners only; never cached.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { invoiceXml } from "~/models/invoices.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const file = await invoiceXml(params.invoiceId ?? "");
  if (file === null) throw new Response("Not Found", { status: 404 });
  // Issued before the owner gave their fiscal identity: the list says what to do.
  if (file === "no-supplier") throw redirect(`/${locale}/owner/invoices?noSupplier=1`, 303);
  return new Response(file.xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
