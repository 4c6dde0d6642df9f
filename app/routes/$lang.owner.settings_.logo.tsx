// Uploads or removes the owner's logo (owner only). A multipart form of its
// own: the server lets this path alone carry a body up to the logo's size.
// Answers with a redirect to the proposal settings either way (works without
// JavaScript); a refused file comes back as ?logoError=<reason>.
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { LOGO_MAX_BYTES } from "~/domain/brand";
import { deleteBrandLogo, saveBrandLogo, type LogoError } from "~/models/brand-logo.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  throw redirect(`/${locale}/owner/settings/proposals#logo`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const back = (query: string) => redirect(`/${locale}/owner/settings/proposals?${query}#logo`, 303);
  const refuse = (error: LogoError) => back(`logoError=${error}`);

  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const form = await request.formData();
    if (form.get("intent") === "remove") {
      await deleteBrandLogo(user.id);
      return back("logo=removed");
    }
    return refuse("logoMissing");
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      // One part a little over the limit is enough to tell "too big"; nothing is written to disk.
      unstable_createMemoryUploadHandler({ maxPartSize: LOGO_MAX_BYTES, filter: ({ name }) => name === "logo" || name === "intent" }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse("logoTooBig");
    throw error;
  }
  if (form.get("intent") === "remove") {
    await deleteBrandLogo(user.id);
    return back("logo=removed");
  }
  const file = form.get("logo");
  if (!file || typeof file === "string" || file.size === 0) return refuse("logoMissing");
  const result = await saveBrandLogo(new Uint8Array(await file.arrayBuffer()), user.id);
  return result.ok ? back("logo=saved") : refuse(result.error);
}
