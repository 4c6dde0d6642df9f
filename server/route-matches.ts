// Route matching, cached per path. React Router's matchRoutes flattens and
// ranks the whole route tree and compiles a regular expression per route on
// every call, and one page request calls it several times (Remix's handler,
// the static router's <Routes>, the partial manifest of each parent path):
// with this app's routes it was among the top costs of a request's CPU.
//
// SHORTCUT: Remix offers no hook for its route matcher and no patch tool
// (patch-package, npm patch) is available here, so installRouteMatchCache()
// replaces the `matchRoutes` export of @remix-run/router's CommonJS module (the
// one instance that @remix-run/server-runtime, react-router and @remix-run/react
// read it from, by property, at each call) with a cached wrapper. The router's
// own internal call (createStaticHandler's query) is not reached. On a Remix or
// React Router upgrade check that they still call `router.matchRoutes`
// (tests/integration/route-matches.test.ts compares the cached answers with the original's).
import { createRequire } from "node:module";

interface RouteLike {
  id?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteLike[];
}
interface MatchLike<R extends RouteLike> {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: R;
}
type MatchRoutes = <R extends RouteLike>(routes: R[], location: string | { pathname?: string }, basename?: string) => MatchLike<R>[] | null;

interface Tree {
  /** What decides matching in the tree: every route's id, path, index and case flags, in order. */
  shape: string;
  byId: Map<string, RouteLike>;
}

/** The most paths kept (a bounded LRU: any path a client sends, a 404 probe too, is a key). */
const MAX_PATHS = 1000;

/** A cached version of `matchRoutes`, same answers: the routes of each match are the caller's own objects. */
export function cachedMatchRoutes(matchRoutes: MatchRoutes, maxPaths = MAX_PATHS): MatchRoutes {
  // Remix and React Router build new route arrays per request from the same manifest: a tree is
  // known by its shape, and a cached match names its routes by id.
  const trees = new WeakMap<RouteLike[], Tree | null>();
  const cache = new Map<string, { id: string; params: Record<string, string | undefined>; pathname: string; pathnameBase: string }[] | null>();

  const treeOf = (routes: RouteLike[]): Tree | null => {
    let tree = trees.get(routes);
    if (tree !== undefined) return tree;
    const parts: string[] = [];
    const byId = new Map<string, RouteLike>();
    let complete = true;
    const walk = (list: RouteLike[]) => {
      parts.push("[");
      for (const route of list) {
        if (route.id === undefined || byId.has(route.id)) complete = false;
        else byId.set(route.id, route);
        parts.push(`${route.id}\u0001${route.path ?? ""}\u0001${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}`);
        if (route.children?.length) walk(route.children);
      }
      parts.push("]");
    };
    walk(routes);
    // Routes without a unique id cannot be named in a cached match: such a tree is matched afresh.
    tree = complete ? { shape: parts.join("\u0002"), byId } : null;
    trees.set(routes, tree);
    return tree;
  };

  return <R extends RouteLike>(routes: R[], location: string | { pathname?: string }, basename = "/"): MatchLike<R>[] | null => {
    const tree = treeOf(routes);
    const pathname = typeof location === "string" ? location.split(/[?#]/)[0]! : location.pathname;
    if (!tree || pathname === undefined) return matchRoutes(routes, location, basename);
    const key = `${tree.shape}\u0000${basename}\u0000${pathname}`;
    let cached = cache.get(key);
    if (cached === undefined) {
      const matches = matchRoutes(routes, location, basename);
      cached = matches && matches.map((m) => ({ id: m.route.id!, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase }));
      if (cache.size >= maxPaths) cache.delete(cache.keys().next().value!);
    } else {
      cache.delete(key);
    }
    cache.set(key, cached);
    // Fresh objects per call: a caller may change what it was given.
    return cached && cached.map((m) => ({ params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase, route: tree.byId.get(m.id) as R }));
  };
}

let installed = false;
/** Replaces @remix-run/router's `matchRoutes` export with the cached one (once per process). */
export function installRouteMatchCache(): void {
  if (installed) return;
  installed = true;
  // The CommonJS instance the Remix server runtime and React Router load (Node's "main" entry).
  const router = routerModule();
  router.matchRoutes = Object.assign(cachedMatchRoutes(router.matchRoutes), { uncached: router.matchRoutes });
}

/** @remix-run/router's CommonJS module: its `matchRoutes` is the cached one once installed (`uncached` is the original). */
export function routerModule(): { matchRoutes: MatchRoutes & { uncached?: MatchRoutes } } {
  return createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes & { uncached?: MatchRoutes } };
}
