/**
 * Reference 2 of the gen benchmark: cdk8s synthesizing the workload, one
 * Chart per cluster, each object added as a plain `ApiObject` from its
 * `toJSON()`, written one file per resource (`<Kind>.<name>.k8s.yaml`,
 * flat in the output folder).
 *
 * Usage: node scripts/bench/reference-cdk8s.ts --apps N --out DIR
 */
import { ApiObject, App, Chart, YamlOutputType, type ApiObjectProps } from "cdk8s";
import { buildWorkload, nameOf, parseReferenceArgs } from "./reference-common.ts";

const { apps, out } = parseReferenceArgs();
const app = new App({ outdir: out, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
let added = 0;
for (const { cluster, components } of buildWorkload(apps)) {
  const chart = new Chart(app, cluster);
  for (const objects of Object.values(components)) {
    for (const object of objects) {
      // toJSON() is typed `unknown`; it is the object's manifest, apiVersion and kind included.
      const props = object.toJSON() as ApiObjectProps;
      new ApiObject(chart, `${object.metadata?.namespace ?? ""}-${object.kind}-${nameOf(object)}`, props);
      added++;
    }
  }
}
app.synth();
process.stdout.write(`synthesized ${added} objects\n`);
