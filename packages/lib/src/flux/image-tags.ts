/**
 * Image tags kept in a small YAML data file that Flux image automation
 * rewrites, so automated image updates and `pnpm gen` agree.
 *
 * The definitions never hard-code a tag that Flux bumps: they read it from
 * the data file (`clusters/<name>/images.yaml`), each tag carrying a Flux
 * setter marker. An ImageUpdateAutomation whose `update.path` is that file
 * rewrites the marked value in Git; the next `pnpm gen` renders the new tag,
 * and the drift check stays clean because the tree follows the file.
 *
 * The file's form:
 *
 * ```yaml
 * images:
 *   podinfo:
 *     image: ghcr.io/stefanprodan/podinfo
 *     tag: 6.9.2 # {"$imagepolicy": "flux-system:podinfo:tag"}
 *   redis: docker.io/library/redis:7.4.2 # {"$imagepolicy": "flux-system:redis"}
 * ```
 *
 * An entry is either `{ image, tag }`, its `tag` marked with
 * `<namespace>:<policy>:tag` (and its `image` optionally with
 * `<namespace>:<policy>:name`), or a whole `repository:tag` string marked
 * with `<namespace>:<policy>`. An entry without a marker is pinned by hand.
 * Keep the file to mappings and plain values, without `---`: the
 * controller re-serializes a file it changes, and that form comes back
 * byte for byte apart from the new tag.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Document, Node, LineCounter } from "yaml";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { UserError, type Problem } from "../errors/user-error.ts";
import { formatFieldPath } from "../props/parse-props.ts";
import { dns1123SubdomainProblem } from "../resource/names.ts";
import { imageRepositoryProblem } from "./image-repository.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/** One image: its repository and its tag. */
export interface ImageTag {
  /** The repository, without tag, e.g. `ghcr.io/stefanprodan/podinfo`. */
  readonly image: string;
  /** The tag, e.g. `6.9.2`. */
  readonly tag: string;
}

/** The images of a data file, by name, in the file's order. */
export type ImageTags = Readonly<Record<string, ImageTag>>;

/** The text of a Flux setter marker: `{"$imagepolicy": "<namespace>:<policy>[:tag|:name]"}`. */
export const IMAGE_POLICY_MARKER_KEY = "$imagepolicy";

/** A tag as the OCI distribution spec allows it. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Where each returned map came from, for the messages of {@link imageRef}. */
const SOURCE = Symbol("image-tags source");

const imageField = z.string({ error: (iss) => (iss.input === undefined ? "is required" : undefined) }).superRefine((image, ctx) => {
  const problem = imageRepositoryProblem(image);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

const tagField = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : undefined) })
  .regex(TAG, "is not an image tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'");

/** Splits `repository:tag`; a string without a tag is reported by the schema. */
function splitReference(reference: string, ctx: z.core.$RefinementCtx<unknown>): unknown {
  if (reference === "") {
    ctx.addIssue({ code: "custom", message: "is empty: give repository:tag, or { image, tag }" });
    return z.NEVER;
  }
  const slash = reference.lastIndexOf("/");
  const colon = reference.lastIndexOf(":");
  if (reference.includes("@")) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(reference)} has a digest: write repository:tag (digests are not supported here)` });
    return z.NEVER;
  }
  if (colon <= slash) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(reference)} has no tag: write repository:tag, or { image, tag }` });
    return z.NEVER;
  }
  return { image: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}

const entrySchema = z.preprocess(
  (value, ctx) => (typeof value === "string" ? splitReference(value, ctx) : value),
  z
    .object(
      {
        image: imageField,
        tag: tagField,
      },
      { error: (iss) => (iss.input === undefined || iss.input === "" ? "is empty: give repository:tag, or { image, tag }" : "expected repository:tag, or { image, tag }") },
    )
    .strict(),
);

/** The schema of an image tags file. */
export const imageTagsFileSchema = z
  .object(
    {
      images: z.record(
        z.string().superRefine((name, ctx) => {
          const problem = dns1123SubdomainProblem(name);
          if (problem !== undefined) ctx.addIssue({ code: "custom", message: `image name ${problem}` });
        }),
        entrySchema,
        { error: (iss) => (iss.code !== "invalid_type" ? undefined : iss.input === undefined ? "is required" : "expected a mapping of image names to entries") },
      ),
    },
    { error: "expected a mapping with the key images" },
  )
  .strict();

