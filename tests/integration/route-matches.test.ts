// server/route-matches.ts: the cached route matcher gives the answers of
// React Router's own, on this app's routes, and is what Remix calls.
import { describe, expect, it } from "vitest";
import { cachedMatchRoutes, installRouteMatchCache, routerModule } from "../../server/route-matches";
import { loadBuild } from "./server-app";

interface Route {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: Route[];
}

/** The build's routes as a tree, the way the Remix server runtime hands them to the matcher (new objects per call). */
async function appRoutes(): Promise<Route[]> {
  const routes = Object.values((await loadBuild()).routes);
  const childrenOf = (parentId: string | undefined): Route[] =>
    routes
      .filter((r) => r!.parentId === parentId)
      .map((r) => {
        const children = childrenOf(r!.id);
        return { id: r!.id, path: r!.path, index: r!.index, caseSensitive: r!.caseSensitive, ...(children.length ? { children } : {}) };
      });
  return childrenOf(undefined);
}

installRouteMatchCache();
const original = routerModule().matchRoutes.uncached!;

const paths = [
  "/",
  "/it",
  "/en/",
  "/it/intake/about",
  "/it/intake/crisisDetails",
  "/en/intake/resume/abc-def",
  "/it/p/AbCdEfGhIjKlMnOpQrStUv",
  "/it/p/AbCdEfGhIjKlMnOpQrStUv/pdf",
  "/en/owner",
  "/en/owner/proposals/123",
  "/it/LOGIN",
  "/it/caf%C3%A9",
  "/nowhere/at/all",
  "/it/intake/about?new=1",
  "/i18n/it",
];

describe("cached route matches", () => {
  it("are the matches React Router finds, for every kind of path", async () => {
    const routes = await appRoutes();
    const cached = cachedMatchRoutes(original);
    for (const path of paths) {
      const expected = original(routes, path, "/");
      // Twice: the first call fills the cache, the second answers from it.
      expect(cached(routes, path, "/"), path).toEqual(expected);
      expect(cached(routes, path, "/"), path).toEqual(expected);
      expect(cached(routes, { pathname: path.split("?")[0] }, "/"), path).toEqual(original(routes, { pathname: path.split("?")[0] }, "/"));
    }
  });

  it("hand back the caller's own route objects and fresh params, whichever copy of the tree asks", async () => {
    const cached = cachedMatchRoutes(original);
    const first = await appRoutes();
    const second = await appRoutes();
    const a = cached(first, "/it/p/AbCdEfGhIjKlMnOpQrStUv", "/")!;
    const b = cached(second, "/it/p/AbCdEfGhIjKlMnOpQrStUv", "/")!;
    expect(b.map((m) => m.route.id)).toEqual(a.map((m) => m.route.id));
    const leaf = b.at(-1)!;
    expect(leaf.route).toBe(original(second, "/it/p/AbCdEfGhIjKlMnOpQrStUv", "/")!.at(-1)!.route);
    expect(leaf.params).toEqual(a.at(-1)!.params);
    leaf.params.token = "changed";
    expect(cached(second, "/it/p/AbCdEfGhIjKlMnOpQrStUv", "/")!.at(-1)!.params.token).toBe("AbCdEfGhIjKlMnOpQrStUv");
  });

  it("tell trees of another shape apart and keep a bounded number of paths", () => {
    let calls = 0;
    const counted: typeof original = (routes, location, basename) => {
      calls++;
      return original(routes, location, basename);
    };
    const cached = cachedMatchRoutes(counted, 2);
    const one: Route[] = [{ id: "root", path: "/", children: [{ id: "a", path: ":x" }] }];
    const other: Route[] = [{ id: "root", path: "/", children: [{ id: "a", path: "fixed" }] }];
    expect(cached(one, "/fixed")!.at(-1)!.params).toEqual({ x: "fixed" });
    expect(cached(other, "/fixed")!.at(-1)!.params).toEqual({});
    expect(cached(other, "/other")).toBeNull();
    expect(calls).toBe(3);
    // Two paths kept: "/fixed" of `one`, the oldest, was dropped.
    cached(one, "/fixed");
    expect(calls).toBe(4);
    cached(other, "/other");
    expect(calls).toBe(4);
  });

  it("is what Remix and React Router call once the app is made", () => {
    expect(routerModule().matchRoutes).not.toBe(original);
  });
});
