// The baseline for bench/intake-submit.ts: a bare node:http server that does
// the same work as the app's final submit (find the draft by its cookie,
// validate every answer, insert the lead with its goals and channels, write the
// two emails), with no Express, no Remix, no middleware.
import http from "node:http";
import { findDraftByBrowserKey } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { intakeCookie } from "~/utils/intake-cookie.server";
import { dbReady } from "~/utils/db.server";

await dbReady();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const key: unknown = await intakeCookie.parse(req.headers.cookie ?? null);
      const draft = typeof key === "string" ? await findDraftByBrowserKey(key) : null;
      if (!draft) {
        res.writeHead(404).end();
        return;
      }
      const outcome = await submitIntake({ id: draft.id, answers: draft.answers }, "it");
      res.writeHead(302, { Location: outcome.ok ? `/it/p/${outcome.token}?received=1` : `/it/intake/${outcome.step}` }).end();
    } catch (error) {
      console.error(error);
      res.writeHead(500).end();
    }
  });
});
server.listen(Number(process.env.PORT), () => console.log("bare server listening"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
