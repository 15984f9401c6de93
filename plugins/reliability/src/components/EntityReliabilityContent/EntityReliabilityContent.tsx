import { EmptyState, Link } from '@backstage/core-components';
import {
  ENTITY_RELIABILITY_SECTIONS,
  EntityReliabilitySection,
  entityReliabilitySectionPath,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useCallback, useState } from 'react';
import {
  Link as RouterLink,
  Route,
  Routes,
  useLocation,
  useParams,
} from 'react-router-dom';
import { useWordWrapStyles } from '../shared/wordWrap';
import { Overview, SectionLink } from './Overview';
import {
  AuditSection,
  OwnershipSection,
  PolicySection,
  PostmortemsSection,
  ReadinessSection,
  SlosSection,
} from './Sections';

const SECTION_TITLE: Record<EntityReliabilitySection, string> = {
  overview: 'Overview',
  slos: 'SLOs',
  policy: 'Policy',
  ownership: 'Ownership',
  readiness: 'Readiness',
  postmortems: 'Postmortems',
  audit: 'Audit',
};

/**
 * The URL of the tab itself (`…/reliability`) and the section in the URL: the tab is
 * mounted at `reliability/*` by both frontend systems, and what follows is the section. Read
 * from the splat rather than resolved relatively, so it is the same with and without React
 * Router's v7 relative-splat-path behaviour.
 */
function useTabLocation(): { base: string; sub: string } {
  const { pathname } = useLocation();
  const splat = useParams()['*'] ?? '';
  const path = pathname.replace(/\/+$/, '');
  const base = splat
    ? path.slice(0, path.length - splat.replace(/\/+$/, '').length)
    : path;
  return {
    base: base.replace(/\/+$/, ''),
    sub: splat.split('/')[0] ?? '',
  };
}

function UnknownSection(props: { name: string; overview: string }) {
  return (
    <EmptyState
      missing="info"
      title={`No section “${props.name}” on the Reliability tab`}
      description={`The sections are ${ENTITY_RELIABILITY_SECTIONS.map(
        s => SECTION_TITLE[s],
      ).join(', ')}.`}
      action={<Link to={props.overview}>Go to the overview</Link>}
    />
  );
}

/**
 * The "Reliability" tab: a verdict-first overview and a section each for the SLOs, the
 * error-budget policy (freeze, exceptions, decisions, history), ownership and the
 * responsibility matrix, production readiness, postmortems and the audit trail — each at
 * its own URL (`…/reliability/slos` and so on), so any page or notification can link to it.
 */
export function EntityReliabilityContent() {
  const { base, sub } = useTabLocation();
  const wordWrap = useWordWrapStyles();
  // An action in one section (a freeze, an attestation, a postmortem) adds to the policy
  // history and the audit trail: they reload.
  const [changes, setChanges] = useState(0);
  const onChange = useCallback(() => setChanges(c => c + 1), []);
  const section: SectionLink = useCallback(
    (name, query) => {
      const path = entityReliabilitySectionPath(name);
      return `${base}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`;
    },
    [base],
  );
  const active = (ENTITY_RELIABILITY_SECTIONS as readonly string[]).includes(
    sub || 'overview',
  )
    ? sub || 'overview'
    : false;

  return (
    <Box className={wordWrap.root}>
      <Box mb={2} borderBottom={1} borderColor="divider">
        <Tabs
          value={active}
          aria-label="Reliability sections"
          indicatorColor="primary"
          textColor="primary"
          variant="scrollable"
          scrollButtons="auto"
        >
          {ENTITY_RELIABILITY_SECTIONS.map(s => (
            <Tab
              key={s}
              value={s}
              label={SECTION_TITLE[s]}
              component={RouterLink}
              to={section(s)}
            />
          ))}
        </Tabs>
      </Box>
      <Routes>
        <Route index element={<Overview section={section} />} />
        <Route path="slos" element={<SlosSection />} />
        <Route
          path="policy"
          element={<PolicySection changes={changes} onChange={onChange} />}
        />
        <Route path="ownership" element={<OwnershipSection />} />
        <Route
          path="readiness"
          element={<ReadinessSection onChange={onChange} />}
        />
        <Route
          path="postmortems"
          element={<PostmortemsSection onChange={onChange} />}
        />
        <Route path="audit" element={<AuditSection changes={changes} />} />
        <Route
          path="*"
          element={<UnknownSection name={sub} overview={section('overview')} />}
        />
      </Routes>
    </Box>
  );
}
