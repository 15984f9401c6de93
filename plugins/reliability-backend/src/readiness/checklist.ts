import type {
  ReadinessItem,
  ReadinessTemplate,
} from '@reliability-suite/plugin-reliability-common';
import type { ReadinessVerdict } from '@reliability-suite/plugin-reliability-node';
import type { AttestationRecord } from '../store/ReviewStore';

export type ItemState = 'passing' | 'failing' | 'missing' | 'expired';

export type ItemStatus = {
  item: ReadinessItem;
  state: ItemState;
  reason: string;
  attestation: AttestationRecord | null;
};

const DAY = 86_400_000;

/** An item's state from its rule's verdict or its newest attestation. */
export function itemStatus(
  item: ReadinessItem,
  verdict: ReadinessVerdict | undefined,
  attestation: AttestationRecord | undefined,
  now: number,
): ItemStatus {
  if (item.kind === 'check') {
    return {
      item,
      state: verdict?.passing ? 'passing' : 'failing',
      reason: verdict?.reason ?? `Rule ${item.rule} gave no verdict`,
      attestation: null,
    };
  }
  if (!attestation) {
    return {
      item,
      state: 'missing',
      reason: 'Not attested yet',
      attestation: null,
    };
  }
  if (attestation.expiresAt <= now) {
    return {
      item,
      state: 'expired',
      reason: `Attested by ${attestation.attestedBy}; expired ${new Date(
        attestation.expiresAt,
      )
        .toISOString()
        .slice(0, 10)} (valid ${item.maxAgeDays} days)`,
      attestation,
    };
  }
  return {
    item,
    state: 'passing',
    reason: `Attested by ${attestation.attestedBy}, valid for ${Math.ceil(
      (attestation.expiresAt - now) / DAY,
    )} more day(s)`,
    attestation,
  };
}

/** The checklist's items with their states, and the counts a submission depends on. */
export function evaluateChecklist(
  template: ReadinessTemplate,
  verdicts: Map<string, ReadinessVerdict>,
  attestations: Map<string, AttestationRecord>,
  now: number,
) {
  const sections = template.sections.map(section => ({
    id: section.id,
    title: section.title,
    items: section.items.map(item =>
      itemStatus(item, verdicts.get(item.id), attestations.get(item.id), now),
    ),
  }));
  const all = sections.flatMap(s => s.items);
  const required = all.filter(i => i.item.required);
  const recommended = all.filter(i => !i.item.required);
  const passing = (list: ItemStatus[]) =>
    list.filter(i => i.state === 'passing').length;
  return {
    sections,
    progress: {
      required: required.length,
      requiredPassing: passing(required),
      recommended: recommended.length,
      recommendedPassing: passing(recommended),
      percent: all.length
        ? Math.round((passing(all) / all.length) * 1000) / 10
        : 100,
    },
    failingRequired: required.filter(i => i.state !== 'passing'),
  };
}
