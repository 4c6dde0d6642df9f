// A round-robin HTTP proxy on loopback for the two-instance browser run: each
// request (not each connection: browsers keep theirs open) goes to the next
// instance in turn. Reads (GET, HEAD) and writes (POST) take turns separately,
// so two form posts in a row always land on different instances, however many
// reads come between them. node:http alone (under a hundred lines): the test
// needs nothing http-proxy adds (WebSockets, TLS, path rewriting).
//
// It adds what a real proxy in front of the app adds (X-Forwarded-For, -Proto,
// -Host; the app runs with TRUST_PROXY=1), marks each answer with the instance
// that gave it (X-Served-By), counts requests per instance, and answers
// GET /_proxy/stats itself with those counts, so the run can prove that both
// instances served pages, form posts and Stripe webhooks.
import http, { type IncomingMessage, type ServerResponse } from "node:http";

export interface Upstream {
  name: string;
  port: number;
}

export interface InstanceCounts {
  requests: number;
  posts: number;
  webhooks: number;
  /** Requests the instance did not answer (refused, reset, cut off), not those the browser dropped. */
  errors: number;
}

export const STATS_PATH = "/_proxy/stats";

// Hop-by-hop headers are the proxy's own business on each side (RFC 9110 7.6.1).
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "upgrade", "te", "trailer"];

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const copy: http.OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

export async function startRoundRobinProxy(port: number, upstreams: Upstream[]) {
  const agent = new http.Agent({ keepAlive: true });
  const counts = new Map(upstreams.map((u) => [u.name, { requests: 0, posts: 0, webhooks: 0, errors: 0 } satisfies InstanceCounts]));
  const turns = { reads: 0, writes: 0 };

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const kind = req.method === "GET" || req.method === "HEAD" ? "reads" : "writes";
    const upstream = upstreams[turns[kind]++ % upstreams.length]!;
    const count = counts.get(upstream.name)!;
    count.requests++;
    if (req.method === "POST") count.posts++;
    if (req.url?.startsWith("/stripe/webhook")) count.webhooks++;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port: upstream.port,
        method: req.method,
        path: req.url,
        agent,
        headers: { ...withoutHopByHop(req.headers), "x-forwarded-for": forwardedFor, "x-forwarded-proto": "http", "x-forwarded-host": req.headers.host ?? "" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers), "x-served-by": upstream.name });
        answer.pipe(res);
      },
    );
    // A browser that gives up on a request (a navigation replacing a fetch) closes it
    // here first: the upstream request is then dropped, which is not the instance's fault.
    let dropped = false;
    outgoing.on("error", (error) => {
      if (dropped) return;
      count.errors++;
      console.error(`[proxy] ${req.method} ${req.url} → ${upstream.name}: ${error.message}`);
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`proxy: ${upstream.name} did not answer (${error.message})`);
      else res.destroy(error);
    });
    res.on("close", () => {
      if (res.writableFinished) return;
      dropped = true;
      outgoing.destroy();
    });
    req.pipe(outgoing);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === STATS_PATH) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(Object.fromEntries(counts)));
      return;
    }
    forward(req, res);
  };
  // Loopback only, both families: the tests' http://localhost may resolve to either.
  const servers: http.Server[] = [];
  for (const host of ["127.0.0.1", "::1"]) {
    const server = http.createServer(handle);
    server.keepAliveTimeout = 65_000;
    const listening = await new Promise<boolean>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => (host === "::1" && error.code === "EADDRNOTAVAIL" ? resolve(false) : reject(error)));
      server.listen(port, host, () => resolve(true));
    });
    if (listening) servers.push(server);
  }
  return {
    counts: () => Object.fromEntries(counts) as Record<string, InstanceCounts>,
    close: async () => {
      const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const server of servers) server.closeAllConnections();
      agent.destroy();
      await Promise.all(closed);
    },
  };
}
