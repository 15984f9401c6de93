import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import reliabilityPlugin from '@reliability-suite/plugin-reliability/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, reliabilityPlugin, navModule],
});
