import { ConfigReader } from '@backstage/config';
import { DEFAULT_TIME_BUDGET_SETTINGS } from '@reliability-suite/plugin-reliability-common';
import { readReliabilityConfig } from './config';

describe('readReliabilityConfig: sreTime', () => {
  it('defaults to a 50 % cap and the documented hours', () => {
    expect(readReliabilityConfig(new ConfigReader({})).sreTime).toEqual(
      DEFAULT_TIME_BUDGET_SETTINGS,
    );
    expect(DEFAULT_TIME_BUDGET_SETTINGS).toEqual({
      cap: 0.5,
      hoursPerPage: 2,
      hoursPerIncidentHour: 3,
      hoursPerTicket: 1,
      hoursPerMemberPerMonth: 140,
    });
  });

  it('takes overrides', () => {
    expect(
      readReliabilityConfig(
        new ConfigReader({
          reliability: { sreTime: { cap: 0.4, hoursPerMemberPerMonth: 120 } },
        }),
      ).sreTime,
    ).toEqual({
      ...DEFAULT_TIME_BUDGET_SETTINGS,
      cap: 0.4,
      hoursPerMemberPerMonth: 120,
    });
  });

  it('rejects a bad value naming its key', () => {
    expect(() =>
      readReliabilityConfig(
        new ConfigReader({ reliability: { sreTime: { cap: 1.5 } } }),
      ),
    ).toThrow(
      'Invalid configuration: reliability.sreTime.cap: must be a share above 0 and at most 1 (0.5 is 50 %); got 1.5',
    );
    expect(() =>
      readReliabilityConfig(
        new ConfigReader({ reliability: { sreTime: { hoursPerPage: -2 } } }),
      ),
    ).toThrow(/reliability\.sreTime\.hoursPerPage: must be 0 or more/);
  });
});

describe('readReliabilityConfig: evaluation', () => {
  it('defaults to the documented timings of the shared queue', () => {
    expect(readReliabilityConfig(new ConfigReader({})).evaluation).toEqual({
      frequency: { minutes: 5 },
      debounceMs: 5_000,
      leaseMs: 60_000,
      batchSize: 50,
      pollMs: 1_000,
    });
  });

  it('takes overrides, durations in either form', () => {
    expect(
      readReliabilityConfig(
        new ConfigReader({
          reliability: {
            evaluation: {
              debounce: { seconds: 2 },
              lease: 'PT2M',
              batchSize: 200,
              pollInterval: { milliseconds: 250 },
            },
          },
        }),
      ).evaluation,
    ).toMatchObject({
      debounceMs: 2_000,
      leaseMs: 120_000,
      batchSize: 200,
      pollMs: 250,
    });
  });

  it('rejects a batch size or lease that cannot work', () => {
    const read = (evaluation: object) => () =>
      readReliabilityConfig(new ConfigReader({ reliability: { evaluation } }));
    expect(read({ batchSize: 0 })).toThrow(
      'reliability.evaluation.batchSize must be an integer from 1 to 1000',
    );
    expect(read({ lease: { milliseconds: 10 } })).toThrow(
      'reliability.evaluation.lease must be at least 1 second',
    );
  });
});

describe('readReliabilityConfig: catalogCache', () => {
  it('defaults to 30 s and 10,000 entries', () => {
    expect(readReliabilityConfig(new ConfigReader({})).catalogCache).toEqual({
      ttlMs: 30_000,
      maxEntries: 10_000,
    });
  });

  it('takes a TTL of 0 (no caching) and a size', () => {
    expect(
      readReliabilityConfig(
        new ConfigReader({
          reliability: {
            catalogCache: { ttl: { seconds: 0 }, maxEntries: 50 },
          },
        }),
      ).catalogCache,
    ).toEqual({ ttlMs: 0, maxEntries: 50 });
  });

  it('rejects a size below 1 naming its key', () => {
    expect(() =>
      readReliabilityConfig(
        new ConfigReader({ reliability: { catalogCache: { maxEntries: 0 } } }),
      ),
    ).toThrow(/reliability\.catalogCache\.maxEntries/);
  });
});

