// Counts the SQL statements a piece of server code sends: `prisma` stands for a
// client of the same database that reports every query (Prisma's query event),
// for as long as `fn` runs. A count, not a time: the same on every machine.
import { createDb, withDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  let counting = false;
  const db = createDb(getEnv().DATABASE_URL, { onQuery: (sql) => void (counting && queries.push(sql)) });
  try {
    const result = await withDb(db, async () => {
      counting = true; // after the client's own set-up (SQLite pragmas)
      try {
        return await fn();
      } finally {
        counting = false;
      }
    });
    return { result, queries };
  } finally {
    await db.$disconnect();
  }
}