/** A parsed setter marker. */
interface Marker {
  readonly policy: string;
  readonly field: "" | "tag" | "name" | "digest";
}

/** Reads a marker from a comment, or returns a problem text, or `undefined` when the comment has none. */
function markerOf(comment: string | null | undefined): Marker | string | undefined {
  if (comment === undefined || comment === null || !comment.includes(IMAGE_POLICY_MARKER_KEY)) return undefined;
  let value: unknown;
  try {
    value = yaml().parse(comment);
  } catch {
    value = undefined;
  }
  const setter = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[IMAGE_POLICY_MARKER_KEY] : undefined;
  if (typeof setter !== "string") {
    return `the comment ${JSON.stringify(comment.trim())} is not a Flux marker: write # {"$imagepolicy": "<namespace>:<policy>"}`;
  }
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(:(tag|name|digest))?$/.exec(setter);
  if (match === null) {
    return `the marker names ${JSON.stringify(setter)}: expected "<namespace>:<policy>", optionally followed by ":tag" or ":name"`;
  }
  return { policy: `${match[1]}:${match[3]}`, field: (match[6] ?? "") as Marker["field"] };
}

/** The display form of `file`: as given, or relative to the working folder for a URL inside it. */
function displayPath(file: string | URL): string {
  if (typeof file === "string") return file;
  const path = fileURLToPath(file);
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** Finds the line of the key `key` in the mapping at `path`, or of the mapping. */
function keyLineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[], key: string): number | undefined {
  const mapping = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (yaml().isMap(mapping)) {
    const pair = mapping.items.find((item) => yaml().isScalar(item.key) && item.key.value === key);
    const range = pair !== undefined && yaml().isScalar(pair.key) ? pair.key.range : undefined;
    if (range !== undefined && range !== null) return lines.linePos(range[0]).line;
  }
  return lineOf(doc, lines, path);
}

/** Finds the line of the deepest node on `path` that exists. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    const range = (node as Node | undefined)?.range;
    if (range !== undefined && range !== null) return lines.linePos(range[0]).line;
  }
  return undefined;
}

/**
 * Checks that every marker is well formed and ends the line of a value it
 * can rewrite: a tag (`:tag`), an image (`:name`) or a repository:tag
 * (no suffix). Markers anywhere else are reported by line.
 */
function markerProblems(doc: Document, text: string, lines: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  const marked = new Set<number>();
  const check = (node: unknown, field: string, allowed: Marker["field"]) => {
    if (!yaml().isScalar(node) || node.range === undefined || node.range === null) return;
    const marker = markerOf(node.comment);
    if (marker === undefined) return;
    const line = lines.linePos(node.range[0]).line;
    marked.add(line);
    const where = `${file}:${line}: ${field}`;
    if (typeof marker === "string") {
      problems.push({ where, what: marker });
    } else if (marker.field !== allowed) {
      const writes = { "": "the whole repository:tag", tag: "only the tag", name: "only the repository", digest: "a digest reference" }[marker.field];
      const suggestion = `# {"${IMAGE_POLICY_MARKER_KEY}": "${marker.policy}${allowed === "" ? "" : `:${allowed}`}"}`;
      problems.push({ where, what: `the marker for ${marker.policy}${marker.field === "" ? "" : `:${marker.field}`} would write ${writes} here`, hint: `use ${suggestion}` });
    }
  };
  const images = doc.get("images", true);
  if (yaml().isMap(images)) {
    for (const pair of images.items) {
      const field = formatFieldPath("", ["images", yaml().isScalar(pair.key) ? String(pair.key.value) : ""]);
      if (yaml().isScalar(pair.value)) {
        check(pair.value, field, "");
      } else if (yaml().isMap(pair.value)) {
        check(pair.value.get("tag", true), `${field}.tag`, "tag");
        check(pair.value.get("image", true), `${field}.image`, "name");
      }
    }
  }
  text.split("\n").forEach((content, index) => {
    if (content.includes(IMAGE_POLICY_MARKER_KEY) && !marked.has(index + 1)) {
      problems.push({
        where: `${file}:${index + 1}`,
        what: "a marker must end the line of an image's tag, repository:tag or image",
        hint: 'write it after the value: tag: 1.2.3 # {"$imagepolicy": "<namespace>:<policy>:tag"}',
      });
    }
  });
  return problems;
}

