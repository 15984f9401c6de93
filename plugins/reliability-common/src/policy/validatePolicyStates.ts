// The policy's states: named, ordered from best to worst by the budget remaining above
// which each holds, the last one catching the rest.
import {
  JsonObject,
  at,
  booleanField,
  get,
  isObject,
  join,
  mustBe,
  stringField,
} from '../openslo/validationContext';
import {
  PolicyProblems,
  TEXT_MAX,
  boundedArrayField,
  checkFields,
  checkUnique,
  rangeField,
  slugField,
  stringListField,
} from './validatePolicyFields';

// Bounds against hostile or runaway input; far above anything a real policy needs.
const MAX_STATES = 10;
const MAX_REQUIRED_ACTIONS = 50;
const TITLE_MAX = 200;

const STATE_FIELDS = [
  'name',
  'title',
  'remainingAbove',
  'consequences',
  'requiredActions',
  'freeze',
] as const;

const REMAINING_ABOVE_EXPECTED =
  'a fraction of the budget from 0 (inclusive) to 1 (exclusive), e.g. 0.25';

/** Checks the states; returns them when the list itself is usable. */
export function checkStates(
  problems: PolicyProblems,
  spec: JsonObject,
  path: string,
): unknown[] | undefined {
  const states = boundedArrayField(problems, spec, path, 'states', {
    required: true,
    max: MAX_STATES,
    nonEmpty: true,
  });
  if (!states) {
    return undefined;
  }
  const statesPath = join(path, 'states');
  const names = new Map<string, number>();
  // The threshold of the state before, when it had a valid one.
  let previous: { value: number; index: number } | undefined;
  states.forEach((state, index) => {
    const statePath = at(statesPath, index);
    if (!isObject(state)) {
      problems.add(statePath, mustBe('an object (a state)', state));
      previous = undefined;
      return;
    }
    checkFields(problems, state, statePath, STATE_FIELDS);
    checkUnique(
      problems,
      names,
      slugField(problems, state, statePath, 'name'),
      statesPath,
      index,
    );
    stringField(problems, state, statePath, 'title', {
      required: false,
      maxLength: TITLE_MAX,
    });
    stringField(problems, state, statePath, 'consequences', {
      required: true,
      maxLength: TEXT_MAX,
    });
    stringListField(problems, state, statePath, 'requiredActions', {
      max: MAX_REQUIRED_ACTIONS,
      maxLength: TEXT_MAX,
    });
    booleanField(problems, state, statePath, 'freeze', false);

    const thresholdPath = join(statePath, 'remainingAbove');
    if (index === states.length - 1) {
      if (get(state, 'remainingAbove') !== undefined) {
        problems.add(
          thresholdPath,
          'must not be set on the last state, which catches every budget at or below the threshold of the state before',
        );
      }
      return;
    }
    if (get(state, 'remainingAbove') === undefined) {
      problems.add(
        thresholdPath,
        'required on every state but the last (the state holds while the budget remaining is above it)',
      );
      previous = undefined;
      return;
    }
    const threshold = rangeField(problems, state, statePath, 'remainingAbove', {
      required: true,
      accepts: n => n >= 0 && n < 1,
      expected: REMAINING_ABOVE_EXPECTED,
    });
    if (threshold === undefined) {
      previous = undefined;
      return;
    }
    if (previous !== undefined && threshold >= previous.value) {
      problems.add(
        thresholdPath,
        `must be below ${join(
          at(statesPath, previous.index),
          'remainingAbove',
        )} (${previous.value}): states go from best to worst; got ${threshold}`,
      );
    }
    previous = { value: threshold, index };
  });

  return states;
}
