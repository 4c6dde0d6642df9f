// The FatturaPA files of a month's invoices and credit notes in one ZIP, for
// the SDI or the owner's intermediary. Owners only; never cached.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { MonthSchema } from "~/domain/invoice/month";
import { getT } from "~/i18n/i18n";
import { monthZip } from "~/models/invoices.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  const month = MonthSchema.safeParse(params.month);
  if (!month.success) throw new Response("Not Found", { status: 404 });
  const archive = await monthZip(month.data);
  if (archive === "no-supplier") throw redirect(`/${locale}/owner/invoices?month=${month.data}&noSupplier=1`, 303);
  const name = `${getT(locale)("invoice.list.heading").toLowerCase()}-${month.data}.zip`;
  return new Response(Buffer.from(archive.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
