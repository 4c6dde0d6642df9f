import type { LoaderFunctionArgs } from "@remix-run/node";
import { getWorkingProposal, leadLocale } from "~/models/proposal.server";
import { previewPdf } from "~/pdf/preview-cache.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

/**
 * The owner's working copy as a PDF, for the preview (rendered in the worker
 * pool, never stored; kept in memory for a few minutes while unchanged,
 * app/pdf/preview-cache.server.ts): in the lead's language, as the client will get it,
 * whatever the language of the owner's URL.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUser(request, locale);
  const language = await leadLocale(params.leadId ?? "");
  if (!language) throw new Response("Not Found", { status: 404 });
  const working = await getWorkingProposal(params.leadId ?? "", language);
  if (!working?.view) throw new Response("Not Found", { status: 404 });
  const pdf = await previewPdf(params.leadId!, { document: "full-proposal", view: working.view, branding: working.settings.branding, studioName: working.settings.studioName });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": "inline", "Content-Language": language, "Cache-Control": "private, no-store" },
  });
}
