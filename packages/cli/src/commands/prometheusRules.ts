import { CommanderError } from 'commander';
import {
  GeneratePrometheusRulesOptions,
  PrometheusRulesProblem,
  generatePrometheusRules,
  prometheusRulesInput,
  renderPrometheusRules,
} from '@reliability-suite/plugin-reliability-common';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

/** Exit codes: 0 rules written, 1 an SLO cannot be expressed (or a file read), 2 bad usage. */
export const RULES_EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export const RULES_HELP = `
Reads OpenSLO documents (SLO, SLI, DataSource) and prints, for every SLO whose
indicator queries Prometheus (metricSource.type: Prometheus, or a metricSourceRef
naming a DataSource of type Prometheus), Sloth-compatible recording rules
(slo:sli_error:ratio_rate<window>, slo:period_error_budget_remaining:ratio, …) and
the burn alerts ReliabilitySloPageBurn, ReliabilitySloTicketBurn and
ReliabilitySloNoData.

Exit codes:
  0  rules written
  1  an SLO cannot be expressed (each problem is named with its file, SLO and
     field) or a file cannot be read; nothing is written
  2  bad arguments

Examples:
  reliability generate prometheus-rules slos.yaml > /etc/prometheus/rules/slos.yaml
  reliability generate prometheus-rules slos.yaml --format prometheus-rule \\
    --rule-namespace monitoring --rule-label release=prometheus --out slos-rule.yaml
  reliability generate prometheus-rules examples/slos.yaml --skip-other-sources`;

export interface PrometheusRulesCommandOptions {
  format: string;
  out?: string;
  portalUrl?: string;
  skipOtherSources?: boolean;
  ruleName?: string;
  ruleNamespace?: string;
  ruleLabel?: string[];
  periodInterval?: string;
}

function usage(message: string): CommanderError {
  return new CommanderError(RULES_EXIT.usage, 'reliability.usage', message);
}

/** Checks the options that are not files; throws a usage error (exit 2) naming the option. */
export function checkRulesOptions(options: PrometheusRulesCommandOptions): {
  format: 'rules' | 'prometheus-rule';
  labels: Record<string, string>;
} {
  if (options.format !== 'rules' && options.format !== 'prometheus-rule') {
    throw usage(
      `--format: 'rules' (a Prometheus rule file) or 'prometheus-rule' (a prometheus-operator PrometheusRule); got '${options.format}'`,
    );
  }
  if (
    options.portalUrl !== undefined &&
    !/^https?:\/\/\S+$/.test(options.portalUrl)
  ) {
    throw usage(
      `--portal-url: the portal's http(s) base URL, e.g. https://backstage.example.com; got '${options.portalUrl}'`,
    );
  }
  const labels: Record<string, string> = {};
  for (const item of options.ruleLabel ?? []) {
    const match = /^([a-zA-Z0-9][a-zA-Z0-9._/-]*)=(.*)$/.exec(item);
    if (!match) {
      throw usage(
        `--rule-label: key=value, e.g. release=prometheus; got '${item}'`,
      );
    }
    labels[match[1]] = match[2];
  }
  return { format: options.format, labels };
}

export interface RulesFromFiles {
  /** The YAML, when there is nothing to report. */
  text?: string;
  /** Lines for stderr: `<file>: SLO '<name>': <path>: <message>`. */
  problems: string[];
  /** SLOs on other sources, skipped with --skip-other-sources. */
  skipped: string[];
  /** How many groups and rules were written. */
  groups: number;
  rules: number;
}

async function readDocuments(
  files: string[],
  problems: string[],
): Promise<Array<{ file: string; documents: unknown[] }>> {
  const result: Array<{ file: string; documents: unknown[] }> = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      problems.push(`${file}: cannot read: ${(e as Error).message}`);
      continue;
    }
    const documents: unknown[] = [];
    parseAllDocuments(text).forEach((doc, i) => {
      if (doc.errors.length > 0) {
        for (const err of doc.errors) {
          problems.push(`${file}: document ${i + 1}: YAML: ${err.message}`);
        }
        return;
      }
      documents.push(doc.toJS({ maxAliasCount: 100 }));
    });
    result.push({ file, documents });
  }
  return result;
}

/**
 * The rules of the SLOs in `files`, which may reference the SLIs and DataSources of any of
 * them. Every problem is collected: a file that does not parse, an SLO that cannot be
 * expressed. With `skipOtherSources`, SLOs on other sources (Push, Datadog, …) are listed
 * as skipped instead.
 */
export async function prometheusRulesFromFiles(
  files: string[],
  options: PrometheusRulesCommandOptions,
): Promise<RulesFromFiles> {
  const { format, labels } = checkRulesOptions(options);
  const problems: string[] = [];
  const read = await readDocuments(files, problems);
  const all = prometheusRulesInput(read.flatMap(r => r.documents));
  // Each SLO's file, for the messages: the same document object is in both lists.
  const fileOf = new Map<unknown, string>();
  for (const r of read) for (const d of r.documents) fileOf.set(d, r.file);
  const generateOptions: GeneratePrometheusRulesOptions = {
    ...all.options,
    ...(options.portalUrl ? { portalBaseUrl: options.portalUrl } : {}),
    ...(options.periodInterval
      ? { periodInterval: options.periodInterval }
      : {}),
  };
  const skipped: string[] = [];
  const expressible = all.slos.filter(s => {
    if (!options.skipOtherSources) return true;
    const alone = generatePrometheusRules([s], generateOptions).problems;
    const other =
      alone.length > 0 && alone.every(p => p.kind === 'not-prometheus');
    if (other) {
      skipped.push(`${fileOf.get(s.slo)}: SLO '${s.slo.metadata.name}'`);
    }
    return !other;
  });
  const { groups, problems: sloProblems } = generatePrometheusRules(
    expressible,
    generateOptions,
  );
  const located = (p: PrometheusRulesProblem) => {
    const owner = all.slos.find(s => s.slo.metadata?.name === p.slo);
    const where = owner ? `${fileOf.get(owner.slo)}: ` : '';
    return `${where}${p.slo ? `SLO '${p.slo}': ` : ''}${
      p.path ? `${p.path}: ` : ''
    }${p.message}`;
  };
  problems.push(...sloProblems.map(located));
  if (all.slos.length === 0 && problems.length === 0) {
    problems.push(
      `no OpenSLO SLO (apiVersion openslo/v1, kind SLO) in ${files.join(', ')}`,
    );
  }
  const rules = groups.reduce((n, g) => n + g.rules.length, 0);
  if (problems.length > 0) {
    return { problems, skipped, groups: groups.length, rules };
  }
  const text = renderPrometheusRules(groups, {
    format,
    ...(options.ruleName ? { name: options.ruleName } : {}),
    ...(options.ruleNamespace ? { namespace: options.ruleNamespace } : {}),
    labels,
    header: [
      `Generated by \`reliability generate prometheus-rules\` from ${files.join(
        ', ',
      )}: do not edit, generate again.`,
      `${expressible.length} SLO(s), ${groups.length} group(s), ${rules} rule(s).`,
    ],
  });
  return { text, problems, skipped, groups: groups.length, rules };
}
