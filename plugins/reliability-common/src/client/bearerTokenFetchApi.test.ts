import { bearerTokenFetchApi } from './bearerTokenFetchApi';

describe('bearerTokenFetchApi', () => {
  const sent = jest.fn();
  beforeEach(() => {
    sent.mockReset();
    jest.spyOn(global, 'fetch').mockImplementation(async (input, init) => {
      sent(input, init);
      return new Response('{}');
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('adds the token to the headers the client gives', async () => {
    await bearerTokenFetchApi('s3cret').fetch('http://backend/api/x', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(sent).toHaveBeenCalledWith('http://backend/api/x', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer s3cret',
      },
    });
  });

  it('sends no Authorization header without a token', async () => {
    await bearerTokenFetchApi(undefined).fetch('http://backend/api/x');
    expect(sent).toHaveBeenCalledWith('http://backend/api/x', {
      headers: {},
    });
  });
});
