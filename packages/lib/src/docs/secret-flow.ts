/**
 * The page's secret section: where each Secret of the cluster comes from
 * and who reads it — a store read by the External Secrets operator, a
 * SOPS-encrypted file decrypted by Flux, a SealedSecret unsealed by its
 * controller — down to the workloads that mount or read it.
 */
import { asArray, asObject, asString, at } from "../resource/json-fields.ts";
import { Flowchart } from "./mermaid.ts";
import { byCodeUnit, code, table } from "./markdown.ts";
import { inFolder, treeFolderOf } from "./reconciliation.ts";
import { label, type PageObject } from "./page-objects.ts";
import { secretsReadBy, workloadsOf } from "./workloads.ts";

const ESO_GROUP = "external-secrets.io";

/** How one Secret reaches the cluster. */
interface SecretSource {
  /** The Secret's namespace (`*` for a ClusterExternalSecret's namespaces). */
  readonly namespace: string;
  /** The Secret's name. */
  readonly name: string;
  /** The mechanism, as the table shows it. */
  readonly mechanism: string;
  /** The object in the tree that carries it (the ExternalSecret, the SealedSecret, the SOPS Secret). */
  readonly object: PageObject;
  /** The store node key and label, for ExternalSecrets. */
  readonly store?: { readonly key: string; readonly lines: readonly string[] };
  /** Who turns the source into the Secret. */
  readonly operator: string;
}

function storeLines(store: PageObject | undefined, kind: string, name: string): string[] {
  if (store === undefined) return [`${kind} ${name}`, "not in the tree"];
  const provider = asObject(at(store.json, "spec", "provider")) ?? {};
  const [type] = Object.keys(provider).sort(byCodeUnit);
  const server = asString(at(provider, type ?? "", "server")) ?? asString(at(provider, type ?? "", "connectHost")) ?? asString(at(provider, type ?? "", "region"));
  return [label(store), ...(type === undefined ? [] : [server === undefined ? type : `${type} ${server}`])];
}

function sopsDecryptor(object: PageObject, kustomizations: readonly PageObject[], cluster: string): string {
  const applying = kustomizations
    .filter((ks) => asString(at(ks.json, "spec", "decryption", "provider")) === "sops")
    .map((ks) => ({ ks, folder: treeFolderOf(asString(at(ks.json, "spec", "path")) ?? "", cluster) }))
    .filter((entry): entry is { ks: PageObject; folder: string } => entry.folder !== undefined && inFolder(object.path, entry.folder))
    .sort((a, b) => b.folder.length - a.folder.length)[0];
  if (applying === undefined) return "SOPS decryption";
  const key = asString(at(applying.ks.json, "spec", "decryption", "secretRef", "name"));
  return `Flux Kustomization ${applying.ks.name} (SOPS${key === undefined ? "" : `, key ${key}`})`;
}

