import { checkOpenSloDocument } from '@reliability-suite/plugin-reliability-common';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

export interface FileReport {
  file: string;
  /** OpenSLO documents checked. */
  checked: number;
  problems: string[];
  /** Fields that have no effect where they stand: shown, but the document is valid. */
  warnings: string[];
}

/** The OpenSLO documents of YAML files, checked with the catalog's own validator. */
export async function validateFiles(files: string[]): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of files) {
    const report: FileReport = { file, checked: 0, problems: [], warnings: [] };
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
      if (!value || value.apiVersion !== 'openslo/v1') return;
      report.checked++;
      const name = `${value.kind ?? '?'} '${value.metadata?.name ?? '?'}'`;
      const { errors, warnings } = checkOpenSloDocument(value);
      for (const p of errors) {
        report.problems.push(
          `document ${i + 1} (${name}): ${p.path}: ${p.message}`,
        );
      }
      for (const w of warnings) {
        report.warnings.push(
          `document ${i + 1} (${name}): ${w.path}: ${w.message}`,
        );
      }
    });
  }
  return reports;
}
