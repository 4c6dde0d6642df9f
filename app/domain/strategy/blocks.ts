// Block-level editing: every sentence of a resolved proposal view (a
// recommendation, a reason, a KPI line, a rule…) is a block with a stable path.
// The owner's edit of a block keeps the generated text it replaced ("base"), so
// after the answers, settings or rules change the editor can say which edited
// blocks the rules would now write differently. Tables, headings, figures and
// prices are not blocks: prices have their own per-proposal edits.
import type { PartId } from "./model";
import type { ProposalView } from "./view";

export interface BlockEdit {
  /** The owner's text. */
  text: string;
  /** The generated text when the owner edited it. */
  base: string;
}
export type BlockEdits = Record<string, BlockEdit>;

export interface Block {
  path: string;
  part: PartId;
  text: string;
}

/** View keys whose part is a proposal part, in reading order. */
const partOf: Record<string, PartId> = {
  summary: "summary",
  situation: "situation",
  audience: "audience",
  objectives: "objectives",
  channels: "channels",
  content: "content",
  community: "community",
  crisis: "crisis",
  roles: "roles",
  measurement: "measurement",
  roadmap: "roadmap",
  workflow: "workflow",
  investment: "investment",
  terms: "terms",
  nextSteps: "nextSteps",
};

/** Single strings that are sentences. */
const textKeys = new Set(["text", "tone", "business", "outside", "description", "actions", "note"]);
/** Lists of strings that are sentences. */
const listKeys = new Set([
  "reasons",
  "observations",
  "points",
  "kpis",
  "items",
  "languages",
  "story",
  "escalation",
  "authorities",
  "fakeNews",
  "holding",
  "legend",
  "terms",
  "nextSteps",
  "includes",
  "gaps",
  "pillars",
  "sources",
  "cadence",
  "rules",
]);
/** Rows of these lists are named by a field instead of their position, so an edit follows its row when rows move. */
const rowKey: Record<string, string> = { channels: "channel", objectives: "goal", packages: "id", addOns: "id", byChannel: "channel", personas: "name" };

type Visit = (path: string, key: string, value: string, parentKey: string) => void;

function walk(value: unknown, path: string, key: string, parentKey: string, visit: Visit) {
  if (typeof value === "string") {
    visit(path, key, value, parentKey);
    return;
  }
  if (Array.isArray(value)) {
    const by = rowKey[key];
    value.forEach((item, i) => {
      const name = by && item && typeof item === "object" && typeof (item as Record<string, unknown>)[by] === "string" ? String((item as Record<string, unknown>)[by]) : String(i);
      walk(item, `${path}.${name}`, String(i), key, visit);
    });
    return;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, k, key, visit);
  }
}

const editable = (key: string, parentKey: string, value: string) => value.trim() !== "" && value !== "—" && (textKeys.has(key) || (/^\d+$/.test(key) && listKeys.has(parentKey)));

/** Every editable sentence of a view, part by part in reading order. */
export function listBlocks(view: ProposalView): Block[] {
  const out: Block[] = [];
  for (const [key, part] of Object.entries(partOf)) {
    walk((view as unknown as Record<string, unknown>)[key], key, key, "", (path, k, value, parentKey) => {
      if (editable(k, parentKey, value)) out.push({ path, part, text: value });
    });
  }
  return out;
}

/** The view with the owner's block edits in place; edits whose block no longer exists are left out. */
export function applyBlockEdits(view: ProposalView, edits: BlockEdits): ProposalView {
  if (!Object.keys(edits).length) return view;
  const copy = structuredClone(view) as unknown as Record<string, unknown>;
  const setAt = (root: Record<string, unknown>, path: string, text: string) => {
    // Paths name rows by their key; find the same row again to replace its string.
    const parts = path.split(".");
    let node: unknown = root;
    for (let i = 0; i < parts.length - 1; i++) node = step(node, parts[i]!, i === 0 ? "" : parts[i - 1]!);
    const last = parts[parts.length - 1]!;
    if (Array.isArray(node)) {
      const index = Number(last);
      if (Number.isInteger(index) && typeof node[index] === "string") node[index] = text;
    } else if (node && typeof node === "object" && typeof (node as Record<string, unknown>)[last] === "string") (node as Record<string, unknown>)[last] = text;
  };
  const step = (node: unknown, name: string, parentName: string): unknown => {
    if (Array.isArray(node)) {
      const by = rowKey[parentName];
      if (by) {
        const found = node.find((item) => item && typeof item === "object" && String((item as Record<string, unknown>)[by]) === name);
        if (found) return found;
      }
      return node[Number(name)];
    }
    return node && typeof node === "object" ? (node as Record<string, unknown>)[name] : undefined;
  };
  const known = new Set(listBlocks(view).map((b) => b.path));
  for (const [path, edit] of Object.entries(edits)) if (known.has(path)) setAt(copy, path, edit.text);
  return copy as unknown as ProposalView;
}

export interface EditedBlock {
  path: string;
  part: PartId | null;
  text: string;
  base: string;
  /** What the rules write there now (null: the block no longer exists). */
  generated: string | null;
  /** The rules would now write something other than what the owner replaced. */
  outdated: boolean;
}

/** The owner's edits against what the rules generate now. */
export function editedBlocks(generated: ProposalView, edits: BlockEdits): EditedBlock[] {
  const now = new Map(listBlocks(generated).map((b) => [b.path, b]));
  return Object.entries(edits).map(([path, edit]) => {
    const block = now.get(path);
    return { path, part: block?.part ?? null, text: edit.text, base: edit.base, generated: block?.text ?? null, outdated: !block || block.text !== edit.base };
  });
}
