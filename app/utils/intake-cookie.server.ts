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

/**
 * Set when this browser has just sent its answers (the draft cookie is cleared at
 * the same time): holds no secret, only "1". A step opened again (Back in the
 * browser, a tab left open) then says "already sent" instead of starting a new,
 * ghost draft; the page's link to start a new questionnaire clears it.
 */
export const intakeSentCookie = createCookie("sb_intake_sent", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().APP_URL.startsWith("https://"),
  maxAge: 24 * 60 * 60,
});

export async function readSent(request: Request): Promise<boolean> {
  return (await intakeSentCookie.parse(request.headers.get("Cookie"))) === "1";
}
