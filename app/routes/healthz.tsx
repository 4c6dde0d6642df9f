import { checkDb } from "~/utils/db.server";

/** Liveness and readiness: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const database = await checkDb();
  return Response.json(
    { status: database ? "ok" : "error", database: database ? "ok" : "unreachable" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
