import {
  JsonObject,
  Problems,
  checkDescription,
  checkUnknownFields,
  freeField,
  stringField,
} from './validationContext';

/** DataSource: a type and free-form connection details (secrets, endpoints). */
export function validateDataSourceSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, [
    'description',
    'type',
    'connectionDetails',
  ]);
  checkDescription(problems, spec, path);
  stringField(problems, spec, path, 'type', { required: true });
  // The spec: "everything that is valid YAML can be put here" (a map, a list, a URL...).
  freeField(problems, spec, path, 'connectionDetails');
}

/** Service: a grouping of SLOs that only carries a description. */
export function validateServiceSpec(
  problems: Problems,
  spec: JsonObject,
  path: string,
): void {
  checkUnknownFields(problems, spec, path, ['description']);
  checkDescription(problems, spec, path);
}
