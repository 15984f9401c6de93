// Production-readiness reviews, made as a user would make them: the guest signs in through
// the guest provider and acts as the owning team (attest, submit) and as the SRE team
// (approve, hand back). In the demo the guest is a member of both; see examples/org.yaml.
// Seeded once: only for an entity whose review is still null, so a restart adds nothing.
import type {
  ReliabilityApi,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import { withGuestRetries } from './guest';
import { log } from './log';
import {
  ATTESTATIONS,
  REVIEW_PLANS,
  type ReviewPlan,
  remainingActions,
} from './reviewPlans';

const component = (name: string) => ({
  kind: 'component',
  namespace: 'default',
  name,
});

/** Brings one entity's review to its plan; every step is skipped when already done. */
export async function seedReview(
  client: ReliabilityApi,
  plan: ReviewPlan,
): Promise<string> {
  const ref = component(plan.name);
  const readiness = await client.getReadiness(ref);
  const items = readiness.sections.flatMap(s => s.items);
  const toAttest = items.filter(
    i =>
      i.kind === 'attestation' &&
      (plan.attest === 'all' || plan.attest.includes(i.id)) &&
      i.state !== 'passing',
  );
  for (const item of toAttest) {
    const a = ATTESTATIONS[item.id] ?? {
      statement: `${item.title}: reviewed by the team.`,
      path: item.id,
    };
    await client.attestItem(ref, {
      itemId: item.id,
      statement: a.statement,
      evidenceUrl: `https://docs.example.com/${plan.name}/${a.path}`,
    });
  }
  let state: ReviewState = readiness.review?.state ?? 'draft';
  for (const step of remainingActions(plan, state)) {
    const review = await client.transitionReview(ref, {
      ...step,
      expectedState: state,
    });
    state = review.state;
  }
  const failing = items
    .filter(i => i.kind === 'check' && i.required && i.state !== 'passing')
    .map(i => i.id);
  return `${plan.name}: ${state}${
    toAttest.length ? `, ${toAttest.length} item(s) attested` : ''
  }${failing.length ? `, failing checks: ${failing.join(', ')}` : ''}`;
}

/** Checkout API approved, Cart web a draft, Search API handed back; never throws. */
export async function seedReviews(origin: string): Promise<void> {
  let pending: ReviewPlan[] | undefined;
  await withGuestRetries(
    origin,
    'seeding the readiness reviews',
    async ({ client }) => {
      if (!pending) {
        // Only entities without a review: a restart adds nothing.
        pending = [];
        for (const plan of REVIEW_PLANS) {
          const r = await client.getReadiness(component(plan.name));
          if (r.review === null) pending.push(plan);
          else {
            log(
              `review of ${plan.name}: exists already (${r.review.state}), not seeded`,
            );
          }
        }
      }
      while (pending.length) {
        log(`review seeded, ${await seedReview(client, pending[0])}`);
        pending.shift();
      }
    },
  );
}
