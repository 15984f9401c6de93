import { withGuestRetries } from './guest';

const origin = 'http://backend';

/** The guest provider's answer: a token, and the teams the guest is in. */
const signedIn = (teams: string[]) =>
  Response.json({
    backstageIdentity: {
      token: 'user-token',
      identity: { ownershipEntityRefs: ['user:development/guest', ...teams] },
    },
  });

describe('withGuestRetries', () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
  afterEach(() => {
    fetchMock.mockReset();
    logged.mockClear();
  });

  it('waits until the catalog has put the guest in its teams, then runs the step', async () => {
    fetchMock
      .mockResolvedValueOnce(signedIn([]))
      .mockResolvedValueOnce(
        signedIn(['group:default/team-checkout', 'group:default/team-search']),
      );
    const step = jest.fn(async ({ token }: { token: string }) => token);
    await expect(
      withGuestRetries(origin, 'seeding x', step, { attempts: 3, delay: 0 }),
    ).resolves.toBe('user-token');
    expect(step).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][0]).toBe(
      'http://backend/api/auth/guest/refresh',
    );
    expect(logged).toHaveBeenCalledWith(
      '[demo-data] seeding x, attempt 1/3: the guest is not (yet) a member of group:default/team-checkout, group:default/team-search (it holds user:development/guest); again in 0 s',
    );
  });

  it('gives up after the last attempt without throwing', async () => {
    fetchMock.mockImplementation(async () =>
      Response.json({ error: { message: 'no' } }, { status: 401 }),
    );
    await expect(
      withGuestRetries(origin, 'seeding y', jest.fn(), {
        attempts: 2,
        delay: 0,
      }),
    ).resolves.toBeUndefined();
    expect(logged).toHaveBeenLastCalledWith(
      '[demo-data] seeding y, attempt 2/2: guest sign-in failed with 401: {"error":{"message":"no"}}; giving up',
    );
  });
});
