import { parseOptions } from './options';

const env = { RELIABILITY_DEMO_TOKEN: 't0ken' };

describe('parseOptions', () => {
  it('defaults to the local backend, 35 days, streaming', () => {
    expect(parseOptions([], env)).toEqual({
      origin: 'http://localhost:7007',
      days: 35,
      once: false,
      token: 't0ken',
    });
  });

  it('takes --url, --days and --once as scripts/start.sh and the e2e pass them', () => {
    expect(
      parseOptions(
        ['--url', 'http://localhost:7207', '--days', '2', '--once'],
        env,
      ),
    ).toEqual({
      origin: 'http://localhost:7207',
      days: 2,
      once: true,
      token: 't0ken',
    });
  });

  it('names the variable when the token is missing', () => {
    expect(parseOptions(['--once'], {})).toEqual({
      error: 'RELIABILITY_DEMO_TOKEN is not set',
    });
  });
});
