import type { PostmortemService } from '../../postmortem/PostmortemService';
import type { RouteAuthorization } from '../authorization';
import { entityRefOfPath } from '../request/entityRef';
import {
  parsePostmortemListQuery,
  parsePostmortemScope,
} from '../request/postmortemQuery';
import type { ApiRouter } from './types';

/** Postmortems: written, imported, listed, and their figures. */
export function postmortemRoutes(
  router: ApiRouter,
  deps: { postmortems: PostmortemService; authorize: RouteAuthorization },
) {
  const { postmortems, authorize } = deps;
  const authorizeOn =
    (req: Parameters<RouteAuthorization['credentials']>[0]) =>
    (entityRefs: string[]) =>
      authorize.postmortemWrite(req, entityRefs);

  router.get(
    '/v1/entities/:kind/:namespace/:name/postmortems',
    async (req, res) => {
      const entityRef = entityRefOfPath(req.params);
      await authorize.entityRead(req, 'GetEntityPostmortems', entityRef);
      const visible = await authorize.visibleEntities(
        req,
        'GetEntityPostmortems',
      );
      res.json(await postmortems.entityPostmortems(entityRef, visible));
    },
  );

  router.get('/v1/postmortems', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'ListPostmortems');
    const { filter, page } = parsePostmortemListQuery(req.query);
    res.json(await postmortems.list({ ...filter, visible }, page));
  });

  router.post('/v1/postmortems', async (req, res) => {
    await authorize.credentials(req);
    res.status(201).json(await postmortems.submit(req.body, authorizeOn(req)));
  });

  // Validation comes first, so that a bad file is told what is wrong with it before the
  // permission check names entities that may only be mistyped; a rejected file is an
  // ItemsRejectedError, answered with every bad record by the error middleware.
  router.post('/v1/postmortems/import', async (req, res) => {
    await authorize.credentials(req);
    res.json(await postmortems.import(req.body.items, authorizeOn(req)));
  });

  router.get('/v1/postmortems/figures', async (req, res) => {
    const visible = await authorize.visibleEntities(
      req,
      'GetPostmortemFigures',
    );
    res.json(
      await postmortems.figures(
        parsePostmortemScope(req.query),
        req.query.months ?? 12,
        visible,
      ),
    );
  });

  router.get('/v1/postmortems/:id', async (req, res) => {
    const { id } = req.params;
    // A postmortem is about its entities: the caller must see every one of them.
    await authorize.entitiesRead(
      req,
      'GetPostmortem',
      id,
      async () => (await postmortems.get(id)).entityRefs,
    );
    res.json(await postmortems.getView(id));
  });

  router.put('/v1/postmortems/:id', async (req, res) => {
    await authorize.credentials(req);
    res.json(
      await postmortems.revise(req.params.id, req.body, authorizeOn(req)),
    );
  });
}
