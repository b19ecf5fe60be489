/**
 * A string-to-string map prop: Kubernetes labels, annotations, or settings
 * that a chart or CRD takes as a map of strings.
 */
import { z } from "zod";

/** A map of string keys to string values, e.g. labels or annotations. */
export const stringMap = z.record(z.string(), z.string());
