import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { dictionaries } from "~/i18n/dictionaries";
import { isLocale } from "~/i18n/i18n";
import { dictionaryVersion } from "~/i18n/page-words";
import { isPartName, normaliseParts, pickParts } from "~/i18n/parts";

// Words a page adds on a navigation in the browser (app/i18n/parts.ts): the
// sections asked for, of one language, without the core the first page brought.
// Public (the same words are in every page's HTML). With ?v= the current
// dictionaries' hash the answer is cached for good; otherwise browsers revalidate.
const Query = z.object({
  lang: z.string().refine(isLocale),
  parts: z
    .string()
    .max(1_000)
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.string().refine(isPartName)).min(1).max(40)),
  v: z.string().max(20).optional(),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = Query.safeParse({ lang: params.lang, parts: url.searchParams.get("parts") ?? "", v: url.searchParams.get("v") ?? undefined });
  const headers = { "X-Content-Type-Options": "nosniff" };
  if (!query.success || !isLocale(query.data.lang)) {
    return Response.json({ error: "unknown language or parts" }, { status: 400, headers: { ...headers, "Cache-Control": "no-store" } });
  }
  const version = dictionaryVersion();
  const etag = `"${version}"`;
  const cache = query.data.v === version ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate";
  const common = { ...headers, ETag: etag, "Cache-Control": cache, Vary: "Accept-Encoding" };
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers: common });
  return Response.json(pickParts(dictionaries[query.data.lang], normaliseParts(query.data.parts), false), { headers: common });
}
