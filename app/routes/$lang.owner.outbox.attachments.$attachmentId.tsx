// Downloads one attachment of a stored email (the proposal PDF sent with it),
// byte for byte as it went out. Staff only (owners and members); a member may
// not open the attachments of someone else's credential emails (roles.server).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { getEmailAttachment } from "~/utils/email.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { canReadEmail } from "~/utils/roles.server";

/** Content types served as they are; anything else downloads as bytes. */
const served = new Set(["application/pdf"]);

/** A Content-Disposition that survives any file name: ASCII fallback plus RFC 5987 UTF-8. */
function disposition(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user, headers } = await requireUser(request, locale);
  const file = params.attachmentId ? await getEmailAttachment(params.attachmentId) : null;
  if (!file) throw new Response("Not Found", { status: 404, headers });
  if (!canReadEmail(user, file.message)) throw new Response("Forbidden", { status: 403, headers });
  headers.set("Content-Type", served.has(file.contentType) ? file.contentType : "application/octet-stream");
  headers.set("Content-Disposition", disposition(file.filename));
  headers.set("Content-Length", String(file.content.length));
  headers.set("Cache-Control", "private, no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(new Uint8Array(file.content), { headers });
}
