// The deploy gate command: gate.
import { Command, CommanderError } from 'commander';
import { GateDecision } from '@reliability-suite/plugin-reliability-common';
import {
  GATE_EXIT,
  GATE_HELP,
  asGateDecision,
  checkGateOptions,
  formatGateDecision,
  gateEntityRef,
  toGateError,
} from '../commands/gate';
import { ConnectionOptions, clientFor, withConnection } from '../connection';
import { Io, REPORTED } from '../io';

/** Registers `gate`. */
export function registerGate(program: Command, io: Io): void {
  const gate = withConnection(
    program
      .command('gate')
      .description(
        'Ask the deploy gate whether a change of an entity may ship now; exit 0 allowed, 1 blocked, 2 error',
      )
      .requiredOption(
        '--entity <ref>',
        'the entity: kind:namespace/name, or a short name (Component and default are the defaults)',
      )
      .option(
        '--change <id>',
        'the change (commit, pull request, release) an exception may have been granted for',
      )
      .option(
        '--class <exceptionClass>',
        "the change's exception class, e.g. security (pre-approved classes pass a freeze)",
      )
      .option('--json', 'print the decision as JSON on stdout instead')
      .allowExcessArguments(false)
      .addHelpText('after', GATE_HELP),
  );
  // Usage errors (missing --entity, unknown option) exit 2 here, never 1, which means blocked.
  gate.exitOverride(e => {
    throw toGateError(e, undefined);
  });
  gate.action(
    async (
      options: ConnectionOptions & {
        entity: string;
        change?: string;
        class?: string;
        json?: boolean;
      },
    ) => {
      const url = options.url ?? io.env.RELIABILITY_URL;
      let decision: GateDecision;
      try {
        const entity = gateEntityRef(options.entity);
        checkGateOptions(options);
        decision = asGateDecision(
          await clientFor(options, io).checkGate({
            entity,
            ...(options.change !== undefined ? { change: options.change } : {}),
            ...(options.class !== undefined ? { class: options.class } : {}),
          }),
        );
      } catch (e) {
        throw toGateError(e, url);
      }
      if (options.json) {
        io.out(JSON.stringify(decision, null, 2));
      } else {
        const lines = formatGateDecision(decision, options.change);
        for (const line of lines) {
          if (decision.allowed) io.out(line);
          else io.err(line);
        }
      }
      if (!decision.allowed) {
        throw new CommanderError(GATE_EXIT.blocked, REPORTED, 'blocked');
      }
    },
  );
}