function sourcesOf(objects: readonly PageObject[], cluster: string): SecretSource[] {
  const stores = new Map(objects.filter((object) => object.group === ESO_GROUP && (object.kind === "SecretStore" || object.kind === "ClusterSecretStore")).map((object) => [`${object.kind}|${object.namespace}|${object.name}`, object]));
  const kustomizations = objects.filter((object) => object.group === "kustomize.toolkit.fluxcd.io" && object.kind === "Kustomization");
  const sources: SecretSource[] = [];
  for (const object of objects) {
    if (object.group === ESO_GROUP && (object.kind === "ExternalSecret" || object.kind === "ClusterExternalSecret")) {
      const clusterWide = object.kind === "ClusterExternalSecret";
      const spec = asObject(clusterWide ? at(object.json, "spec", "externalSecretSpec") : object.json.spec) ?? {};
      const kind = asString(at(spec, "secretStoreRef", "kind")) ?? "SecretStore";
      const storeName = asString(at(spec, "secretStoreRef", "name")) ?? "";
      const storeKey = `${kind}|${kind === "ClusterSecretStore" ? "" : object.namespace}|${storeName}`;
      sources.push({
        namespace: clusterWide ? "*" : object.namespace,
        name: asString(at(spec, "target", "name")) ?? asString(at(object.json, "spec", "externalSecretName")) ?? object.name,
        mechanism: `External Secrets (${label(object)})`,
        object,
        store: { key: `store:${storeKey}`, lines: storeLines(stores.get(storeKey), kind, storeName) },
        operator: "external-secrets operator",
      });
    } else if (object.group === "bitnami.com" && object.kind === "SealedSecret") {
      sources.push({
        namespace: asString(at(object.json, "spec", "template", "metadata", "namespace")) ?? object.namespace,
        name: asString(at(object.json, "spec", "template", "metadata", "name")) ?? object.name,
        mechanism: `Sealed Secrets (${label(object)})`,
        object,
        operator: "sealed-secrets controller",
      });
    } else if (object.group === "" && object.kind === "Secret") {
      const encrypted = asObject(object.json.sops) !== undefined;
      sources.push({
        namespace: object.namespace,
        name: object.name,
        mechanism: encrypted ? "SOPS (encrypted in git)" : "plain Secret in git",
        object,
        operator: encrypted ? sopsDecryptor(object, kustomizations, cluster) : "applied as is",
      });
    }
  }
  return sources.sort((a, b) => byCodeUnit(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`) || byCodeUnit(a.object.path, b.object.path));
}

/** Renders the secrets section. */
export function secretFlowSection(objects: readonly PageObject[], cluster: string): string {
  let out = "## Secrets\n\n";
  const sources = sourcesOf(objects, cluster);
  if (sources.length === 0) return `${out}The tree holds no Secret, SealedSecret or ExternalSecret.\n`;
  const readers = new Map<string, PageObject[]>();
  for (const workload of workloadsOf(objects)) {
    for (const name of secretsReadBy(workload.spec)) {
      const key = `${workload.object.namespace}/${name}`;
      readers.set(key, [...(readers.get(key) ?? []), workload.object]);
    }
  }
  for (const release of objects.filter((object) => object.kind === "HelmRelease")) {
    for (const source of asArray(at(release.json, "spec", "valuesFrom"))) {
      const name = asString(at(source, "name"));
      if (asString(at(source, "kind")) === "Secret" && name !== undefined) {
        const key = `${release.namespace}/${name}`;
        readers.set(key, [...(readers.get(key) ?? []), release]);
      }
    }
  }
  const chart = new Flowchart();
  const rows: string[][] = [];
  for (const source of sources) {
    const secretKey = `secret:${source.namespace}/${source.name}`;
    const objectKey = `src:${source.object.group}|${source.object.kind}|${source.object.namespace}|${source.object.name}`;
    chart.node(secretKey, `Secret ${source.namespace}/${source.name}`, "box");
    if (source.store !== undefined) {
      chart.node(source.store.key, source.store.lines, "cylinder");
      chart.node(objectKey, label(source.object), "box");
      chart.edge(source.store.key, objectKey, "read by");
      chart.edge(objectKey, secretKey, source.operator);
    } else if (source.object.kind === "Secret") {
      chart.node(objectKey, [source.mechanism, source.object.path], "cylinder");
      chart.edge(objectKey, secretKey, source.operator);
    } else {
      chart.node(objectKey, label(source.object), "cylinder");
      chart.edge(objectKey, secretKey, source.operator);
    }
    const users = (source.namespace === "*" ? [...readers].filter(([key]) => key.endsWith(`/${source.name}`)).flatMap(([, list]) => list) : (readers.get(`${source.namespace}/${source.name}`) ?? []))
      .slice()
      .sort((a, b) => byCodeUnit(label(a), label(b)));
    for (const user of users) {
      const userKey = `use:${user.group}|${user.kind}|${user.namespace}|${user.name}`;
      chart.node(userKey, label(user), "hexagon");
      chart.edge(secretKey, userKey, "read by");
    }
    rows.push([code(`${source.namespace}/${source.name}`), source.mechanism, source.operator, code(source.object.path), [...new Set(users.map(label))].map(code).join(", ")]);
  }
  out += "Where each Secret comes from, what turns it into a Secret in the cluster, and which workloads read it. Values never appear here or anywhere in the tree in plaintext.\n\n";
  out += `${chart.render("LR")}\n`;
  out += table(["Secret", "source", "made by", "file", "read by"], rows);
  return out;
}
