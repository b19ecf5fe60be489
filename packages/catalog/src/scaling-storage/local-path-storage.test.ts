import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees } from "../../test/validate-components.ts";
import { localPathStorage } from "./local-path-storage.ts";

const renders = [
  { file: "local-path-storage.default", build: () => localPathStorage() },
  {
    file: "local-path-storage.rich",
    build: () =>
      localPathStorage({
        nodePathMap: [
          { node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/var/lib/rancher/k3s/storage"] },
          { node: "storage-1", paths: ["/mnt/ssd", "/mnt/hdd"] },
        ],
        helperImage: "registry.example.org/mirror/busybox:1.37.0",
        retainClass: { name: "local-retain", isDefault: true },
      }),
  },
] as const;

describe("localPathStorage", () => {
  itMatchesGoldenFiles(renders, ({ build }) => emitComponent(build()));

  itRendersValidTrees(renders, ({ build }) => [build()]);

  it("writes the keys k3s's provisioner reads, with a parseable config.json", () => {
    const [config] = localPathStorage().controllers! as unknown as { data: Record<string, string> }[];
    expect(Object.keys(config!.data).sort()).toEqual(["config.json", "helperPod.yaml", "setup", "teardown"]);
    expect(JSON.parse(config!.data["config.json"]!)).toEqual({ nodePathMap: [{ node: "DEFAULT_PATH_FOR_NON_LISTED_NODES", paths: ["/var/lib/rancher/k3s/storage"] }] });
  });

  it("leaves exactly one default StorageClass when the retain class becomes the default", () => {
    const classes = localPathStorage({ retainClass: { isDefault: true } }).controllers!.filter((object) => object.kind === "StorageClass");
    const defaults = classes.filter((object) => object.metadata?.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true");
    expect(classes.map((object) => object.metadata?.name)).toEqual(["local-path", "local-path-retain"]);
    expect(defaults.map((object) => object.metadata?.name)).toEqual(["local-path-retain"]);
  });
});

const invalid = [
  {
    label: "relative paths, a node listed twice and a duplicate path",
    build: () =>
      localPathStorage({
        nodePathMap: [
          { node: "node-a", paths: ["data"] },
          { node: "node-a", paths: ["/mnt/a", "/mnt/a"] },
        ],
      }),
    message: [
      `localPathStorage: nodePathMap[0].paths[0]: expected an absolute directory such as /mnt/disk1 (no trailing '/')`,
      `localPathStorage: nodePathMap[1].node: node "node-a" is listed twice`,
      `localPathStorage: nodePathMap[1].paths: a path is listed twice`,
    ].join("\n"),
  },
  {
    label: "a retain class named like k3s's own and an untagged helper image",
    build: () => localPathStorage({ helperImage: "busybox", retainClass: { name: "local-path" } }),
    message: [
      `localPathStorage: helperImage: expected an image with a tag, such as docker.io/rancher/mirrored-library-busybox:1.37.0`,
      `localPathStorage: retainClass.name: "local-path" is k3s's own StorageClass: choose another name`,
    ].join("\n"),
  },
] as const;

describeRejections("localPathStorage", invalid);
