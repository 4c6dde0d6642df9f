// Every row in the database against the data model's rules, read from
// prisma/schema.prisma itself so a new model or column is checked too:
// - text columns hold no control characters (C0/C1 but tab, line feed and
//   carriage return, which server/forms.js keeps) and no lone surrogates;
// - columns whose schema comment lists their values (`// owner | member`) hold one of them;
// - declared relations point at an existing row, and so do the references the
//   schema keeps without a relation (SOFT_REFERENCES);
// - JSON text columns parse, email columns hold a normalised valid address,
//   locales and questionnaire steps are ones the app knows.
// Used after hostile traffic (tests/integration/fuzz.test.ts): `problems()` lists what is broken.
import { readFileSync } from "node:fs";
import { stepIds } from "~/domain/intake/definition";
import { emailSchema } from "~/domain/intake/schema";
import { prisma } from "~/utils/db.server";

interface Field {
  name: string;
  type: string;
  optional: boolean;
  /** Values listed in the field's comment (`// a | b | c`, on its line or the line above). */
  values: string[] | null;
  /** For a relation field: our column and the model and column it references. */
  relation: { from: string; model: string; to: string } | null;
}

export interface Model {
  name: string;
  fields: Field[];
}

const ALTERNATIVES = /\/\/\s*([a-z_]+(?:\s*\|\s*[a-z_]+)+)\s*$/;

/** The models of prisma/schema.prisma, with their scalar and relation fields. */
export function readModels(schemaPath = "prisma/schema.prisma"): Model[] {
  const models: Model[] = [];
  let current: Model | null = null;
  let previousComment: string | null = null;
  for (const line of readFileSync(schemaPath, "utf8").split("\n")) {
    const trimmed = line.trim();
    const start = /^model (\w+) \{/.exec(trimmed);
    if (start) {
      current = { name: start[1]!, fields: [] };
      models.push(current);
      continue;
    }
    if (!current) continue;
    if (trimmed === "}") {
      current = null;
      continue;
    }
    if (trimmed.startsWith("//")) {
      previousComment = trimmed;
      continue;
    }
    const field = /^(\w+)\s+(\w+)(\[\])?(\?)?/.exec(trimmed);
    if (field && !trimmed.startsWith("@@")) {
      const alternatives = ALTERNATIVES.exec(trimmed) ?? (previousComment ? ALTERNATIVES.exec(previousComment) : null);
      const relation = /@relation\([^)]*fields:\s*\[(\w+)\][^)]*references:\s*\[(\w+)\]/.exec(trimmed);
      current.fields.push({
        name: field[1]!,
        type: field[3] ? `${field[2]}[]` : field[2]!,
        optional: Boolean(field[4]),
        values: alternatives ? alternatives[1]!.split("|").map((v) => v.trim()) : null,
        relation: relation ? { from: relation[1]!, model: field[2]!, to: relation[2]! } : null,
      });
    }
    previousComment = null;
  }
  return models;
}

/** References the schema keeps as plain columns (no relation), and the model and column they name. */
const SOFT_REFERENCES: Record<string, Record<string, [string, string]>> = {
  AuditLog: { leadId: ["Lead", "id"], actorId: ["User", "id"] },
  IntakeDraft: { submittedLeadId: ["Lead", "id"] },
  Acceptance: { leadId: ["Lead", "id"], proposalVersionId: ["ProposalVersion", "id"] },
  Payment: { leadId: ["Lead", "id"], acceptanceId: ["Acceptance", "id"] },
  Client: { leadId: ["Lead", "id"] },
  Invite: { invitedById: ["User", "id"] },
  EmailMessage: { leadId: ["Lead", "id"] },
  ProposalVersion: { sentById: ["User", "id"] },
};

/** Columns holding JSON text. */
const JSON_COLUMNS: Record<string, string[]> = {
  AuditLog: ["data"],
  Settings: ["data"],
  Proposal: ["textEdits", "priceEdits"],
  ProposalVersion: ["snapshot", "view"],
  Lead: ["answers"],
  IntakeDraft: ["answers"],
  Profile: ["audience"],
  Acceptance: ["addOnIds"],
};

