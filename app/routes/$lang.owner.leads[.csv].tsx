import type { LoaderFunctionArgs } from "@remix-run/node";
import { IN_PROGRESS, parseFilters } from "~/domain/pipeline";
import { leadsCsv } from "~/domain/pipeline-csv";
import { romeToday } from "~/domain/intake/schema";
import { getT } from "~/i18n/i18n";
import { leadsForCsv, recordCsvExport } from "~/models/pipeline.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

// The leads of a pipeline view (same query string as /{lang}/owner) as a CSV
// file for Excel with Italian settings. Owners only: members cannot export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const filters = parseFilters(new URL(request.url).searchParams);
  // Questionnaires in progress are not leads: that view exports every received lead.
  if (filters.status === IN_PROGRESS) filters.status = null;
  const leads = await leadsForCsv(filters, user.id);
  const t = getT(locale);
  const body = leadsCsv(leads, locale, (key, options) => t(key, options));
  await recordCsvExport(filters, user.id, leads.length);
  const filename = `${t("pipeline.export.filename")}-${romeToday()}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
