/**
 * The diff as text for a terminal, Markdown for a pull-request comment, or
 * JSON for tools. Secret values are never in any of them: the field changes
 * carry none (see `field-changes.ts`).
 */
import type { FieldChange } from "./field-changes.ts";
import type { ClusterDiff, ObjectChange } from "./diff-trees.ts";
import { describeEntry } from "./tree-objects.ts";

/** A whole diff: the base it compares with, and each cluster's changes. */
export interface ProjectDiff {
  /** The base revision, as given, and the commit it resolved to. */
  readonly base: { readonly ref: string; readonly commit: string };
  /** What is compared with the base. */
  readonly head: string;
  /** Per-cluster diffs, in cluster-name order. */
  readonly clusters: readonly ClusterDiff[];
}

/** The hidden marker the CI step finds its own pull-request comment by. */
export const COMMENT_MARKER = "<!-- typed-gitops-diff -->";

/** Colour functions for the text format (identity functions for none). */
export interface DiffColours {
  readonly added: (text: string) => string;
  readonly removed: (text: string) => string;
  readonly changed: (text: string) => string;
  readonly dim: (text: string) => string;
}

const NO_COLOURS: DiffColours = { added: (text) => text, removed: (text) => text, changed: (text) => text, dim: (text) => text };

/** At most this many field changes are listed per object in Markdown. */
const MAX_FIELDS_MARKDOWN = 25;
/** GitHub rejects comments over 65,536 characters; the Markdown stops before. */
const MAX_MARKDOWN = 60_000;

/** What happened to a secret field, without its value: `encrypted value changed`. */
function secretPhrase(field: FieldChange): string {
  if (field.path === "sops") return field.change === "changed" ? "re-encrypted (new data key, MAC and date)" : `encryption metadata ${field.change}`;
  return `${field.secret === "encrypted" ? "encrypted value" : "value (not shown)"} ${field.change}`;
}

/** One field change as text: `spec.replicas: 2 → 3`. */
export function describeField(field: FieldChange): string {
  if (field.secret !== undefined) return `${field.path}: ${secretPhrase(field)}`;
  if (field.change === "added") return `${field.path}: added ${field.after}`;
  if (field.change === "removed") return `${field.path}: removed (was ${field.before})`;
  return `${field.path}: ${field.before} → ${field.after}`;
}

/** The counts of a cluster as a phrase: `1 added, 2 changed, 1 moved`. */
export function summaryPhrase(diff: ClusterDiff): string {
  const parts = (["added", "removed", "changed", "moved"] as const).filter((change) => diff.summary[change] > 0).map((change) => `${diff.summary[change]} ${change}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}

function clusterTitle(diff: ClusterDiff): string {
  if (diff.status === "added") return `${diff.cluster} (new cluster)`;
  if (diff.status === "removed") return `${diff.cluster} (cluster removed)`;
  return diff.cluster;
}

const SIGNS: Readonly<Record<ObjectChange["change"], string>> = { added: "+", removed: "-", changed: "~", moved: ">" };

/** The text format. */
export function formatText(diff: ProjectDiff, colours: DiffColours = NO_COLOURS): string {
  let out = `diff ${diff.base.ref} (${diff.base.commit.slice(0, 12)}) → ${diff.head}\n`;
  for (const cluster of diff.clusters) {
    out += `\n${clusterTitle(cluster)}: ${summaryPhrase(cluster)}\n`;
    for (const object of cluster.objects) {
      const colour = object.change === "added" ? colours.added : object.change === "removed" ? colours.removed : colours.changed;
      const where = object.change === "moved" ? `${object.from} → ${object.path}` : object.path;
      out += `  ${colour(`${SIGNS[object.change]} ${describeEntry(object)}`)}  ${colours.dim(where)}\n`;
      for (const field of object.fields) out += `      ${describeField(field)}\n`;
    }
  }
  return out;
}

function inlineCode(text: string): string {
  const safe = text.replaceAll("|", "\\|");
  return safe.includes("`") ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

function markdownField(field: FieldChange): string {
  const path = inlineCode(field.path);
  if (field.secret !== undefined) return `${path}: ${secretPhrase(field)}`;
  if (field.change === "added") return `${path}: added ${inlineCode(field.after ?? "")}`;
  if (field.change === "removed") return `${path}: removed (was ${inlineCode(field.before ?? "")})`;
  return `${path}: ${inlineCode(field.before ?? "")} → ${inlineCode(field.after ?? "")}`;
}

const ICONS: Readonly<Record<ObjectChange["change"], string>> = { added: "➕ added", removed: "➖ removed", changed: "✏️ changed", moved: "🚚 moved" };

/** The Markdown format, for a pull-request comment. */
export function formatMarkdown(diff: ProjectDiff): string {
  const changed = diff.clusters.filter((cluster) => cluster.objects.length > 0 || cluster.status === "added" || cluster.status === "removed");
  let out = `${COMMENT_MARKER}\n### typed-gitops diff\n\nWhat this change does to the rendered trees, object by object: ${inlineCode(diff.base.ref)} (${diff.base.commit.slice(0, 12)}) → ${diff.head}. Secret values are never shown.\n\n`;
  out += "| cluster | added | removed | changed | moved |\n|---|---|---|---|---|\n";
  for (const cluster of diff.clusters) {
    out += `| ${clusterTitle(cluster)} | ${cluster.summary.added} | ${cluster.summary.removed} | ${cluster.summary.changed} | ${cluster.summary.moved} |\n`;
  }
  if (changed.length === 0) return `${out}\nNo object changes in any cluster.\n`;
  for (const cluster of changed) {
    let section = `\n<details${changed.length === 1 ? " open" : ""}>\n<summary><b>${clusterTitle(cluster)}</b>: ${summaryPhrase(cluster)}</summary>\n\n`;
    section += "| | object | file | changes |\n|---|---|---|---|\n";
    for (const object of cluster.objects) {
      const file = object.change === "moved" ? `${inlineCode(object.from ?? "")} → ${inlineCode(object.path)}` : inlineCode(object.path);
      const fields = object.fields.slice(0, MAX_FIELDS_MARKDOWN).map(markdownField);
      if (object.fields.length > MAX_FIELDS_MARKDOWN) fields.push(`… and ${object.fields.length - MAX_FIELDS_MARKDOWN} more`);
      section += `| ${ICONS[object.change]} | ${inlineCode(describeEntry(object))} | ${file} | ${fields.join("<br>")} |\n`;
    }
    section += "\n</details>\n";
    if (out.length + section.length > MAX_MARKDOWN) {
      out += "\n… the rest is cut to fit a comment: run `pnpm diff` locally for the whole diff.\n";
      return out;
    }
    out += section;
  }
  return out;
}

/** The JSON format. */
export function formatJson(diff: ProjectDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
