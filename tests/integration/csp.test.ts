// The Content-Security-Policy of the real server: scripts run only with this
// request's nonce (no 'unsafe-inline'), and every script a page carries has it.
import { afterAll, describe, expect, it } from "vitest";
import { startApp, stopApps } from "./server-app";

afterAll(stopApps);

/** The sources of one directive of a CSP header. */
function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : [];
}

async function page(url: string) {
  const response = await fetch(url);
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonces = directive(csp, "script-src")
    .map((source) => /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(source)?.[1])
    .filter((nonce): nonce is string => nonce !== undefined);
  return { response, csp, nonces, html: await response.text() };
}

describe("the Content-Security-Policy", () => {
  it("allows scripts only with this request's nonce, which every script of the page carries", async () => {
    const app = await startApp();
    for (const path of ["/it", "/en/intake", "/it/login", "/it/no-such-page"]) {
      const { response, csp, nonces, html } = await page(`${app.url}${path}`);
      expect(response.headers.get("content-type"), path).toContain("text/html");
      const scriptSrc = directive(csp, "script-src");
      expect(scriptSrc, path).toContain("'self'");
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(nonces, path).toHaveLength(1);
      const nonce = nonces[0]!;
      expect(nonce.length, path).toBeGreaterThanOrEqual(22); // 16 random bytes in base64
      // Every script tag: Remix's inline context and module loader, its modulepreloads' importer, React's own.
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(` nonce="${nonce}"`);
    }
    await app.close();
  });

  it("gives every request a new nonce", async () => {
    const app = await startApp();
    const first = await page(`${app.url}/it`);
    const second = await page(`${app.url}/it`);
    expect(first.nonces).toHaveLength(1);
    expect(second.nonces).toHaveLength(1);
    expect(first.nonces[0]).not.toBe(second.nonces[0]);
    expect(second.html).not.toContain(first.nonces[0]);
    await app.close();
  });
});
