// A leadership decision, once (while Cart web has none): Cart web's availability target
// was loosened from 99.5% to 99% three days ago (sloHistory.ts), and leadership records the
// decision it carried out, so /reliability/decisions shows a decision taken with its
// follow-up (the loosened target). The Ledger's spent budget, with no decision, is what
// waits on leadership there.
import { withGuestRetries } from './guest';
import { log } from './log';

const CART_WEB = { kind: 'component', namespace: 'default', name: 'cart-web' };

/** Records Cart web's loosen-slo decision once; never throws. */
export async function seedDecisions(origin: string): Promise<void> {
  await withGuestRetries(
    origin,
    'recording the leadership decision',
    async ({ client }) => {
      const policy = await client.getEntityPolicy(CART_WEB);
      if (policy.escalation?.decision) {
        log('leadership decision: recorded already, not seeded');
        return;
      }
      await client.recordDecision(CART_WEB, {
        decision: 'loosen-slo',
        reason:
          'Cart pages at 99.5% cost a freeze a month; 99% is what customers notice. Loosened in cart-web/slos.yaml@8b0c4de.',
        link: 'https://git.example.com/shop/cart-web/-/commit/8b0c4de',
      });
      log('leadership decision recorded for cart-web (loosen-slo)');
    },
  );
}
