import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Reliability Suite backend plugin. */
  reliability?: {
    ingest?: {
      /**
       * Oldest timestamp the push API accepts, counted back from now. Must not exceed
       * `storage.rollupAfter`: older minutes have already been folded into hours.
       * @default { days: 36 }
       */
      maxAge?: HumanDuration | string;
      /**
       * How far ahead of the server clock a pushed timestamp may be.
       * @default { minutes: 5 }
       */
      maxFutureSkew?: HumanDuration | string;
    };
    storage?: {
      /**
       * Age after which minute buckets are rolled up into hourly buckets.
       * @default { days: 36 }
       */
      rollupAfter?: HumanDuration | string;
      /**
       * Age after which SLI data is deleted; the default covers a quarter-year calendar
       * window with room to spare.
       * @default { days: 100 }
       */
      retention?: HumanDuration | string;
      /**
       * How often the roll-up and the retention run (the `reliability-sli-maintenance`
       * task, once across replicas); on SQLite the task then refreshes the query planner's
       * statistics (`PRAGMA optimize`).
       * @default { hours: 1 }
       */
      maintenanceFrequency?: HumanDuration | string;
    };
    /**
     * The recorder of page and ticket alert episodes that the SRE time budget counts: it
     * replays each objective's burn history from where its last run stopped.
     */
    alertEpisodes?: {
      /**
       * How often the recorder runs (once across replicas).
       * @default { minutes: 5 }
       */
      frequency?: HumanDuration | string;
      /**
       * How long episodes are kept, long after the SLI data they were replayed from. The
       * time budget's trend (24 months at most) shows only what is kept. At least 1 day.
       * @default { days: 732 }
       */
      retention?: HumanDuration | string;
    };
    evaluation?: {
      /**
       * How often every SLO is evaluated (pushes also trigger evaluation of their SLOs).
       * The pass queues every SLO; every replica's worker takes part in evaluating them.
       * @default { minutes: 5 }
       */
      frequency?: HumanDuration | string;
      /**
       * How long a pushed SLO waits for more pushes before it is evaluated: a stream of
       * pushes for one SLO costs one evaluation per this period.
       * @default { seconds: 5 }
       */
      debounce?: HumanDuration | string;
      /**
       * How long a replica's claim on a batch of queued SLOs lasts unless renewed (it is
       * renewed every third of it while the replica works). A replica that dies holding a
       * claim delays those SLOs by up to this much; another replica then evaluates them.
       * @default { minutes: 1 }
       */
      lease?: HumanDuration | string;
      /**
       * SLOs a replica claims from the queue at a time.
       * @default 50
       */
      batchSize?: number;
      /**
       * How often an idle replica looks for queued SLOs (pushed to another replica, or
       * left by one whose lease passed).
       * @default { seconds: 1 }
       */
      pollInterval?: HumanDuration | string;
    };
    sliSync?: {
      /**
       * How often SLI data is pulled from registered sources (Prometheus, ...).
       * @default { minutes: 1 }
       */
      frequency?: HumanDuration | string;
    };
    /**
     * Data sources that OpenSLO metric sources name with `metricSourceRef`, by name. Checked
     * before DataSource entities of the catalog; the place for credentials.
     */
    dataSources?: {
      [name: string]: {
        /** The source type, e.g. Prometheus. */
        type?: string;
        /** Base URL of the server, e.g. http://prometheus:9090 */
        url?: string;
        /**
         * Extra HTTP headers sent with every query, e.g. `X-Scope-OrgID` for Mimir.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /**
         * Bearer token sent with every query.
         * @visibility secret
         */
        bearerToken?: string;
        /** Query timeout. */
        timeout?: HumanDuration | string;
      };
    };
    catalogSync?: {
      /**
       * How often SLO definitions are re-read from the catalog.
       * @default { minutes: 1 }
       */
      frequency?: HumanDuration | string;
    };
    /** Error-budget policies. */
    policy?: {
      /**
       * The policy for entities that select none (neither themselves, their System nor their
       * Domain carry `reliability-suite.dev/error-budget-policy`). Either a reference to an
       * ErrorBudgetPolicy entity (`errorbudgetpolicy:default/standard`, or just its name), or a
       * policy written here with the same fields as the entity's `spec` (`owner` may be left
       * out) plus an optional `title`. Without it a built-in policy applies: healthy above 25%
       * budget remaining, at risk above 0, exhausted (release freeze) at or below 0.
       */
      default?:
        | string
        | {
            title?: string;
            owner?: string;
            slos?: { tags?: string[] };
            combine?: 'worst' | 'mean';
            states: Array<{
              name: string;
              title?: string;
              remainingAbove?: number;
              consequences: string;
              requiredActions?: string[];
              freeze?: boolean;
            }>;
            autoEnact?: boolean;
            freeze?: {
              exceptionClasses?: Array<{
                name: string;
                description?: string;
                preApproved?: boolean;
              }>;
            };
            postmortem?: { budgetShareAbove: number };
            escalation?: { afterWindows: number; to: string };
          };
    };
    /** The shared-responsibility model. */
    responsibility?: {
      /**
       * RACI letters (any of R, A, C, I in that order; '' for not involved) per engagement
       * model, concern and party, merged over the built-in matrix. Concerns: slo-definition,
       * monitoring-alerting, oncall-primary, oncall-secondary, incident-command, postmortems,
       * capacity-planning, release-management, toil-automation. Parties: owner, sre.
       * Example: `supported: { postmortems: { owner: R, sre: A } }`.
       */
      matrix?: {
        [engagement: string]: {
          [concern: string]: { owner?: string; sre?: string };
        };
      };
      /**
       * How much a supported service weighs on its SRE team, by tier; an untiered service
       * weighs as tier 4.
       * @default { 1: 4, 2: 2, 3: 1, 4: 0.5 }
       */
      tierWeights?: { [tier: string]: number };
      /**
       * The engagement models whose services count towards an SRE team's load.
       * @default ['supported']
       */
      countedEngagements?: string[];
      /**
       * How long one read of the catalog serves the audit, team pages and matrices before the
       * next request reads it again.
       * @default { seconds: 30 }
       */
      cacheFor?: HumanDuration | string;
    };
    /**
     * The request path's cache of catalog entities and their contexts (the entity, its System
     * and Domain, the policy that applies, the SRE team), shared by every request of a
     * backend process: entity summaries, policy views, the gate and policy evaluation read
     * it instead of the catalog.
     */
    catalogCache?: {
      /**
       * How long one catalog read is served: the staleness bound of those answers (a change
       * in the catalog shows in them at most this long after the catalog has it). 0 reads
       * the catalog on every request.
       * @default { seconds: 30 }
       */
      ttl?: HumanDuration | string;
      /**
       * Entities (and as many contexts) kept at most; the least recently used leave first.
       * @default 10000
       */
      maxEntries?: number;
    };
    /**
     * What a caller may see of the catalog, which every read is filtered by: each
     * principal's `catalog.entity.read` decision and, for a restricted caller, the entities
     * it may see, reused for `cacheTtl` (at most 1,000 principals' decisions and 100 visible
     * sets per replica).
     */
    visibility?: {
      /**
       * How long a caller's decision and visible set are reused: a permission or catalog
       * change reaches the reliability reads at most this long after it is made. 0 asks on
       * every request.
       * @default { seconds: 10 }
       */
      cacheTtl?: HumanDuration | string;
    };
    /**
     * The state of the generated Prometheus alerts shown on SLO cards
     * (`GET /v1/slos/{namespace}/{name}/alert-state`): each SLO's answer from its source is
     * served for `ttl`, so a source is asked about one SLO at most once per `ttl` (per
     * replica) however many people look at it.
     */
    alertState?: {
      /**
       * How long one answer (or fault) of the source is served; at least 1 second.
       * @default { seconds: 30 }
       */
      ttl?: HumanDuration | string;
      /**
       * SLOs whose answers are kept at most; the least recently asked leave first.
       * @default 1000
       */
      maxEntries?: number;
    };
    /**
     * How requests start when many arrive at once. Node serves them all on one thread, in
     * the order it reads them, so under load a cheap request waits for every request before
     * it. The deploy gate's checks (`GET /v1/gate`: pipelines wait on them) start as they
     * arrive; the others start from the next turn of Node's event loop, at most `perTurn`
     * in a turn, in arrival order. How many run at once is not bounded.
     */
    requests?: {
      /**
       * How many other requests start in one turn of the event loop: a gate check waits
       * for at most these. 0 starts every request as it arrives (the gate then waits behind
       * the others like any request).
       * @default 4
       */
      perTurn?: number;
    };
    /** The deploy gate (`GET /v1/gate`). */
    deployGate?: {
      /**
       * On PostgreSQL, answer from memory: each replica holds every entity's policy state,
       * freeze in force and exceptions, kept current by notifications the writes send in
       * their transaction (PostgreSQL's LISTEN/NOTIFY; read again every minute). Another
       * replica's change reaches this replica's gate within milliseconds; this replica's own
       * are read from the database until their notification is back. Without the
       * notification connection the gate reads the database. Turn it off where LISTEN does
       * not work (a connection pooler in transaction mode, such as PgBouncer's). SQLite
       * always reads the database.
       * @default true
       */
      fromMemory?: boolean;
    };
    /**
     * The SRE time budget: per SRE team and month, operational work (pages, tickets,
     * incident hours of the services it supports) in engineer-hours against the team's
     * hours (members × hoursPerMemberPerMonth). A team over the cap in its last complete
     * month is over capacity.
     */
    sreTime?: {
      /**
       * The largest share of the team's time operational work may take (above 0, at most 1).
       * @default 0.5
       */
      cap?: number;
      /**
       * Engineer-hours one page costs (response, diagnosis, follow-up).
       * @default 2
       */
      hoursPerPage?: number;
      /**
       * Engineer-hours one hour of incident costs (commander and responders together).
       * @default 3
       */
      hoursPerIncidentHour?: number;
      /**
       * Engineer-hours one ticket-tier burn-rate alert costs.
       * @default 1
       */
      hoursPerTicket?: number;
      /**
       * Hours one team member has for work in a month (after leave, meetings, training).
       * @default 140
       */
      hoursPerMemberPerMonth?: number;
    };
    /** Production-readiness reviews. */
    readiness?: {
      /**
       * Checklist templates; without any, the built-in production-readiness template
       * applies. Each has an id and a version (a review stays on the version it started
       * with), an optional `appliesTo` (tiers and/or engagement models; the most specific
       * match applies) and sections of items: `kind: check` with a `rule` (has-owner,
       * owner-exists, has-sre-team, has-oncall, has-link {type}, has-annotation {name},
       * has-slo, slo-met, no-freeze, or one a module adds) and `params`, or `kind: attestation`
       * with `maxAgeDays`; each `required` or not.
       */
      templates?: Array<{
        id: string;
        version: number;
        title: string;
        appliesTo?: { tiers?: number[]; engagements?: string[] };
        sections: Array<{
          id: string;
          title: string;
          items: Array<{
            id: string;
            title: string;
            description?: string;
            kind: 'check' | 'attestation';
            rule?: string;
            params?: { [name: string]: string | number | boolean };
            required: boolean;
            maxAgeDays?: number;
          }>;
        }>;
      }>;
    };
  };
}
