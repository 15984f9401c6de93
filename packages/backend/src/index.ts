/*
 * The demo backend of the Reliability Suite: the catalog, guest sign-in, permissions and the
 * reliability plugins, nothing that needs credentials the demo does not have.
 */
import { createBackend } from '@backstage/backend-defaults';
import { Agent, setGlobalDispatcher } from 'undici';
import { dropRequestsWhoseBodyLeftModule } from './clientLeft';

// Global fetch (undici) keeps an idle loopback socket for the server's hint less a second:
// 64 s against backend.server.keepAliveTimeout (65 s, app-config.yaml), a margin a stalled
// event loop can eat. At most 30 s keeps it well inside the server's timeout.
setGlobalDispatcher(new Agent({ keepAliveMaxTimeout: 30_000 }));

const backend = createBackend();

// A browser leaving a page aborts its pending calls; one whose body was not read yet would be
// logged as a server error ("500 stream is not readable"). The plugins the app sends bodies
// to drop such a request with a line at info level instead (./clientLeft.ts).
for (const pluginId of [
  'permission',
  'catalog',
  'notifications',
  'reliability',
]) {
  backend.add(dropRequestsWhoseBodyLeftModule(pluginId));
}

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// events: lets the catalog subscribe to change events across replicas
backend.add(import('@backstage/plugin-events-backend'));

// catalog, with the OpenSLO and ErrorBudgetPolicy kinds of the Reliability Suite
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@reliability-suite/plugin-catalog-backend-module-reliability'),
);

// permissions (https://backstage.io/docs/permissions/getting-started): everything is
// allowed except the Reliability Suite's entity mutations, which go to the entity's
// responsible parties (see ./modules/permissionPolicy.ts and the README)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// notifications (and signals, to push them to open browsers): error-budget policy state
// changes and freezes reach the owning and SRE teams here
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// the Reliability Suite
backend.add(import('@reliability-suite/plugin-reliability-backend'));
// SLI data pulled from Prometheus, for SLOs whose SLI names `metricSource.type: Prometheus`
backend.add(
  import('@reliability-suite/plugin-reliability-backend-module-prometheus'),
);

backend.start();
