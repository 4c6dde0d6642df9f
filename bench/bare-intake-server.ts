// The baseline for bench/intake-load.ts: a bare node:http server doing the
// database work of the app's questionnaire steps with the app's own model
// functions (find the draft by its cookie; on a step post create the draft,
// save the step and move the resume point, enqueue the resume link after the
// first step, submit on the review step; no job runner sends the emails), with no Express, no Remix, no
// middleware, no HTML: what is left of a step's time once the framework and
// the page are taken away.
import http from "node:http";
import { nextStep, pruneAnswers, stepFields, stepIds, type RawStep, type StepId } from "~/domain/intake/definition";
import { createDraft, findDraftByBrowserKey, saveStep } from "~/models/intake-draft.server";
import { requestResumeLink, submitIntake } from "~/models/intake-submit.server";
import { dbReady } from "~/utils/db.server";
import { intakeCookie } from "~/utils/intake-cookie.server";

function isStep(value: string): value is StepId {
  return (stepIds as readonly string[]).includes(value);
}

async function handle(req: http.IncomingMessage, body: string): Promise<{ status: number; headers?: Record<string, string | string[]> }> {
  const match = /^\/it\/intake\/(\w+)$/.exec(req.url ?? "");
  if (!match || !isStep(match[1]!)) return { status: 404 };
  const step = match[1];
  const key: unknown = await intakeCookie.parse(req.headers.cookie ?? null);
  let draft = typeof key === "string" ? await findDraftByBrowserKey(key) : null;
  if (req.method === "GET") return { status: draft || step === "about" ? 200 : 302 };
  if (req.method !== "POST") return { status: 405 };

  const headers: Record<string, string | string[]> = {};
  if (!draft) {
    if (step !== "about") return { status: 302, headers: { Location: "/it/intake/about" } };
    const created = await createDraft("it");
    draft = created.draft;
    headers["Set-Cookie"] = await intakeCookie.serialize(created.browserKey);
  }
  const form = new URLSearchParams(body);
  const raw: RawStep = {};
  for (const field of stepFields(step, draft.answers)) {
    const values = form.getAll(field.name);
    if (values.length > 0) raw[field.name] = field.kind === "checkboxes" ? values : values[0]!;
  }
  if (step === "review") {
    const saved = await saveStep(draft.id, draft.answers, step, raw, step);
    const outcome = await submitIntake({ id: draft.id, answers: saved }, "it");
    return { status: 302, headers: { ...headers, Location: outcome.ok ? `/it/p/${outcome.token}?received=1` : `/it/intake/${outcome.step}` } };
  }
  const goTo = nextStep(step, pruneAnswers({ ...draft.answers, [step]: raw }));
  await saveStep(draft.id, draft.answers, step, raw, goTo);
  if (step === "about" && !draft.resumeSentAt) await requestResumeLink(draft.id, { gapMs: null });
  return { status: 302, headers: { ...headers, Location: `/it/intake/${goTo}` } };
}

await dbReady();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    handle(req, Buffer.concat(chunks).toString("utf8")).then(
      ({ status, headers }) => res.writeHead(status, headers).end(),
      (error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      },
    );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
