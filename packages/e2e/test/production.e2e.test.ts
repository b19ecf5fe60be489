/**
 * The reference platform's production cluster, reconciled by Flux's
 * kustomize-controller on a real API server (see project-suite.ts).
 */
import { REPOSITORY_ROOT } from "../src/paths.ts";
import { projectSuite } from "./project-suite.ts";

projectSuite({ title: "the production cluster of the reference platform", label: "production", root: REPOSITORY_ROOT, cluster: "production" });
