/**
 * The `fetchApi` of a {@link ReliabilityClient} used outside a Backstage app (the CLI, the
 * demo's seeder, a script in CI): every request carries `Authorization: Bearer <token>`, a
 * Backstage external-access or user token; without a token, none. The client passes its
 * headers as a plain object, which is kept.
 *
 * @public
 */
export function bearerTokenFetchApi(token: string | undefined): {
  fetch: typeof fetch;
} {
  return {
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string> | undefined),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      }),
  };
}
