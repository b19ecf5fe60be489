import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { imageRef, parseImageTags, readImageTags } from "./image-tags.ts";

const dir = mkdtempSync(join(tmpdir(), "image-tags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IMAGES = `# Image tags of production. Flux image automation rewrites the marked values.
images:
  podinfo:
    image: ghcr.io/stefanprodan/podinfo # {"$imagepolicy": "flux-system:podinfo:name"}
    tag: 6.9.2 # {"$imagepolicy": "flux-system:podinfo:tag"}
  redis: docker.io/library/redis:7.4.2 # {"$imagepolicy": "flux-system:redis"}
  pause: registry.k8s.io/pause:3.10
`;

/**
 * What image-automation-controller's Setters strategy does to a file, for a
 * policy whose latest image is `latest` (`repository:tag`): on each line
 * whose comment is a marker for `policy`, replace the value before the
 * comment with the whole image (no suffix), its tag (`:tag`) or its
 * repository (`:name`); leave every other byte alone. Flux quotes a new
 * value that would not read back as a string.
 */
function applySetters(text: string, policy: string, latest: string): string {
  const colon = latest.lastIndexOf(":");
  const values: Record<string, string> = { "": latest, ":tag": latest.slice(colon + 1), ":name": latest.slice(0, colon) };
  return text
    .split("\n")
    .map((line) => {
      const match = /^(\s*[^:#\s][^:#]*:\s+)(\S+)(\s+#\s*\{"\$imagepolicy":\s*"([^"]+)"\})$/.exec(line);
      if (match === null) return line;
      const [, head, , marker, setter] = match as unknown as [string, string, string, string, string];
      if (!setter.startsWith(`${policy}`)) return line;
      const value = values[setter.slice(policy.length)];
      if (value === undefined) return line;
      return `${head}${/^[0-9.]+$/.test(value) && !/^\d+\.\d+\.\d+$/.test(value) ? JSON.stringify(value) : value}${marker}`;
    })
    .join("\n");
}

function userErrorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("readImageTags", () => {
  it("reads every entry as its image and tag, in the file's order", () => {
    const file = join(dir, "images.yaml");
    writeFileSync(file, IMAGES);
    expect(readImageTags(file)).toEqual({
      podinfo: { image: "ghcr.io/stefanprodan/podinfo", tag: "6.9.2" },
      redis: { image: "docker.io/library/redis", tag: "7.4.2" },
      pause: { image: "registry.k8s.io/pause", tag: "3.10" },
    });
    expect(Object.keys(readImageTags(file))).toEqual(["podinfo", "redis", "pause"]);
  });

  it("reads a file given as a file: URL, as a definition does with import.meta.url", () => {
    const file = join(dir, "from-url.yaml");
    writeFileSync(file, IMAGES);
    expect(imageRef(readImageTags(pathToFileURL(file)), "podinfo")).toBe("ghcr.io/stefanprodan/podinfo:6.9.2");
  });

  it.each([
    { label: "a tag-only marker", policy: "flux-system:podinfo", latest: "ghcr.io/stefanprodan/podinfo:6.10.0", name: "podinfo", changed: 5, ref: "ghcr.io/stefanprodan/podinfo:6.10.0" },
    { label: "a whole-image marker", policy: "flux-system:redis", latest: "docker.io/library/redis:8.0.1", name: "redis", changed: 6, ref: "docker.io/library/redis:8.0.1" },
    { label: "a tag that reads as a number", policy: "flux-system:podinfo", latest: "ghcr.io/stefanprodan/podinfo:1.10", name: "podinfo", changed: 5, ref: "ghcr.io/stefanprodan/podinfo:1.10" },
  ])("returns the new tag after image automation rewrites $label, and only that line changes", ({ policy, latest, name, changed, ref }) => {
    const file = join(dir, `bump-${name}-${latest.replace(/[^a-z0-9]/g, "")}.yaml`);
    writeFileSync(file, IMAGES);
    const before = readImageTags(file);
    writeFileSync(file, applySetters(readFileSync(file, "utf8"), policy, latest));
    const text = readFileSync(file, "utf8");
    const differing = text.split("\n").flatMap((line, i) => (line === IMAGES.split("\n")[i] ? [] : [i + 1]));
    expect(differing).toEqual([changed]);
    expect(text.split("\n")[changed - 1]).toContain(`# {"$imagepolicy": "${policy}`);
    const after = readImageTags(file);
    expect(imageRef(after, name)).toBe(ref);
    expect({ ...after, [name]: before[name] }).toEqual(before);
  });

  it("leaves a file alone for a policy that no marker names", () => {
    expect(applySetters(IMAGES, "flux-system:grafana", "grafana/grafana:12.0.0")).toBe(IMAGES);
  });

  it.each([
    { label: "a JSON file", name: "images.json", content: "{}", message: "image tags must be in a .yaml or .yml file\n  hint: Flux image automation rewrites only YAML files, and JSON has no comments for the $imagepolicy markers" },
    { label: "a missing file", name: "missing.yaml", content: undefined, message: "no such file" },
  ])("rejects $label", ({ name, content, message }) => {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    expect(userErrorOf(() => readImageTags(file)).message).toBe(`${file}: ${message}`);
  });
});

