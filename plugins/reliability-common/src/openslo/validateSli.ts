import {
  JsonObject,
  Problems,
  REQUIRED,
  booleanField,
  checkDescription,
  checkUnknownFields,
  freeField,
  get,
  has,
  isObject,
  join,
  mustBe,
  nameField,
  objectField,
  oneOfField,
  stringField,
} from './validationContext';
import { validateMetadata } from './validateMetadata';

/** Which kind of SLI a spec defines; SLO objectives need op and value for a threshold one. */
export type SliMetricKind = 'threshold' | 'ratio';

function validateMetricSource(
  problems: Problems,
  holder: JsonObject,
  path: string,
): void {
  const source = objectField(problems, holder, path, 'metricSource', true);
  if (!source) {
    return;
  }
  const sourcePath = join(path, 'metricSource');
  checkUnknownFields(problems, source, sourcePath, [
    'metricSourceRef',
    'type',
    'spec',
  ]);
  nameField(problems, source, sourcePath, 'metricSourceRef', false);
  stringField(problems, source, sourcePath, 'type', { required: false });
  // The spec: "type can't be omitted" without a DataSource reference; with neither, no one
  // knows which system the query is for.
  if (!has(source, 'metricSourceRef') && !has(source, 'type')) {
    problems.add(
      sourcePath,
      'at least one of metricSourceRef (a DataSource name) or type (e.g. Prometheus) is required',
    );
  }
  // Required, but free: "anything that is valid YAML can be put here", even nothing (a
  // source the suite receives pushed data from, type: Push, has no query to give).
  freeField(problems, source, sourcePath, 'spec');
}

/** `{ metricSource }`: the form of thresholdMetric and of ratioMetric's good/bad/total/raw. */
function validateMetricSpec(
  problems: Problems,
  parent: JsonObject,
  path: string,
  key: string,
  required: boolean,
): void {
  const holder = objectField(problems, parent, path, key, required);
  if (!holder) {
    return;
  }
  const holderPath = join(path, key);
  checkUnknownFields(problems, holder, holderPath, ['metricSource']);
  validateMetricSource(problems, holder, holderPath);
}

function validateRatioMetric(
  problems: Problems,
  ratio: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, ratio, path, [
    'counter',
    'good',
    'bad',
    'total',
    'rawType',
    'raw',
  ]);
  const hasGood = has(ratio, 'good');
  const hasBad = has(ratio, 'bad');
  const hasTotal = has(ratio, 'total');

  if (has(ratio, 'raw')) {
    // A precomputed ratio: good/bad/total would be a second, conflicting definition.
    if (hasGood || hasBad || hasTotal) {
      problems.add(path, 'raw cannot be combined with good, bad or total');
    }
    if (!has(ratio, 'rawType')) {
      problems.add(
        join(path, 'rawType'),
        'required when raw is given (success or failure)',
      );
    } else {
      oneOfField(
        problems,
        ratio,
        path,
        'rawType',
        ['success', 'failure'],
        true,
      );
    }
    // counter has no effect on a raw ratio, but a given value must still be a boolean.
    booleanField(problems, ratio, path, 'counter', false);
    validateMetricSpec(problems, ratio, path, 'raw', true);
    return;
  }

  if (!hasGood && !hasBad && !hasTotal) {
    problems.add(
      path,
      'requires good or bad together with total, or raw together with rawType',
    );
    return;
  }
  if (hasGood === hasBad) {
    problems.add(
      path,
      `exactly one of good or bad is required${hasGood ? '; got both' : ''}`,
    );
  }
  if (has(ratio, 'rawType')) {
    problems.add(join(path, 'rawType'), 'only allowed together with raw');
  }
  // Optional: the spec's own examples leave it out (the SDK reads that as false).
  booleanField(problems, ratio, path, 'counter', false);
  validateMetricSpec(problems, ratio, path, 'good', false);
  validateMetricSpec(problems, ratio, path, 'bad', false);
  validateMetricSpec(problems, ratio, path, 'total', true);
}

/**
 * Checks an SLI spec (of an SLI document or of an SLO's inline indicator) at `path`.
 * Returns which metric kind it defines when that is unambiguous.
 */
export function validateSliSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): SliMetricKind | undefined {
  checkUnknownFields(problems, spec, path, [
    'description',
    'thresholdMetric',
    'ratioMetric',
  ]);
  checkDescription(problems, spec, path);
  const hasThreshold = has(spec, 'thresholdMetric');
  const hasRatio = has(spec, 'ratioMetric');
  if (hasThreshold === hasRatio) {
    problems.add(
      path,
      `exactly one of thresholdMetric or ratioMetric is required${
        hasThreshold ? '; got both' : ''
      }`,
    );
  }
  if (hasThreshold) {
    validateMetricSpec(problems, spec, path, 'thresholdMetric', true);
  }
  if (hasRatio) {
    const ratio = objectField(problems, spec, path, 'ratioMetric', true);
    if (ratio) {
      validateRatioMetric(problems, ratio, join(path, 'ratioMetric'));
    }
  }
  if (hasThreshold === hasRatio) {
    return undefined;
  }
  return hasThreshold ? 'threshold' : 'ratio';
}

/**
 * Checks an inline indicator `{ metadata, spec }` at `path` (an SLO's `spec.indicator`, or
 * a composite objective's `indicator`).
 */
export function validateInlineIndicator(
  problems: Problems,
  value: unknown,
  path: string,
): SliMetricKind | undefined {
  if (!isObject(value)) {
    problems.add(
      path,
      mustBe('an object with metadata and spec (an inline SLI)', value),
    );
    return undefined;
  }
  checkUnknownFields(problems, value, path, ['metadata', 'spec']);
  validateMetadata(problems, value, path);
  const spec = get(value, 'spec');
  if (spec === undefined) {
    problems.add(join(path, 'spec'), REQUIRED);
    return undefined;
  }
  if (!isObject(spec)) {
    problems.add(join(path, 'spec'), mustBe('an object', spec));
    return undefined;
  }
  return validateSliSpec(problems, spec, join(path, 'spec'));
}
