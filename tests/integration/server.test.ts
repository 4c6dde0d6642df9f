// The real server (server/app.ts around the Remix app) answering HTTP: what the
// hostile test run of issue 11 found at that level.
import { afterAll, describe, expect, it } from "vitest";
import { upsertOwner } from "~/models/user.server";
import { startApp, stopApps } from "./server-app";

afterAll(stopApps);

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("rate limits follow the path as Remix routes it", () => {
  it("counts failed logins on every spelling of the login path", async () => {
    const app = await startApp({ RATE_LIMIT_LOGIN: 2 });
    const wrong = form({ email: "x@example.com", password: "wrong" });
    for (let i = 0; i < 2; i++) expect((await fetch(`${app.url}/it/login`, { method: "POST", body: wrong })).status).toBe(400);
    for (const path of ["/it/LOGIN", "/it/Login/", "/it/%6Cogin", "/it/%4C%4F%47%49%4E", "/it/x/../login", "/it/x/%2e%2e/login", "/it/login//"]) {
      const response = await fetch(`${app.url}${path}`, { method: "POST", body: wrong, redirect: "manual" });
      // Over the limit the login action answers the translated 429 without checking the password.
      expect(response.status, path).toBe(429);
      expect(await response.text(), path).toContain("Troppi tentativi. Riprova tra qualche minuto.");
    }
    // The single-fetch data request of the form, in any case, too.
    const data = await fetch(`${app.url}/en/LOGIN.data`, { method: "POST", body: wrong });
    expect(await data.text()).toContain("errors.tooManyRequests");
    await app.close();
  });

  it("lets correct logins through whatever the case", async () => {
    await upsertOwner({ email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" });
    const app = await startApp({ RATE_LIMIT_LOGIN: 1 });
    const good = form({ email: "owner@studio.example", password: "correct horse battery staple" });
    for (const path of ["/it/login", "/it/LOGIN", "/it/login"]) {
      expect((await fetch(`${app.url}${path}`, { method: "POST", body: good, redirect: "manual" })).status, path).toBe(302);
    }
    await app.close();
  });
});

describe("validated settings reach the server", () => {
  it("applies RATE_LIMIT_POST and MAX_BODY_BYTES as parsed", async () => {
    const app = await startApp({ RATE_LIMIT_POST: 2, MAX_BODY_BYTES: 2048 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${app.url}/en/forgot`, { method: "POST", body: form({ email: "not an email" }) })).status);
    expect(statuses).toEqual([400, 400, 429]);
    await app.close();
    const small = await startApp({ MAX_BODY_BYTES: 2048 });
    const big = await fetch(`${small.url}/en/forgot`, { method: "POST", body: form({ email: "a".repeat(3000) }) });
    expect(big.status).toBe(413);
    expect(await big.text()).toBe("Too much data sent at once.");
    await small.close();
  });
});

describe("the Origin check", () => {
  const post = (url: string, headers: Record<string, string>) => fetch(`${url}/en/forgot`, { method: "POST", headers, body: form({ email: "not an email" }) });

  it("accepts only APP_URL's origin, scheme and port included, without a trusted proxy", async () => {
    const app = await startApp((url) => ({ APP_URL: url, TRUST_PROXY: 0 }));
    const { host } = new URL(app.url);
    expect((await post(app.url, { Origin: app.url })).status).toBe(400); // ours: the form's own 400
    expect((await post(app.url, {})).status).toBe(400); // no Origin (not a browser): SameSite and Remix decide
    expect((await post(app.url, { Origin: "null" })).status).toBe(400);
    for (const [origin, extra] of [
      ["https://evil.example", {}],
      [`https://${host}`, {}], // same host, other scheme
      [`http://${host.split(":")[0]}:1`, {}], // same host, other port
      ["https://evil.example", { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }], // forwarded headers from the client itself
      [`${app.url}/path`, {}],
      ["not a url", {}],
    ] as const) {
      const response = await post(app.url, { Origin: origin, ...extra });
      expect(response.status, `${origin} ${JSON.stringify(extra)}`).toBe(403);
    }
    await app.close();
  });

  it("behind a trusted proxy also accepts the origin the proxy forwards, with its scheme", async () => {
    const app = await startApp({ APP_URL: "https://brief.example.it", TRUST_PROXY: 1 });
    expect((await post(app.url, { Origin: "https://brief.example.it" })).status).toBe(400);
    const proxied = { "X-Forwarded-Host": "brief-staging.example.it", "X-Forwarded-Proto": "https" };
    expect((await post(app.url, { Origin: "https://brief-staging.example.it", ...proxied })).status).toBe(400);
    expect((await post(app.url, { Origin: "http://brief-staging.example.it", ...proxied })).status).toBe(403);
    expect((await post(app.url, { Origin: "https://evil.example", ...proxied })).status).toBe(403);
    // A client's own X-Forwarded-Host before the proxy's value does not count.
    expect((await post(app.url, { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example, brief-staging.example.it", "X-Forwarded-Proto": "https" })).status).toBe(403);
    await app.close();
  });
});

describe("methods the app does not take", () => {
  it("answers OPTIONS, PUT and DELETE with a plain 405 before Remix, a foreign Origin on a data request included", async () => {
    const app = await startApp();
    for (const [method, path, headers] of [
      ["OPTIONS", "/it/p/abc/pay.data", { Origin: "https://evil.example" }],
      ["OPTIONS", "/en/login", {}],
      ["PUT", "/it/login", { "Content-Type": "application/x-www-form-urlencoded" }],
      ["DELETE", "/it/owner/team", {}],
    ] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("Allow")).toBe("GET, HEAD, POST");
      expect(await response.text()).toBe(path.startsWith("/en") ? "Method not allowed." : "Metodo non consentito.");
    }
    expect(app.logs().filter((line) => Number(line.level) >= 50)).toEqual([]);
    await app.close();
  });

  it("answers a POST to a page without an action with a 405 that names no route module", async () => {
    const app = await startApp();
    for (const path of ["/it/privacy", "/en/privacy", "/it/p/abc/pdf", "/it/privacy.data"]) {
      const response = await fetch(`${app.url}${path}`, { method: "POST", body: form({ a: "b" }) });
      expect(response.status, path).toBe(405);
      const body = await response.text();
      expect(body, path).not.toMatch(/did not provide|Unexpected Server Error/);
    }
    await app.close();
  });
});

describe("request ids", () => {
  it("keep a UUID sent by a proxy and replace anything else, in the answer and the log", async () => {
    const app = await startApp();
    const uuid = "3f2b8c9e-1d4a-4c6b-9e8f-0a1b2c3d4e5f";
    const kept = await fetch(`${app.url}/en`, { headers: { "X-Request-Id": uuid } });
    expect(kept.headers.get("x-request-id")).toBe(uuid);
    const forged = 'forged" admin=1 {"level":60}';
    const replaced = await fetch(`${app.url}/en/privacy`, { headers: { "X-Request-Id": forged } });
    const id = replaced.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await replaced.arrayBuffer();
    await new Promise((r) => setTimeout(r, 50));
    const logs = app.logs();
    expect(JSON.stringify(logs)).not.toContain("forged");
    expect(logs.find((l) => (l.req as { url?: string } | undefined)?.url === "/en/privacy")).toMatchObject({ req: { id } });
    expect(logs.find((l) => (l.req as { url?: string } | undefined)?.url === "/en")).toMatchObject({ req: { id: uuid } });
    await app.close();
  });
});

describe("routePath", () => {
  it("spells a path the way Remix matches it", async () => {
    const { routePath } = await import("../../server/app");
    expect(routePath("/it/LOGIN?redirectTo=/x")).toBe("/it/login");
    expect(routePath("/en/Login.data")).toBe("/en/login");
    expect(routePath("/it\\login")).toBe("/it/login");
    expect(routePath("/it/%6cogin/")).toBe("/it/login");
    expect(routePath("/it/a%2Fb")).toBe("/it/a%2fb");
    expect(routePath("/it/%E0%A4%A")).toBe("/it/%e0%a4%a");
    expect(routePath("/_root.data")).toBe("/");
    expect(routePath("/Stripe/Webhook/")).toBe("/stripe/webhook");
  });

  it("decides which answers are private by that path", async () => {
    const { privacyHeaders, routePath } = await import("../../server/app");
    const noStore = { "Cache-Control": "private, no-store" };
    const link = { ...noStore, "X-Robots-Tag": "noindex" };
    for (const url of ["/it/owner", "/en/OWNER/account", "/it/%6Fwner.data", "/it/owner/leads.csv?x=1", "/it/intake", "/it/intake/contact"]) {
      expect(privacyHeaders(routePath(url)), url).toEqual(noStore);
    }
    for (const url of ["/it/p/abc", "/en/P/abc/receipt/x.data", "/it/p/abc/pdf", "/it/intake/resume/t", "/en/invite/t", "/it/reset/t"]) {
      expect(privacyHeaders(routePath(url)), url).toEqual(link);
    }
    for (const url of ["/", "/it", "/en/privacy", "/it/login", "/it/owners-guide", "/brand/logo?v=1", "/_root.data", "/healthz"]) {
      expect(privacyHeaders(routePath(url)), url).toEqual({});
    }
  });
});

describe("other software's cookies on the host", () => {
  it("never turn a page into a 500, whatever their encoding", async () => {
    const app = await startApp();
    const cookies = ["other=100%", "other=%E0%A4%A; theme=%", "sb_session=%zz", "sb_intake=%; sb_session=100%", "=%; ;;junk"];
    const pages = ["/it", "/en", "/it/login", "/en/forgot", "/it/intake", "/en/privacy", "/it/owner", "/it/p/not-a-token", "/en.data", "/it/login.data"];
    for (const cookie of cookies) {
      for (const page of pages) {
        const response = await fetch(`${app.url}${page}`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(response.status, `${page} with ${cookie}`).toBeLessThan(500);
      }
    }
    // Still signed out: a broken session cookie is no session.
    const owner = await fetch(`${app.url}/it/owner`, { headers: { Cookie: "other=100%" }, redirect: "manual" });
    expect(owner.headers.get("location")).toMatch(/^\/it\/login\?redirectTo=/);
    await app.close();
  });
});
