import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import reliabilityPlugin from '@reliability-suite/plugin-reliability/alpha';
import { navModule } from './modules/nav';

export default createApp({
  // Notifications (with signals for live delivery) show the error-budget policy's state
  // changes and freezes to the owning and SRE teams.
  features: [
    catalogPlugin,
    notificationsPlugin,
    signalsPlugin,
    reliabilityPlugin,
    navModule,
  ],
});
