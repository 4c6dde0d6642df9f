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
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { LOGO_MAX_BYTES, sniffLogoType } from "~/domain/brand";
import { deleteBrandLogo, saveBrandLogo, type LogoError } from "~/models/brand-logo.server";
import { requireRole } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireRole(request, locale, "owner");
  throw redirect(`/${locale}/owner/settings/proposals#logo`);
}

/** Upload (the default: the upload button sends no intent) or remove; a refused file's message is the reason shown (?logoError=…). */
const LogoFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove") }),
  z.object({
    intent: z.literal("upload").optional(),
    logo: z
      .instanceof(File, { message: "logoMissing" })
      .refine((file) => file.size > 0, "logoMissing")
      .refine((file) => file.size <= LOGO_MAX_BYTES, "logoTooBig")
      // PNG or JPEG by its bytes (what a browser calls the file is not trusted).
      .superRefine(async (file, ctx) => {
        if (file.size > 0 && file.size <= LOGO_MAX_BYTES && !sniffLogoType(new Uint8Array(await file.arrayBuffer()))) ctx.addIssue({ code: "custom", message: "logoType" });
      }),
  }),
]);
const logoErrors: readonly LogoError[] = ["logoMissing", "logoTooBig", "logoType"];

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireRole(request, locale, "owner");
  const back = (query: string) => redirect(`/${locale}/owner/settings/proposals?${query}#logo`, 303);
  const refuse = (error: LogoError) => back(`logoError=${error}`);

  let form: FormData;
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) form = await request.formData();
  else {
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
  }
  const submission = await parseWithZod(form, { schema: LogoFormSchema, async: true });
  if (submission.status !== "success") {
    const message = submission.error?.logo?.[0];
    return refuse(logoErrors.find((e) => e === message) ?? "logoMissing");
  }
  if (submission.value.intent === "remove") {
    await deleteBrandLogo(user.id);
    return back("logo=removed");
  }
  const result = await saveBrandLogo(new Uint8Array(await submission.value.logo.arrayBuffer()), user.id);
  return result.ok ? back("logo=saved") : refuse(result.error);
}
