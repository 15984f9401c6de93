import {
  JsonObject,
  Problems,
  checkDescription,
  checkUnknownFields,
  objectField,
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
  // Its content depends on the type, so only its presence and shape are checked.
  objectField(problems, spec, path, 'connectionDetails', true);
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
