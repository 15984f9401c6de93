import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { unload } from 'swr';

// The app shell with Material UI renders slowly on a loaded 2-core machine: give findBy and
// waitFor more than the default second.
configure({ asyncUtilTimeout: 5000 });

// Backstage's usePermission keeps each decision in SWR's process-wide cache, keyed by the
// permission and the resource. Without clearing it, a test that denies first renders the
// "allowed" of the test before it (same permission, same entity) until SWR revalidates.
afterEach(() => unload({ revalidate: false }));