describe("parseImageTags", () => {
  it.each([
    { label: "an empty list", text: "images: {}\n", tags: {} },
    { label: "a quoted tag", text: 'images:\n  app:\n    image: ghcr.io/acme/app\n    tag: "1.10"\n', tags: { app: { image: "ghcr.io/acme/app", tag: "1.10" } } },
    { label: "a registry with a port", text: "images:\n  app: registry.local:5000/acme/app:v2\n", tags: { app: { image: "registry.local:5000/acme/app", tag: "v2" } } },
    { label: "an entry pinned by hand", text: "images:\n  app: ghcr.io/acme/app:1.0.0\n", tags: { app: { image: "ghcr.io/acme/app", tag: "1.0.0" } } },
  ])("reads $label", ({ text, tags }) => {
    expect(parseImageTags(text, "images.yaml")).toEqual(tags);
  });

  it.each([
    {
      label: "an image that carries its tag",
      text: "images:\n  app:\n    image: ghcr.io/acme/app:1.0.0\n    tag: 1.0.0\n",
      message: 'images.yaml:3: images.app.image: "ghcr.io/acme/app:1.0.0" has a tag: give the repository only, e.g. "ghcr.io/acme/app"',
    },
    {
      label: "a reference without a tag",
      text: "images:\n  app: ghcr.io/acme/app\n",
      message: 'images.yaml:2: images.app: "ghcr.io/acme/app" has no tag: write repository:tag, or { image, tag }',
    },
    {
      label: "a reference with a digest",
      text: `images:\n  app: ghcr.io/acme/app:1.0.0@sha256:${"0".repeat(64)}\n`,
      message: `images.yaml:2: images.app: "ghcr.io/acme/app:1.0.0@sha256:${"0".repeat(64)}" has a digest: write repository:tag (digests are not supported here)`,
    },
    {
      label: "an unknown field in an entry",
      text: "images:\n  app:\n    image: ghcr.io/acme/app\n    tag: 1.0.0\n    digest: sha256:0\n",
      message: 'images.yaml:5: images.app: unknown field "digest"\n  hint: an entry is repository:tag or { image, tag }',
    },
    {
      label: "a missing tag and a bad tag",
      text: "images:\n  app:\n    image: ghcr.io/acme/app\n  web:\n    image: ghcr.io/acme/web\n    tag: -rc1\n",
      message: [
        "images.yaml:3: images.app.tag: is required",
        "images.yaml:6: images.web.tag: is not an image tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'",
      ].join("\n"),
    },
    {
      label: "a name that is not DNS-1123",
      text: "images:\n  App: ghcr.io/acme/app:1\n",
      message: "images.yaml:2: images.App: image name \"App\" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
    },
    {
      label: "a file without images",
      text: "imagez:\n  app: ghcr.io/acme/app:1\n",
      message: ["images.yaml:1: images: is required", 'images.yaml:1: unknown field "imagez"\n  hint: an entry is repository:tag or { image, tag }'].join("\n"),
    },
    {
      label: "a duplicate name",
      text: "images:\n  app: ghcr.io/acme/app:1\n  app: ghcr.io/acme/app:2\n",
      message: "images.yaml:3: Map keys must be unique",
    },
    {
      label: "a whole-image marker on a tag",
      text: 'images:\n  app:\n    image: ghcr.io/acme/app\n    tag: 1.0.0 # {"$imagepolicy": "flux-system:app"}\n',
      message: 'images.yaml:4: images.app.tag: the marker for flux-system:app would write the whole repository:tag here\n  hint: use # {"$imagepolicy": "flux-system:app:tag"}',
    },
    {
      label: "a tag-only marker on a repository:tag",
      text: 'images:\n  app: ghcr.io/acme/app:1.0.0 # {"$imagepolicy": "flux-system:app:tag"}\n',
      message: 'images.yaml:2: images.app: the marker for flux-system:app:tag would write only the tag here\n  hint: use # {"$imagepolicy": "flux-system:app"}',
    },
    {
      label: "a marker without a namespace",
      text: 'images:\n  app: ghcr.io/acme/app:1.0.0 # {"$imagepolicy": "app"}\n',
      message: 'images.yaml:2: images.app: the marker names "app": expected "<namespace>:<policy>", optionally followed by ":tag" or ":name"',
    },
    {
      label: "a marker on a line of its own",
      text: 'images:\n  app:\n    image: ghcr.io/acme/app\n    # {"$imagepolicy": "flux-system:app:tag"}\n    tag: 1.0.0\n',
      message:
        'images.yaml:4: a marker must end the line of an image\'s tag, repository:tag or image\n  hint: write it after the value: tag: 1.2.3 # {"$imagepolicy": "<namespace>:<policy>:tag"}',
    },
    {
      label: "YAML that does not parse",
      text: "images:\n  app: [ghcr.io/acme/app:1\n",
      message: "images.yaml:3: Flow sequence in block collection must be sufficiently indented and end with a ]",
    },
  ])("rejects $label, naming the file, line and field", ({ text, message }) => {
    expect(userErrorOf(() => parseImageTags(text, "images.yaml")).message).toBe(message);
  });
});

describe("imageRef", () => {
  const tags = parseImageTags(IMAGES, "clusters/production/images.yaml");

  it.each([
    { name: "podinfo", ref: "ghcr.io/stefanprodan/podinfo:6.9.2" },
    { name: "redis", ref: "docker.io/library/redis:7.4.2" },
  ])("gives $name as $ref", ({ name, ref }) => {
    expect(imageRef(tags, name)).toBe(ref);
  });

  it.each([
    { name: "podnfo", hint: 'did you mean "podinfo"? The file has: podinfo, redis, pause' },
    { name: "grafana", hint: "the file has: podinfo, redis, pause" },
    { name: "toString", hint: "the file has: podinfo, redis, pause" },
  ])("names the file and the closest image for an unknown name: $name", ({ name, hint }) => {
    expect(userErrorOf(() => imageRef(tags, name)).message).toBe(`clusters/production/images.yaml: no image ${JSON.stringify(name)}\n  hint: ${hint}`);
  });
});
