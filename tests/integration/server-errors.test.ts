// 5xx answers of the real server: whoever produced them (a route that threw,
// a resource route, Remix's handler, Express under overload), the person gets a
// translated page without a stack trace and the log has the line, with the request id.
import type { LoaderFunction, ServerBuild } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, stopApps, type RunningApp } from "./server-app";

afterAll(stopApps);

const SECRET = "secret detail of the failure";
const PRIVACY = "routes/$lang.privacy";
const failing: LoaderFunction = async () => {
  throw new Error(SECRET);
};

/** The build with one route's loader replaced (the privacy page's unless told). */
function withLoader(build: ServerBuild, loader: LoaderFunction, id = PRIVACY): ServerBuild {
  const route = build.routes[id]!;
  return { ...build, routes: { ...build.routes, [id]: { ...route, module: { ...route.module, loader } } } };
}

type Line = Record<string, unknown> & { level?: number; msg?: string; req?: { id?: string }; requestId?: string };

const serverError = { it: "Qualcosa è andato storto", en: "Something went wrong" };
const busy = { it: "Troppe richieste in questo momento", en: "Too many requests right now" };

/**
 * Fetches `/{lang}{path}` in both languages and checks what the person sees
 * (the status, the translated words, no stack trace, no error message, no
 * source path) and that the log has `msg` with this answer's request id.
 */
async function expectErrorPage(app: RunningApp, path: string, status: number, words: Record<"it" | "en", string>, msg: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (const lang of ["it", "en"] as const) {
    const url = `/${lang}${path}`;
    const response = await fetch(`${app.url}${url}`);
    expect(response.status, url).toBe(status);
    expect(response.headers.get("content-type"), url).toContain("text/html");
    const id = response.headers.get("x-request-id");
    expect(id, url).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const body = await response.text();
    expect(body, url).toContain(`<html lang="${lang}"`);
    expect(body, url).toContain(words[lang]);
    expect(body, url).not.toContain(SECRET);
    expect(body, url).not.toMatch(/\bat .*\.(ts|tsx|js):\d+/);
    expect(body, url).not.toContain("node_modules");
    const line = (app.logs() as Line[]).find((l) => l.msg === msg && l.req?.id === id);
    expect(line, `${url}: a log line "${msg}" with request id ${id}`).toBeDefined();
    lines.push(line!);
    // And the answer itself, as an error line (pino's level 50) with the same id.
    const answered = (app.logs() as Line[]).find((l) => l.msg === "request errored" && l.req?.id === id);
    expect(answered?.level, `${url}: the answer logged as an error`).toBe(50);
  }
  return lines;
}

describe("an error in a route", () => {
  it("shows the translated error page and is logged with the request id", async () => {
    const app = await startApp({}, { build: (build) => withLoader(build, failing) });
    for (const line of await expectErrorPage(app, "/privacy", 500, serverError, "unhandled error")) {
      expect(line.requestId).toBe(line.req?.id);
      expect(JSON.stringify(line.err)).toContain(SECRET); // the log keeps what the page hides
    }
    await app.close();
  });

  it("in a resource route (the proposal PDF) shows the translated page too, not Remix's bare English text", async () => {
    const app = await startApp({}, { build: (build) => withLoader(build, failing, "routes/$lang.p.$token.pdf") });
    await expectErrorPage(app, "/p/some-token/pdf", 500, serverError, "unhandled error");
    await app.close();
  });
});

describe("an error page that fails to render too", () => {
  it("still gets the translated page, not Remix's bare text, logged with the request id", async () => {
    const app = await startApp({}, {
      build: (broken) => {
        const build = withLoader(broken, failing);
        const root = build.routes.root!;
        const ErrorBoundary = () => {
          throw new Error(SECRET);
        };
        return { ...build, routes: { ...build.routes, root: { ...root, module: { ...root.module, ErrorBoundary } } } };
      },
    });
    await expectErrorPage(app, "/privacy", 500, serverError, "unhandled error");
    await app.close();
  });
});

describe("an error Express itself answers", () => {
  it("when Remix's handler throws: a translated page with the request id, logged with it", async () => {
    const app = await startApp({}, {
      build: () => async () => {
        throw new Error(SECRET);
      },
    });
    for (const line of await expectErrorPage(app, "/privacy", 500, serverError, "unhandled server error")) {
      expect(JSON.stringify(line.err)).toContain(SECRET);
    }
    // The page names the request id, so a person can quote it.
    const response = await fetch(`${app.url}/it/privacy`);
    expect(await response.text()).toContain(response.headers.get("x-request-id")!);
    await app.close();
  });

  it("when overloaded: a translated 503 busy page with Retry-After, logged with the request id", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const inLoader = new Promise<void>((resolve) => (started = resolve));
    const app = await startApp({ MAX_CONCURRENT_REQUESTS: 1 }, {
      build: (build) => {
        const original = build.routes[PRIVACY]!.module.loader!;
        return withLoader(build, async (args) => {
          started();
          await held;
          return original(args);
        });
      },
    });
    const slow = fetch(`${app.url}/it/privacy`);
    await inLoader; // the one request allowed is in progress
    await expectErrorPage(app, "/login", 503, busy, "overloaded: too many requests in progress, answered 503");
    expect((await fetch(`${app.url}/en`)).headers.get("retry-after")).toBe("5");
    // The health check still answers, so a busy server is not taken for a dead one.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    release();
    const done = await slow;
    expect(done.status).toBe(200);
    await done.text();
    // Once the request in progress is done, pages are served again.
    expect((await fetch(`${app.url}/it`)).status).toBe(200);
    await app.close();
  });
});
