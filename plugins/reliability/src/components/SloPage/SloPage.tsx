import { Content, Header, Link, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useParams } from 'react-router-dom';
import { useRootLink } from '../shared/usePageLinks';
import { SloPageContent } from './SloPageContent';

/** `/reliability/slos/:namespace/:name`: one SLO's page, with a link to its catalog entity. */
export function SloPage() {
  const { namespace = '', name = '' } = useParams();
  const rootLink = useRootLink();
  const entityLink = useRouteRef(entityRouteRef);
  return (
    <SloPageContent
      namespace={namespace}
      name={name}
      extra={
        <Box alignSelf="center">
          <Link to={entityLink({ kind: 'slo', namespace, name })}>
            Catalog entity
          </Link>
        </Box>
      }
      layout={(title, content) => (
        <Page themeId="tool">
          <Header
            title={title ?? name}
            subtitle="Service level objective"
            type="SLOs"
            typeLink={rootLink}
          />
          <Content>{content}</Content>
        </Page>
      )}
    />
  );
}
