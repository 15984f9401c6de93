import {
  ERROR_BUDGET_POLICY_API_VERSION,
  ERROR_BUDGET_POLICY_KIND,
  OPENSLO_API_VERSION,
  OpenSloValidationError,
  checkOpenSloDocument,
  validateErrorBudgetPolicy,
} from '@reliability-suite/plugin-reliability-common';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

export interface FileReport {
  file: string;
  /** Documents of the suite's kinds that were checked and are valid, by kind. */
  valid: Map<string, number>;
  /** Documents of the suite's kinds that were checked. */
  checked: number;
  /** Documents that are of no kind the suite defines, each named; they were not checked. */
  skipped: string[];
  problems: string[];
  /** Fields that have no effect where they stand: shown, but the document is valid. */
  warnings: string[];
}

/** The kinds the suite defines, as the catalog module ingests them, and their validators. */
const VALIDATORS: Array<{
  matches(doc: { apiVersion?: unknown; kind?: unknown }): boolean;
  validate(doc: unknown): {
    errors: OpenSloValidationError[];
    warnings: OpenSloValidationError[];
  };
}> = [
  {
    matches: doc => doc.apiVersion === OPENSLO_API_VERSION,
    validate: checkOpenSloDocument,
  },
  {
    // The policy kind under any apiVersion, and any kind under the suite's apiVersion, so that
    // a typo in either is reported instead of the document being passed over.
    matches: doc =>
      doc.apiVersion === ERROR_BUDGET_POLICY_API_VERSION ||
      doc.kind === ERROR_BUDGET_POLICY_KIND,
    validate: doc => ({ errors: validateErrorBudgetPolicy(doc), warnings: [] }),
  },
];

/** What the summary line says the suite's kinds are. */
export const SUITE_KINDS = `${OPENSLO_API_VERSION} (SLO, SLI, DataSource, AlertPolicy, …) and ${ERROR_BUDGET_POLICY_API_VERSION} ${ERROR_BUDGET_POLICY_KIND}`;

function describe(value: Record<string, unknown>): string {
  const metadata = value.metadata as { name?: unknown } | undefined;
  return `${String(value.kind ?? '?')} '${String(metadata?.name ?? '?')}'`;
}

/**
 * The documents of YAML files that are of a kind the suite defines (OpenSLO v1 and
 * ErrorBudgetPolicy), each checked with the validator the catalog module uses; every other
 * document is named as not checked.
 */
export async function validateFiles(files: string[]): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const report: FileReport = {
      file,
      valid: new Map(),
      checked: 0,
      skipped: [],
      problems: [],
      warnings: [],
    };
    reports.push(report);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      report.problems.push(`cannot read: ${(e as Error).message}`);
      continue;
    }
    const docs = parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, i) => {
      if (doc.errors.length > 0) {
        for (const err of doc.errors) {
          report.problems.push(`document ${i + 1}: YAML: ${err.message}`);
        }
        return;
      }
      const value = doc.toJS({ maxAliasCount: 100 });
      // A document of comments only (a header before the first ---) has nothing to check.
      if (value === null || value === undefined) return;
      if (typeof value !== 'object' || Array.isArray(value)) {
        report.skipped.push(
          `document ${i + 1} (not a mapping with apiVersion and kind)`,
        );
        return;
      }
      const name = describe(value);
      const validator = VALIDATORS.find(v => v.matches(value));
      if (!validator) {
        report.skipped.push(
          `document ${i + 1} (${String(
            value.apiVersion ?? 'no apiVersion',
          )} ${name})`,
        );
        return;
      }
      report.checked++;
      const { errors, warnings } = validator.validate(value);
      const located = (p: OpenSloValidationError) =>
        `document ${i + 1} (${name}): ${p.path ? `${p.path}: ` : ''}${
          p.message
        }`;
      report.problems.push(...errors.map(located));
      report.warnings.push(...warnings.map(located));
      if (errors.length === 0) {
        const kind = String(value.kind);
        report.valid.set(kind, (report.valid.get(kind) ?? 0) + 1);
      }
    });
  }
  return reports;
}

/** The lines `reliability validate` prints on stdout for a file. */
export function formatReport(report: FileReport): string[] {
  const lines: string[] = [];
  if (report.problems.length === 0) {
    const byKind = [...report.valid]
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    lines.push(
      report.checked > 0
        ? `${report.file}: ${report.checked} document(s) valid (${byKind})`
        : `${report.file}: no document of the suite's kinds (${SUITE_KINDS}) to check`,
    );
  }
  if (report.skipped.length > 0) {
    lines.push(
      `${report.file}: ${
        report.skipped.length
      } document(s) not checked, of kinds the suite does not define: ${report.skipped.join(
        ', ',
      )}`,
    );
  }
  return lines;
}
