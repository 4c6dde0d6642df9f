import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getEnv } from "./utils/env.server";
import "./utils/load-context";
import { logger } from "./utils/logger.server";
import { NonceContext } from "./utils/nonce";

// Validate the environment as soon as the server build is loaded: a bad
// variable stops the start with a message naming it.
getEnv();

export { disconnectDb, dbReady } from "./utils/db.server";
// resetEnvForTests: integration test files share one compiled build (tests/integration/server-app.ts).
export { getEnv, resetEnvForTests } from "./utils/env.server";
export { closePdfPool } from "./pdf/pool.server";
export { warmPdfWorkers } from "./pdf/warm.server";
export { purgeExpiredDrafts } from "./models/intake-draft.server";
export { purgeExpiredSessions } from "./utils/session.server";
export { closeEmailTransports } from "./utils/email.server";
export { purgeFinishedJobs, startJobRunner, stopJobRunner } from "./jobs/runner.server";
export { hourSlot, purgeScheduledRuns, runScheduled } from "./jobs/scheduled.server";
export { stripeMode } from "./utils/stripe.server";

// Single Fetch: how long streamed promises may stay pending.
export const streamTimeout = 5_000;

/**
 * Every error Remix catches (a loader, action or render that threw): logged
 * with the request id, through the request's logger when server/app.ts gave
 * one (its lines carry `req.id`). What the person sees is the error boundary,
 * never a stack trace.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const { log, requestId } = fromServer(context);
  log.error({ err: error, requestId, url: request.url, method: request.method }, "unhandled error");
};

/**
 * What server/app.ts put in the load context: the request's own logger, its id
 * and CSP nonce; the app's logger and nothing else when the handler is called
 * without it (tests calling the build directly).
 */
function fromServer(context: Partial<AppLoadContext> | undefined) {
  return { log: context?.logger ?? logger, requestId: context?.requestId, nonce: context?.cspNonce };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // Every script this render writes (Remix's, the streamed data, React's own) carries the nonce.
  const { log, requestId, nonce } = fromServer(loadContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Cleared once the page is written out (or failed): a finished render leaves no timer behind.
    const timer = setTimeout(() => abort(), streamTimeout + 1_000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const { body, stream } = joinedBody(() => clearTimeout(timer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error({ err: error, requestId }, "render error");
        },
      },
    );
  });
}

/**
 * Where React writes the page, and the stream Remix sends on. React writes a
 * page in many small pieces at once (hundreds for a form): they are joined
 * into one chunk per turn of the event loop, so the response, compression and
 * the socket see a few writes, not hundreds; what a later turn writes (a
 * Suspense boundary resolving) still goes out when it comes. `done` runs when
 * the page is complete or the stream fails. React's writes are small and few
 * (one page): they are buffered without back-pressure.
 */
function joinedBody(done: () => void): { body: Writable; stream: ReadableStream<Uint8Array> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let pending: Uint8Array[] = [];
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (closed || pending.length === 0) return;
    controller.enqueue(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
    pending = [];
  };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      closed = true;
      body.destroy();
    },
  });
  const body = new Writable({
    write(chunk: Uint8Array, _encoding, callback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      callback();
    },
    final(callback) {
      flush();
      if (!closed) {
        closed = true;
        controller.close();
      }
      done();
      callback();
    },
    destroy(error, callback) {
      if (!closed) {
        closed = true;
        if (error) controller.error(error);
        else controller.close();
      }
      done();
      callback(error);
    },
  });
  return { body, stream };
}
