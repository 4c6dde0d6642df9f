// Sentence by sentence: the owner (or a member) rewrites any single block of the
// working proposal in the lead's language, sees which blocks they changed and
// which the current rules would now write differently, and can reset one.
// Each block is its own small form: works without JavaScript.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FieldError, translateError } from "~/components/field";
import { editedBlocks, listBlocks } from "~/domain/strategy/blocks";
import type { PartId } from "~/domain/strategy/model";
import { quote } from "~/domain/strategy/resolve";
import { getWorkingProposal, leadLocale, saveBlockEdit } from "~/models/proposal.server";
import { requireUser } from "~/utils/auth.server";
import { requireLocaleParam } from "~/utils/locale.server";
import { useLocale } from "~/utils/locale";

async function load(leadId: string) {
  const language = await leadLocale(leadId);
  if (!language) throw new Response("Not Found", { status: 404 });
  const working = await getWorkingProposal(leadId, language);
  if (!working?.generated || !working.view) throw new Response("Not Found", { status: 404 });
  return { language, working, generated: working.generated };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  await requireUser(request, locale);
  const { language, working, generated } = await load(params.leadId ?? "");
  const edits = working.blocks?.locale === language ? working.blocks.edits : {};
  const status = new Map(editedBlocks(generated, edits).map((e) => [e.path, e]));
  const blocks = listBlocks(generated).map((b, i) => {
    const edit = status.get(b.path);
    return { index: i, path: b.path, part: b.part, generated: b.text, text: edit?.text ?? b.text, edited: Boolean(edit), outdated: edit?.outdated ?? false, base: edit?.base ?? null };
  });
  const known = new Set(blocks.map((b) => b.path));
  const gone = [...status.values()].filter((e) => !known.has(e.path)).map((e) => ({ path: e.path, text: e.text }));
  const parts = Object.keys(generated.partTitles) as PartId[];
  return data(
    {
      lead: { id: working.lead.id, organisation: working.lead.organisation },
      language,
      languageName: new Intl.DisplayNames([locale === "it" ? "it-IT" : "en-GB"], { type: "language" }).of(language) ?? language,
      parts: parts.map((id) => ({ id, title: generated.partTitles[id], wholePartEdited: Boolean(working.edits[id]?.trim()), blocks: blocks.filter((b) => b.part === id) })),
      editedCount: status.size,
      outdatedCount: [...status.values()].filter((e) => e.outdated).length,
      gone,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const path = z.string().min(1).max(200);
/** Saving a block's text or resetting it to the generated one; messages are i18n keys. */
const BlockFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    path,
    // Empty (or only spaces) is told after the block is found: an unknown block comes first.
    text: z.string().trim().max(2000, "settings.review.blocks.tooLong").optional(),
  }),
  z.object({ intent: z.literal("reset"), path }),
]);

