import { ResponseError } from '@backstage/errors';
import { ReliabilityClient } from './ReliabilityClient';

/** A client on a fake fetch that records the URLs it is asked for. */
function clientAnswering(response: () => Response) {
  const urls: string[] = [];
  const client = new ReliabilityClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/reliability' },
    fetchApi: {
      fetch: async input => {
        urls.push(String(input));
        return response();
      },
    },
  });
  return { client, urls };
}

describe('ReliabilityClient.getHealth', () => {
  it("asks the plugin's /health and answers its body", async () => {
    const { client, urls } = clientAnswering(() =>
      Response.json({ status: 'ok' }),
    );
    await expect(client.getHealth()).resolves.toEqual({ status: 'ok' });
    expect(urls).toEqual(['http://backend/api/reliability/health']);
  });

  it('throws a ResponseError with the status while the plugin is not up', async () => {
    const { client } = clientAnswering(() =>
      Response.json(
        { error: { name: 'ServiceUnavailableError', message: 'starting' } },
        { status: 503 },
      ),
    );
    const error = await client.getHealth().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(503);
  });
});
