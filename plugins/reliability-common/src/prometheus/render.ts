import { Document, isMap, isSeq } from 'yaml';
import type { PrometheusRuleGroup } from './types';

/** @public */
export interface RenderPrometheusRulesOptions {
  /**
   * `rules` (default): a Prometheus rule file (`groups:`), for `rule_files`.
   * `prometheus-rule`: a prometheus-operator `PrometheusRule` resource.
   */
  format?: 'rules' | 'prometheus-rule';
  /** The resource's `metadata.name` (prometheus-rule), default `reliability-slos`. */
  name?: string;
  /** The resource's `metadata.namespace` (prometheus-rule); none when absent. */
  namespace?: string;
  /**
   * The resource's `metadata.labels` (prometheus-rule): the operator only loads the
   * `PrometheusRule`s its Prometheus' `ruleSelector` matches, e.g. `{ release: 'prometheus' }`.
   */
  labels?: Record<string, string>;
  /** Comment lines at the top of the text, e.g. where the rules came from. */
  header?: string[];
}

function toPlain(group: PrometheusRuleGroup): Record<string, unknown> {
  const { comments: _comments, ...plain } = group;
  return plain;
}

/**
 * The rule groups as YAML text: a rule file, or a `PrometheusRule` resource of the
 * prometheus-operator (`monitoring.coreos.com/v1`). A group's `comments` become YAML
 * comments above it.
 *
 * @public
 */
export function renderPrometheusRules(
  groups: ReadonlyArray<PrometheusRuleGroup>,
  options: RenderPrometheusRulesOptions = {},
): string {
  const plainGroups = groups.map(toPlain);
  const content =
    options.format === 'prometheus-rule'
      ? {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: {
            name: options.name ?? 'reliability-slos',
            ...(options.namespace ? { namespace: options.namespace } : {}),
            ...(options.labels && Object.keys(options.labels).length > 0
              ? { labels: options.labels }
              : {}),
          },
          spec: { groups: plainGroups },
        }
      : { groups: plainGroups };
  const doc = new Document(content, { aliasDuplicateObjects: false });
  const groupsNode = doc.getIn(
    options.format === 'prometheus-rule' ? ['spec', 'groups'] : ['groups'],
    true,
  );
  if (isSeq(groupsNode)) {
    groups.forEach((group, i) => {
      const node = groupsNode.items[i];
      if (group.comments && group.comments.length > 0 && isMap(node)) {
        node.commentBefore = group.comments
          .map(line => ` ${line.replace(/\n/g, ' ')}`)
          .join('\n');
      }
    });
  }
  if (options.header && options.header.length > 0) {
    doc.commentBefore = options.header.map(line => ` ${line}`).join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}