describe('readReliabilityConfig: alertState', () => {
  it('defaults to 30 s and 1,000 SLOs', () => {
    expect(readReliabilityConfig(new ConfigReader({})).alertState).toEqual({
      ttlMs: 30_000,
      maxEntries: 1_000,
    });
  });

  it('takes a TTL and a size', () => {
    expect(
      readReliabilityConfig(
        new ConfigReader({
          reliability: { alertState: { ttl: '2m', maxEntries: 50 } },
        }),
      ).alertState,
    ).toEqual({ ttlMs: 120_000, maxEntries: 50 });
  });

  it.each([
    [{ maxEntries: 0 }, /reliability\.alertState\.maxEntries/],
    [
      { ttl: { seconds: 0 } },
      /reliability\.alertState\.ttl: must be at least 1 second/,
    ],
  ])('rejects %j naming its key', (alertState, message) => {
    expect(() =>
      readReliabilityConfig(new ConfigReader({ reliability: { alertState } })),
    ).toThrow(message);
  });
});

describe('readReliabilityConfig: alertEpisodes and maintenance', () => {
  it('defaults to a 5-minute recorder keeping two years, hourly maintenance', () => {
    const settings = readReliabilityConfig(new ConfigReader({}));
    expect(settings.alertEpisodes).toEqual({
      frequency: { minutes: 5 },
      retentionMs: 732 * 24 * 3_600_000,
    });
    expect(settings.storage.maintenanceFrequency).toEqual({ hours: 1 });
  });

  it('takes overrides, durations in either form', () => {
    const settings = readReliabilityConfig(
      new ConfigReader({
        reliability: {
          alertEpisodes: { frequency: '15m', retention: { days: 400 } },
          storage: { maintenanceFrequency: { minutes: 30 } },
        },
      }),
    );
    expect(settings.alertEpisodes.retentionMs).toBe(400 * 24 * 3_600_000);
    expect(settings.alertEpisodes.frequency).toEqual({ minutes: 15 });
    expect(settings.storage.maintenanceFrequency).toEqual({ minutes: 30 });
  });

  it('rejects a retention under a day naming its key', () => {
    expect(() =>
      readReliabilityConfig(
        new ConfigReader({
          reliability: { alertEpisodes: { retention: '2h' } },
        }),
      ),
    ).toThrow(/reliability\.alertEpisodes\.retention: must be at least 1 day/);
  });
});

describe('readReliabilityConfig: visibility', () => {
  it('reuses the catalog visibility of a caller for 10 s by default', () => {
    expect(readReliabilityConfig(new ConfigReader({})).visibility).toEqual({
      cacheTtlMs: 10_000,
    });
  });

  it('takes a Backstage duration, 0 included', () => {
    const ttl = (cacheTtl: unknown) =>
      readReliabilityConfig(
        new ConfigReader({ reliability: { visibility: { cacheTtl } } } as any),
      ).visibility.cacheTtlMs;
    expect(ttl('2s')).toBe(2_000);
    expect(ttl({ seconds: 0 })).toBe(0);
  });
});

describe('readReliabilityConfig: requests', () => {
  const perTurn = (value: unknown) =>
    readReliabilityConfig(
      new ConfigReader({
        reliability: { requests: { perTurn: value } },
      } as any),
    ).requests.perTurn;

  it('starts at most 4 waiting requests a turn by default', () => {
    expect(readReliabilityConfig(new ConfigReader({})).requests).toEqual({
      perTurn: 4,
    });
  });

  it('takes a number, 0 (every request at once) included', () => {
    expect(perTurn(16)).toBe(16);
    expect(perTurn(0)).toBe(0);
  });

  it('rejects a negative or fractional number naming its key', () => {
    expect(() => perTurn(-1)).toThrow(/reliability\.requests\.perTurn/);
    expect(() => perTurn(2.5)).toThrow(/reliability\.requests\.perTurn/);
  });
});

describe('readReliabilityConfig: deployGate', () => {
  const fromMemory = (value: unknown) =>
    readReliabilityConfig(
      new ConfigReader({
        reliability: { deployGate: { fromMemory: value } },
      } as any),
    ).deployGate.fromMemory;

  it('answers from memory by default, and can be told not to', () => {
    expect(readReliabilityConfig(new ConfigReader({})).deployGate).toEqual({
      fromMemory: true,
    });
    expect(fromMemory(false)).toBe(false);
  });

  it('rejects what is not a boolean, naming its key', () => {
    expect(() => fromMemory('sometimes')).toThrow(
      /reliability\.deployGate\.fromMemory/,
    );
  });
});
