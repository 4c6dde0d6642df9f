import type { LoaderFunctionArgs } from "@remix-run/node";
import { getBrandLogo } from "~/models/brand-logo.server";

/**
 * The owner's logo, public (it is on the landing page and in emails). With
 * ?v=<sha256> of the current logo it is cached for a year (a new logo gets a
 * new address); without it, or with an old fingerprint, browsers revalidate.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const logo = await getBrandLogo();
  const headers = { "X-Content-Type-Options": "nosniff" };
  if (!logo) return new Response("Not Found", { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" } });
  const etag = `"${logo.sha256}"`;
  const versioned = new URL(request.url).searchParams.get("v") === logo.sha256;
  const cache = versioned ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
  const common = { ...headers, ETag: etag, "Cache-Control": cache };
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers: common });
  return new Response(new Uint8Array(logo.content), {
    headers: { ...common, "Content-Type": logo.contentType, "Content-Length": String(logo.content.length), "Content-Disposition": "inline" },
  });
}