type BlockActionData = { path: string; result: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocaleParam(params.lang);
  const { user } = await requireUser(request, locale);
  const leadId = params.leadId ?? "";
  const { language, generated } = await load(leadId);
  const submission = parseWithZod(await request.formData(), { schema: BlockFormSchema });
  const refuse = (blockPath: string, message: string) =>
    data({ path: blockPath, result: submission.reply({ fieldErrors: { text: [message] } }) } satisfies BlockActionData, { status: 400 });
  if (submission.status !== "success") {
    const raw = submission.payload.path;
    return data(
      { path: typeof raw === "string" ? raw.slice(0, 200) : "", result: submission.error?.text ? submission.reply() : submission.reply({ fieldErrors: { text: ["settings.review.blocks.unknown"] } }) } satisfies BlockActionData,
      { status: 400 },
    );
  }
  const form = submission.value;
  const blocks = listBlocks(generated);
  const index = blocks.findIndex((b) => b.path === form.path);
  const block = blocks[index];
  // A reset of an edit whose block is gone still removes it; anything else needs the block.
  if (!block && form.intent === "save") return refuse(form.path, "settings.review.blocks.unknown");
  if (form.intent === "save" && !form.text) return refuse(form.path, "settings.review.blocks.empty");
  const same = form.intent === "save" && block && form.text === block.text;
  await saveBlockEdit(leadId, user.id, language, form.path, form.intent === "save" && block && form.text && !same ? { text: form.text, base: block.text } : null);
  const done = form.intent === "save" && !same ? "saved" : "reset";
  throw redirect(`/${locale}/owner/proposals/${leadId}/blocks?${done}=1${index >= 0 ? `#block-${index}` : ""}`);
}

export default function ProposalBlocks() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle";
  const q = (text: string) => quote(text, data.language);
  return (
    <main id="main" className="page narrow stacked">
      <p>
        <Link to={`/${locale}/owner/proposals/${data.lead.id}`}>{t("settings.review.blocks.back")}</Link>
      </p>
      <h1>{t("settings.review.blocks.title", { organisation: data.lead.organisation })}</h1>
      <p className="lead">{t("settings.review.blocks.intro", { language: data.languageName })}</p>
      {params.get("saved") ? (
        <p className="notice" role="status">
          {t("settings.review.blocks.saved")}
        </p>
      ) : null}
      {params.get("reset") ? (
        <p className="notice" role="status">
          {t("settings.review.blocks.resetDone")}
        </p>
      ) : null}
      <section className="card" aria-live="polite">
        <p>{data.editedCount ? t("settings.review.blocks.edited", { count: data.editedCount }) : t("settings.review.blocks.noneEdited")}</p>
        {data.outdatedCount ? <p className="warning">{t("settings.review.blocks.outdated", { count: data.outdatedCount })}</p> : null}
        {data.parts.some((p) => p.blocks.some((b) => b.edited)) ? (
          <ul>
            {data.parts.flatMap((p) =>
              p.blocks
                .filter((b) => b.edited)
                .map((b) => (
                  <li key={b.path}>
                    <a href={`#block-${b.index}`}>{t("settings.review.blocks.label", { part: p.title, n: p.blocks.indexOf(b) + 1 })}</a>
                    {b.outdated ? ` — ${t("settings.review.blocks.editedBadge")} ⚠` : ""}
                  </li>
                )),
            )}
          </ul>
        ) : null}
        {data.gone.map((g) => (
          <Form method="post" key={g.path} className="block-gone">
            <p className="warning">
              {t("settings.review.blocks.gone")} {q(g.text)}
            </p>
            <input type="hidden" name="path" value={g.path} />
            <button type="submit" name="intent" value="reset" className="button" disabled={busy}>
              {t("settings.review.blocks.reset")}
            </button>
          </Form>
        ))}
      </section>
      {data.parts.map((part) => (
        <section key={part.id} className="card stacked" aria-labelledby={`part-${part.id}`}>
          <h2 id={`part-${part.id}`}>{part.title}</h2>
          {part.wholePartEdited ? <p className="warning">{t("settings.review.blocks.partEdited")}</p> : null}
          <ol className="blocks">
            {part.blocks.map((b, n) => (
              <Block key={`${b.path}:${b.text}`} block={b} label={t("settings.review.blocks.label", { part: part.title, n: n + 1 })} language={data.language} busy={busy} />
            ))}
          </ol>
        </section>
      ))}
    </main>
  );
}

interface BlockRow {
  index: number;
  path: string;
  generated: string;
  text: string;
  edited: boolean;
  outdated: boolean;
  base: string | null;
}

/** One block's own small form: its text, saved or reset on its own. */
function Block({ block: b, label, language, busy }: { block: BlockRow; label: string; language: "it" | "en"; busy: boolean }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const id = `block-${b.index}`;
  const [form, fields] = useForm({
    id: `${id}-form`,
    lastResult: navigation.state === "idle" && actionData?.path === b.path ? actionData.result : undefined,
    defaultValue: { path: b.path, text: b.text },
    constraint: getZodConstraint(BlockFormSchema),
  });
  const error = translateError(t, fields.text.errors?.[0]);
  const hints = [b.edited && b.base !== null ? `${id}-was` : null, b.outdated ? `${id}-now` : null].filter(Boolean).join(" ") || undefined;
  const q = (text: string) => quote(text, language);
  return (
    <li id={id} className={b.edited ? "block edited" : "block"}>
      <Form method="post" preventScrollReset className="form" {...getFormProps(form)}>
        <input type="hidden" name="path" value={b.path} />
        <label htmlFor={fields.text.id}>
          {label}
          {b.edited ? <span className="badge">{t("settings.review.blocks.editedBadge")}</span> : null}
        </label>
        <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: hints })} key={fields.text.key} rows={Math.min(6, Math.max(2, Math.ceil(b.text.length / 90)))} />
        {b.edited && b.base !== null ? (
          <p className="hint" id={`${id}-was`}>
            {t("settings.review.blocks.generatedWas", { text: q(b.base) })}
          </p>
        ) : null}
        {b.outdated ? (
          <p className="warning" id={`${id}-now`}>
            {t("settings.review.blocks.generatedNow", { text: q(b.generated) })}
          </p>
        ) : null}
        <FieldError id={fields.text.errorId} message={error} />
        <div className="step-actions">
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {t("settings.review.blocks.save")}
          </button>
          {b.edited ? (
            <button type="submit" name="intent" value="reset" className="button" disabled={busy}>
              {t("settings.review.blocks.reset")}
            </button>
          ) : null}
        </div>
      </Form>
    </li>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
