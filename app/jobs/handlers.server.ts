// What each kind of job does. Handlers are idempotent: a job runs at least
// once, and again after a crash mid-run.
import { z } from "zod";
import { notifyNewLead, sendIntakeReceived } from "~/models/intake-submit.server";
import { locales } from "~/i18n/i18n";
import type { RunnableJob } from "./jobs.server";

const IntakeReceived = z.object({ leadId: z.string(), locale: z.enum(locales), expectedBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), autoSend: z.boolean() });
const NewLead = z.object({ leadId: z.string() });

export async function handleJob(job: RunnableJob): Promise<void> {
  switch (job.kind) {
    case "intake_received":
      return sendIntakeReceived(IntakeReceived.parse(job.payload), job.key);
    case "new_lead":
      return notifyNewLead(NewLead.parse(job.payload), job.key);
  }
}
