import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";

/** Holds the secret that finds this browser's questionnaire draft. */
export const intakeCookie = createCookie("sb_intake", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().APP_URL.startsWith("https://"),
  maxAge: getEnv().DRAFT_RETENTION_DAYS * 24 * 60 * 60,
});

export async function readBrowserKey(request: Request): Promise<string | null> {
  const value: unknown = await intakeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[\w-]{20,64}$/.test(value) ? value : null;
}
