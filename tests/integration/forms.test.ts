// What reaches a form action through the real server: never a control
// character, never a body that is not a form; odd requests answer 4xx, not 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertOwner } from "~/models/user.server";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { cleanText } from "../../server/forms";
import { startApp, stopApps, type RunningApp } from "./server-app";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(stopApps);

const urlencoded = { "Content-Type": "application/x-www-form-urlencoded" };

describe("control characters in form fields", () => {
  it("are removed before anything is stored (NUL in a contact name)", async () => {
    const body = new URLSearchParams({
      intent: "autosave",
      organisation: "Caff\u0007è Rossi\u0000",
      contactName: "A\u0000B",
      role: "Tito\u001bla\u007fre\u0085",
      email: "a@example.com",
    });
    const response = await fetch(`${app.url}/it/intake/about`, { method: "POST", body, redirect: "manual" });
    expect(response.status).toBe(200);
    const drafts = await prisma.intakeDraft.findMany({ select: { answers: true } });
    const stored = drafts.map((d) => d.answers).join("\n");
    expect(stored).toContain('"contactName":"AB"');
    expect(stored).toContain('"organisation":"Caffè Rossi"');
    expect(stored).toContain('"role":"Titolare"');
    // eslint-disable-next-line no-control-regex
    expect(stored).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\\u00[01]/);
  });

  it("keep tabs and line breaks, which textareas use", () => {
    expect(cleanText("riga 1\r\nriga 2\n\tfine\u0000")).toBe("riga 1\r\nriga 2\n\tfine");
    expect(cleanText("\u0001\u001f\u007f\u009fok")).toBe("ok");
  });
});

describe("bodies that are not forms", () => {
  it("answer 415 (not a form) or 400 (a broken one), for documents and data requests, never 500", async () => {
    const cases: Array<[string, RequestInit, number]> = [
      ["/it/login", { body: JSON.stringify({ email: "a@example.com", password: "x" }), headers: { "Content-Type": "application/json" } }, 415],
      ["/en/login.data", { body: JSON.stringify({ email: "a" }), headers: { "Content-Type": "application/json" } }, 415],
      ["/it/forgot", { body: "email=a", headers: { "Content-Type": "text/plain" } }, 415],
      ["/it/login", { body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=x" } }, 400],
      ["/it/login", { body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data" } }, 400],
      ["/it/owner/settings/logo", { body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=x" } }, 400],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", ...init });
      const text = await response.text();
      expect(response.status, `${path} ${JSON.stringify(init.headers)}`).toBe(status);
      if (!path.endsWith(".data") && !path.includes("/owner/")) {
        expect(text, path).toContain(path.startsWith("/en") ? "Request not readable" : "Richiesta non leggibile");
      }
    }
  });

  it("to a page without an action answer 405", async () => {
    const response = await fetch(`${app.url}/en?index`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(response.status).toBe(405);
  });

  it("treat a post without a body as an empty form", async () => {
    const response = await fetch(`${app.url}/it/login`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('name="email"');
  });

  it("leave the Stripe webhook its JSON (refused for its signature, not its type)", async () => {
    const response = await fetch(`${app.url}/stripe/webhook`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" } });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("Richiesta non leggibile");
  });

  it("still take well-formed forms (urlencoded and multipart)", async () => {
    const plain = await fetch(`${app.url}/en/forgot`, { method: "POST", body: new URLSearchParams({ email: "not an email" }), headers: urlencoded });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toContain('name="email"');
    const multipart = new FormData();
    multipart.append("email", "someone@example.com");
    const sent = await fetch(`${app.url}/en/forgot`, { method: "POST", body: multipart, redirect: "manual" });
    expect(sent.status).toBeLessThan(400);
  });
});

describe("file uploads", () => {
  it("keep their bytes through the cleaning (the owner's logo)", async () => {
    const owner = await upsertOwner({ email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" });
    const cookie = (await createSessionCookie(owner.id, { userAgent: "vitest", ip: null })).split(";")[0]!;
    const bytes = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
    const form = new FormData();
    form.append("logo", new Blob([bytes], { type: "image/png" }), "logo\u0000.png");
    const response = await fetch(`${app.url}/it/owner/settings/logo`, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("logo=saved");
    const served = await fetch(`${app.url}/brand/logo`);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("?_data= probes", () => {
  it("answer 400 for any route id, existing or not", async () => {
    for (const path of ["/it/login?_data=routes/nope", "/?_data=routes%2Fnope", "/it/owner?_data=routes/$lang.owner._index", "/it?_data=root", "/it/nope?%5Fdata=x"]) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(`${app.url}${path}`, { method, redirect: "manual" });
        expect(response.status, `${method} ${path}`).toBe(400);
      }
    }
  });
});
