import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The app shell with Material UI renders slowly on a loaded 2-core machine: give findBy and
// waitFor more than the default second.
configure({ asyncUtilTimeout: 5000 });