/**
 * Parses the text of an image tags file (see the module comment for its form).
 *
 * @param file - the file's path, for messages.
 * @throws {UserError} for YAML errors, wrong fields, images with a tag or
 *   digest, tags that are not tags and misplaced or malformed markers, each
 *   as `file:line: field: what`.
 */
export function parseImageTags(text: string, file: string): ImageTags {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { schema: "failsafe", lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UserError(doc.errors.map((error) => ({ where: `${file}:${lines.linePos(error.pos[0]).line}`, what: error.message })));
  }
  const problems: Problem[] = [];
  const parsed = imageTagsFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const line = issue.code === "unrecognized_keys" ? keyLineOf(doc, lines, issue.path, issue.keys[0] ?? "") : lineOf(doc, lines, issue.path);
      const field = formatFieldPath("", issue.path);
      const where = `${file}${line === undefined ? "" : `:${line}`}${field === "" ? "" : `: ${field}`}`;
      if (issue.code === "unrecognized_keys") {
        problems.push({ where, what: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`, hint: "an entry is repository:tag or { image, tag }" });
      } else if (issue.code === "invalid_key") {
        problems.push({ where, what: issue.issues.map((inner) => inner.message).join("; ") });
      } else {
        problems.push({ where, what: issue.message });
      }
    }
  }
  problems.push(...markerProblems(doc, text, lines, file));
  if (problems.length > 0 || !parsed.success) throw new UserError(problems);
  const tags: Record<string, ImageTag> = {};
  for (const [name, entry] of Object.entries(parsed.data.images)) tags[name] = Object.freeze({ image: entry.image, tag: entry.tag });
  Object.defineProperty(tags, SOURCE, { value: file, enumerable: false });
  return Object.freeze(tags);
}

/**
 * Reads an image tags file: `clusters/<name>/images.yaml`, typically as
 * `new URL("./images.yaml", import.meta.url)` from the cluster's definition.
 * Only `.yaml` and `.yml` files: Flux rewrites no other, and JSON has no
 * comments to carry the markers.
 *
 * @returns the images by name, `{ image, tag }` each, in the file's order.
 * @throws {UserError} when the file cannot be read or is invalid (see {@link parseImageTags}).
 */
export function readImageTags(file: string | URL): ImageTags {
  const display = displayPath(file);
  if (!/\.ya?ml$/.test(display)) {
    throw new UserError({
      where: display,
      what: "image tags must be in a .yaml or .yml file",
      hint: "Flux image automation rewrites only YAML files, and JSON has no comments for the $imagepolicy markers",
    });
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError({ where: display, what: code === "ENOENT" ? "no such file" : `cannot be read: ${(error as Error).message}` });
  }
  return parseImageTags(text, display);
}

/** The edit distance of two short strings, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The reference `repository:tag` of the image `name`.
 *
 * @example
 * const images = readImageTags(new URL("./images.yaml", import.meta.url));
 * podinfo({ image: imageRef(images, "podinfo") }); // "ghcr.io/stefanprodan/podinfo:6.9.2"
 * @throws {UserError} when the file has no image `name`, with the closest name as a hint.
 */
export function imageRef(tags: ImageTags, name: string): string {
  const entry = Object.hasOwn(tags, name) ? tags[name] : undefined;
  if (entry !== undefined) return `${entry.image}:${entry.tag}`;
  const source = (tags as { [SOURCE]?: string })[SOURCE] ?? "image tags";
  const names = Object.keys(tags);
  const closest = names.map((candidate) => ({ candidate, d: distance(name, candidate) })).sort((a, b) => a.d - b.d || (a.candidate < b.candidate ? -1 : 1))[0];
  const hint =
    names.length === 0
      ? "the file lists no images"
      : closest !== undefined && closest.d <= Math.max(2, Math.floor(name.length / 3))
        ? `did you mean ${JSON.stringify(closest.candidate)}? The file has: ${names.join(", ")}`
        : `the file has: ${names.join(", ")}`;
  throw new UserError({ where: source, what: `no image ${JSON.stringify(name)}`, hint });
}
