// Postmortem records read from a file, and where each problem is in that file.
import { PostmortemProblem } from '@reliability-suite/plugin-reliability-common';

/** Postmortem records read from a file, in the API's JSON shape. */
export interface PostmortemBatch {
  /** The records as they are sent: JSON as parsed, CSV rows turned into JSON records. */
  items: unknown[];
  /** Problems with the file as a whole, each naming where it is; no records then. */
  problems: string[];
  /**
   * Where a problem of `items[index]` at `field` (a path inside the record, '' for the
   * record itself) is, as the file names it: `items[2].startedAt` for JSON,
   * `line 4 (row 3): startedAt` for CSV.
   */
  where(index: number, field: string): string;
  /**
   * Problems found while turning each record's cells into JSON (CSV); the validator's
   * problems with these fields are not repeated, and a problem with the field '' (the
   * record as a whole, e.g. a row of the wrong length) means the record is not checked.
   */
  cellProblems: PostmortemProblem[][];
}
