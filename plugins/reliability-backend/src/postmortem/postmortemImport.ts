import {
  ValidPostmortem,
  validatePostmortemInput,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { ItemProblem, ItemsRejectedError } from '../lib/ItemsRejectedError';
import { AuditStore } from '../store/AuditStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { postmortemRecord } from './postmortemRecords';

/** A rejected record of an import, or a field of a single request. */
export type PostmortemRejection = ItemProblem;

/** An import where some records are invalid: nothing was written. */
export class PostmortemImportError extends ItemsRejectedError {
  constructor(items: PostmortemRejection[], total: number) {
    super(
      items,
      ItemsRejectedError.summary(items, total, {
        noun: 'records',
        consequence: 'nothing was imported',
      }),
    );
  }
}

/**
 * The records of an import validated, each `externalId` at most once; PostmortemImportError
 * naming every rejected record otherwise. `seen`: the first index of each `externalId`.
 */
export function validateImport(raw: unknown[], now: number) {
  const valid: Array<{ index: number; value: ValidPostmortem }> = [];
  const rejections: PostmortemRejection[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, index) => {
    const { value, problems } = validatePostmortemInput(item, now);
    for (const p of problems) rejections.push({ index, ...p });
    if (!value) return;
    if (value.externalId !== null) {
      const first = seen.get(value.externalId);
      if (first !== undefined) {
        rejections.push({
          index,
          field: 'externalId',
          message: `'${value.externalId}' is also the externalId of items[${first}]`,
        });
        return;
      }
      seen.set(value.externalId, index);
    }
    valid.push({ index, value });
  });
  if (rejections.length > 0) {
    throw new PostmortemImportError(rejections, raw.length);
  }
  return { valid, seen };
}

/**
 * Writes a validated import in the caller's transaction: a record whose `externalId` was
 * imported before (`existing`: its postmortem's id) replaces that postmortem, the others
 * are created; one audit event for the import. Answers the ids in the records' order.
 */
export async function writeImport(
  deps: { store: PostmortemStore; audit: AuditStore },
  tx: Knex,
  args: {
    valid: Array<{ index: number; value: ValidPostmortem }>;
    existing: Map<string, string>;
    actor: string;
    now: number;
  },
) {
  const { valid, existing, actor, now } = args;
  let created = 0;
  let updated = 0;
  const out: string[] = [];
  for (const { value } of valid) {
    const id =
      value.externalId !== null ? existing.get(value.externalId) : undefined;
    if (id) {
      await deps.store.update(
        id,
        postmortemRecord(value, actor),
        now,
        null,
        tx,
      );
      updated++;
    } else {
      out.push(
        await deps.store.create(postmortemRecord(value, actor), now, tx),
      );
      created++;
      continue;
    }
    out.push(id);
  }
  await deps.audit.append(
    {
      actorRef: actor,
      action: 'postmortem.imported',
      entityRef: valid[0].value.entityRefs[0],
      details: {
        created,
        updated,
        entityRefs: [...new Set(valid.flatMap(v => v.value.entityRefs))],
      },
    },
    tx,
  );
  return { created, updated, ids: out };
}
