import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { exportPerson } from "~/models/gdpr.server";
import { recordAudit } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

/** Everything held about one person, as a JSON download (owner only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const email = z.string().trim().toLowerCase().max(254).email().safeParse(new URL(request.url).searchParams.get("email") ?? "");
  if (!email.success) throw new Response("Bad Request", { status: 400 });
  const data = await exportPerson(email.data);
  for (const lead of data.leads) await recordAudit({ action: "lead.exported", leadId: lead.id, actorId: user.id });
  const name = email.data.replace(/[^\w.-]+/g, "_");
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="socialbrief-data-${name}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
