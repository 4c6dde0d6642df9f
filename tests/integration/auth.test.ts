import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/$lang.login";
import { action as logoutAction } from "~/routes/$lang.logout";
import { loader as ownerLoader } from "~/routes/$lang.owner._index";
import { createLead } from "~/models/lead.server";
import { upsertOwner } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { sessionIdFor } from "~/utils/session.server";
import { call, cookieFrom, get, post } from "./helpers";

const owner = { email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" };

async function logIn(fields: Record<string, string>, lang = "it") {
  return call(loginAction, post(`/${lang}/login`, fields, { "User-Agent": "vitest" }), { lang });
}

describe("owner login and lead list", () => {
  it("logs in with a database session in an httpOnly, SameSite=Lax cookie and lists the leads", async () => {
    await upsertOwner(owner);
    await createLead({ name: "Piero Lodi", email: "piero@lodi.example", organisation: "Cantina Lodi", goal: "leads", locale: "it" });

    const response = await logIn({ email: "OWNER@studio.example", password: owner.password, redirectTo: "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/it/owner");
    const setCookie = response.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^sb_session=\w+/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = cookieFrom(response).split("=")[1]!;
    const session = await prisma.session.findUniqueOrThrow({ where: { id: sessionIdFor(token) } });
    expect(session.userAgent).toBe("vitest");
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    const page = await call(ownerLoader, get("/it/owner", { Cookie: cookieFrom(response) }), { lang: "it" });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { user: { name: string }; total: number; leads: { organisation: string }[] };
    expect(data.user.name).toBe("Olga Owner");
    expect(data.leads.map((l) => l.organisation)).toContain("Cantina Lodi");
  });

  it("sends anonymous visitors to the login page, keeping where they wanted to go", async () => {
    const response = await call(ownerLoader, get("/en/owner?x=1"), { lang: "en" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/en/login?redirectTo=${encodeURIComponent("/en/owner?x=1")}`);
  });

  it("refuses a wrong password or an unknown email with the same message", async () => {
    await upsertOwner(owner);
    for (const fields of [
      { email: owner.email, password: "wrong password" },
      { email: "nobody@studio.example", password: owner.password },
    ]) {
      const response = await logIn(fields);
      expect(response.status).toBe(400);
      expect(response.headers.get("Set-Cookie")).toBeNull();
      const body = (await response.json()) as { result: { error: Record<string, string[]>; initialValue?: Record<string, string> } };
      expect(body.result.error[""]).toEqual(["errors.invalidLogin"]);
      expect(body.result.initialValue?.password).toBeUndefined();
    }
  });

  it("never redirects to another site after login", async () => {
    await upsertOwner(owner);
    for (const redirectTo of ["//evil.example/phish", "/\t/evil.example/", "/\n/evil.example/", "\\\\evil.example", "/\\evil.example", "/\t\\evil.example"]) {
      const response = await logIn({ email: owner.email, password: owner.password, redirectTo });
      expect(response.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/it/owner");
    }
    const local = await logIn({ email: owner.email, password: owner.password, redirectTo: "/it/owner/leads?q=caffè" });
    expect(local.headers.get("Location")).toBe("/it/owner/leads?q=caff%C3%A8");
  });

  it("logs out by deleting the session row, after which the cookie no longer works", async () => {
    await upsertOwner(owner);
    const login = await logIn({ email: owner.email, password: owner.password });
    const cookie = cookieFrom(login);
    expect((await call(loginLoader, get("/it/login", { Cookie: cookie }), { lang: "it" })).headers.get("Location")).toBe("/it/owner");
    const logout = await call(logoutAction, post("/it/logout", {}, { Cookie: cookie }), { lang: "it" });
    expect(logout.status).toBe(302);
    expect(await prisma.session.count({ where: { id: sessionIdFor(cookie.split("=")[1]!) } })).toBe(0);
    const after = await call(ownerLoader, get("/it/owner", { Cookie: cookie }), { lang: "it" });
    expect(after.headers.get("Location")).toMatch(/^\/it\/login/);
  });
});
