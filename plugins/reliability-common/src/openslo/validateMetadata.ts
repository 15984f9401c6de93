import {
  Problems,
  REQUIRED,
  at,
  get,
  JsonObject,
  isObject,
  join,
  mustBe,
  nameField,
  quoted,
  stringField,
} from './validationContext';

// Label keys and the name part of annotation keys: at most 63 characters, alphanumeric at
// both ends, with '-', '_' and '.' between (the spec's rule, as in Kubernetes).
const KEY_NAME = /^[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const KEY_NAME_EXPECTED =
  "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

function isAnnotationKey(key: string): boolean {
  // An optional DNS-subdomain prefix, a slash, then a name. Split rather than one big
  // regular expression, which keeps the check linear for any input.
  const parts = key.split('/');
  if (parts.length === 1) {
    return KEY_NAME.test(key);
  }
  if (parts.length !== 2) {
    return false;
  }
  const [prefix, name] = parts;
  return (
    prefix.length <= 253 &&
    prefix.split('.').every(label => DNS_LABEL.test(label)) &&
    KEY_NAME.test(name)
  );
}

function validateLabels(problems: Problems, value: unknown, path: string) {
  if (!isObject(value)) {
    problems.add(path, mustBe('an object of key: value labels', value));
    return;
  }
  for (const [key, labelValue] of Object.entries(value)) {
    const keyPath = quoted(path, key);
    if (!KEY_NAME.test(key)) {
      problems.add(keyPath, `label key must be ${KEY_NAME_EXPECTED}`);
    } else if (Array.isArray(labelValue)) {
      // The spec allows a list of values (e.g. tags: [auth, payments]).
      labelValue.forEach((item, index) => {
        if (typeof item !== 'string') {
          problems.add(at(keyPath, index), mustBe('a string', item));
        }
      });
    } else if (typeof labelValue !== 'string') {
      problems.add(
        keyPath,
        mustBe('a string or a list of strings', labelValue),
      );
    }
  }
}

function validateAnnotations(problems: Problems, value: unknown, path: string) {
  if (!isObject(value)) {
    problems.add(path, mustBe('an object of key: value annotations', value));
    return;
  }
  for (const [key, annotationValue] of Object.entries(value)) {
    const keyPath = quoted(path, key);
    if (!isAnnotationKey(key)) {
      problems.add(
        keyPath,
        `annotation key must be an optional DNS subdomain prefix and '/', then a name of ${KEY_NAME_EXPECTED}`,
      );
    } else if (typeof annotationValue !== 'string') {
      problems.add(keyPath, mustBe('a string', annotationValue));
    }
  }
}

/**
 * Checks a `metadata` block: of documents and of inline objects (an SLO's indicator, an
 * alert policy's condition). `container` holds the `metadata` field at `path`.
 */
export function validateMetadata(
  problems: Problems,
  container: JsonObject,
  path: string,
): void {
  const metadataPath = join(path, 'metadata');
  const metadata = get(container, 'metadata');
  if (metadata === undefined) {
    problems.add(metadataPath, REQUIRED);
    return;
  }
  if (!isObject(metadata)) {
    problems.add(metadataPath, mustBe('an object', metadata));
    return;
  }
  // No unknown-field check here: documents reach this validator as Backstage catalog
  // entities too, whose metadata also carries namespace, uid, etag, title, tags, ...
  nameField(problems, metadata, metadataPath, 'name', true);
  stringField(problems, metadata, metadataPath, 'displayName', {
    required: false,
  });
  const labels = get(metadata, 'labels');
  if (labels !== undefined) {
    validateLabels(problems, labels, join(metadataPath, 'labels'));
  }
  const annotations = get(metadata, 'annotations');
  if (annotations !== undefined) {
    validateAnnotations(
      problems,
      annotations,
      join(metadataPath, 'annotations'),
    );
  }
}