/** Columns holding an email address (normalised: trimmed, lower case). */
const EMAIL_COLUMNS: Record<string, string[]> = {
  User: ["email"],
  Invite: ["email"],
  Lead: ["email"],
  IntakeDraft: ["email"],
  EmailMessage: ["to"],
};

const locales = ["it", "en"];
const CHOICES: Record<string, Record<string, readonly string[]>> = {
  Lead: { locale: locales },
  IntakeDraft: { locale: locales, currentStep: stepIds },
  EmailMessage: { locale: locales },
  ProposalVersion: { locale: locales },
  User: { locale: locales },
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const delegate = (model: string) => (prisma as unknown as Record<string, { findMany: () => Promise<Record<string, unknown>[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Every row of every model, by model, in a stable order: to compare before and after. */
export async function snapshot(models: Model[] = readModels()): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const model of models) {
    const rows = await delegate(model.name).findMany();
    all[model.name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return all;
}

/** Every broken rule in the database, as `Model.column (row id): what`; empty when all rows follow the schema. */
export async function problems(models: Model[] = readModels()): Promise<string[]> {
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const model of models) rows.set(model.name, await delegate(model.name).findMany());
  const idSets = new Map<string, Set<unknown>>();
  const ids = (model: string, column: string) => {
    const name = `${model}.${column}`;
    if (!idSets.has(name)) idSets.set(name, new Set((rows.get(model) ?? []).map((r) => r[column])));
    return idSets.get(name)!;
  };
  const found: string[] = [];
  for (const model of models) {
    const key = model.fields.find((f) => f.name === "id") ? "id" : model.fields[0]!.name;
    for (const row of rows.get(model.name)!) {
      const where = (column: string, what: string) => found.push(`${model.name}.${column} (${describe(row[key])}): ${what}`);
      for (const field of model.fields) {
        const value = row[field.name];
        if (field.type === "String" && typeof value === "string") {
          if (CONTROL.test(value)) where(field.name, `control character in ${describe(value)}`);
          if (LONE_SURROGATE.test(value)) where(field.name, `lone surrogate in ${describe(value)}`);
          if (field.values && !field.values.includes(value)) where(field.name, `${describe(value)} is not one of ${field.values.join(" | ")}`);
          const choices = CHOICES[model.name]?.[field.name];
          if (choices && !choices.includes(value)) where(field.name, `${describe(value)} is not one of ${choices.join(" | ")}`);
          if (JSON_COLUMNS[model.name]?.includes(field.name)) {
            try {
              JSON.parse(value);
            } catch {
              where(field.name, `not JSON: ${describe(value)}`);
            }
          }
          const erased = model.name === "Lead" && row.erasedAt && value.endsWith("@invalid");
          if (EMAIL_COLUMNS[model.name]?.includes(field.name) && !erased) {
            const parsed = emailSchema.safeParse(value);
            if (!parsed.success || parsed.data !== value) where(field.name, `not a normalised email address: ${describe(value)}`);
          }
        }
        if ((field.type === "Int" || field.type === "Float") && typeof value === "number" && (!Number.isFinite(value) || value < 0)) {
          where(field.name, `negative or not finite: ${value}`);
        }
        if (value instanceof Date && Number.isNaN(value.getTime())) where(field.name, "invalid date");
      }
      const references = [
        ...model.fields.flatMap((f) => (f.relation ? [[f.relation.from, f.relation.model, f.relation.to] as const] : [])),
        ...Object.entries(SOFT_REFERENCES[model.name] ?? {}).map(([from, [target, to]]) => [from, target, to] as const),
      ];
      for (const [from, target, to] of references) {
        const value = row[from];
        if (value !== null && value !== undefined && !ids(target, to).has(value)) where(from, `references a missing ${target} ${describe(value)}`);
      }
    }
  }
  return found;
}
