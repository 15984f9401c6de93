// ******************************************************************
// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.              *
// * Edit plugins/reliability-backend/src/schema/openapi.yaml and    *
// * run `yarn generate:openapi`.                                    *
// ******************************************************************
/* eslint-disable */
/**
 * The OpenAPI schema's `paths`, as openapi-typescript types them.
 *
 * @public
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness of the plugin; answers without credentials. */
    get: operations['GetHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The reliability summary of one catalog entity. */
    get: operations['GetEntitySummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail: every state change the suite recorded (enactments, sign-offs,
     *     attestations, postmortem edits), newest first.
     */
    get: operations['ListAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The organisation-wide list of SLO objectives with their evaluated status, most
     *     urgent first: paging (a page-tier burn-rate alert firing), budget exhausted,
     *     ticket (a ticket-tier alert firing), at risk (less than 25% of the budget left),
     *     healthy, no data; within each, least budget left first. Searchable by words and
     *     filtered by the service's owner, system, tier, policy, freeze or the state.
     */
    get: operations['ListSlos'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One SLO with the status of each objective and, for charts, its SLI and burn-down
     *     series over the SLO window (or its last 7 days or day, see `range`), downsampled to
     *     at most 500 points.
     */
    get: operations['GetSlo'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos/{namespace}/{name}/alert-state': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Whether the Prometheus alerts generated from the SLO (`GET /v1/prometheus-rules`,
     *     `reliability generate prometheus-rules`) are pending or firing in its source now, per
     *     objective, asked of the source (`ALERTS{sloth_id=~...}`) and cached per SLO for
     *     `reliability.alertState.ttl` (30 s). For an SLO whose data are pushed, or whose
     *     source cannot tell, `state` is `unsupported`; a source that fails gives
     *     `state: error` with the fault (never a 5xx), so the card shows it.
     */
    get: operations['GetSloAlertState'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/prometheus-rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Prometheus rules (SLI recording rules, period rules and the multi-window
     *     multi-burn-rate alerts) of every catalog SLO whose SLI reads from Prometheus, as one
     *     rule file, for a GitOps job or a sidecar to write where Prometheus loads its rules.
     *     SLOs that cannot be expressed are left out and named, with the reason, in comment
     *     lines at the top of the file (`# problem: ...`) and counted in the
     *     `Reliability-Rule-Problems` header: one SLO never stops the others' rules.
     */
    get: operations['GetPrometheusRules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos/{namespace}/{name}/revisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The refinement history of an SLO: each definition it has had, oldest first, from when the catalog delivered it, with where it came from, what changed from the one before, and each objective's error budget just before the change, at it (under the new definition) and when the definition was next changed (or now). */
    get: operations['GetSloRevisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slos/{namespace}/{name}/revisions/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Imports an SLO's definitions from before the catalog delivered it — typically each version of its file in git, with the commit's time and URL — so that its history, and the evaluation of windows reaching back before the first delivery, use the definitions then in force. Replaces what an earlier import brought; never touches what the catalog delivered. Every item must precede the first delivery; the last may equal the first delivered definition, saying since when it has been in force. All or nothing: a rejected import writes nothing.
     *     Needs the `reliability.slo.history.write` permission on the SLO's service.
     */
    post: operations['ImportSloRevisions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/slo-refinements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Changes of SLO definitions across the org, newest first: targets tightened or loosened, windows and budgeting methods changed, objectives added or removed. First definitions are not listed. */
    get: operations['ListSloRefinements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sli/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pushes SLI data: good and total (or bad) event counts for an SLO objective at a
     *     time. Each item lands in the bucket (1 minute by default) that contains its
     *     timestamp. The batch is atomic: if any item is rejected, nothing is written and the
     *     answer lists every rejected item with the field and the reason.
     *
     *     Modes: `replace` (default) — each bucket named in the batch gets the sum of the
     *     batch's items for it, replacing what it held, so a retried batch changes nothing.
     *     `add` — the batch's counts are added to the buckets; it needs a `batchId`, and a
     *     batch id seen before is acknowledged without being applied again.
     *     Needs the `reliability.sli.write` permission.
     */
    post: operations['PushSliEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The error-budget policy that applies to the entity, where it was selected (the entity,
     *     its System, its Domain or the app-config default), the state the policy recommends
     *     from the budget, the freeze in force, its open exceptions and the escalation.
     */
    get: operations['GetEntityPolicy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/policy/freeze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Enacts a release freeze for the entity. Needs `reliability.policy.enact` on the
     *     entity; answers 409 when a freeze is already in force.
     */
    post: operations['EnactFreeze'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/policy/lift': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Lifts the freeze in force. Needs `reliability.policy.enact` on the entity; answers
     *     409 when there is no freeze to lift.
     */
    post: operations['LiftFreeze'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/policy/exceptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Lets one change ship during the freeze in force. The exception class must be one the
     *     policy names. Needs `reliability.policy.enact` on the entity; answers 409 when no
     *     freeze is in force or the change already has an exception.
     */
    post: operations['GrantException'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/policy/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Records leadership's decision on an escalated entity: fund reliability work, loosen
     *     the SLO, or accept the risk until a date. Needs `reliability.policy.enact` on the entity.
     */
    post: operations['RecordDecision'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Leadership's view of error-budget policies: the entities waiting for a decision (budget spent with no decision for this out-of-budget period; the escalation due or overdue where the policy escalates), the decisions taken in the last `months` months with their follow-up (a loosened SLO target, action items labelled `funded`, an acceptance's date), counts by Domain (entity → System → Domain; `domainRef` null for none) and decisions per UTC month and kind. */
    get: operations['GetDecisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/gate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The deploy gate: may a change of this entity ship now? Blocked only while a freeze is
     *     in force, unless the change has an exception or declares a pre-approved class. Meant
     *     for CI/CD with an external-access token.
     */
    get: operations['CheckGate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every error-budget policy in use or in the catalog, with the entities under each by state. */
    get: operations['ListPolicies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/policies/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One policy: its states and rules, and the entities under it with their state. The
     *     app-config default is `app-config/default`.
     */
    get: operations['GetPolicy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/responsibility': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who does what for the entity: owner, SRE team, engagement model, tier, on-call and
     *     runbook / dashboard / playbook links (inherited from its System and Domain where it sets
     *     none), and the responsibility matrix of its engagement model.
     */
    get: operations['GetEntityResponsibility'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/teams/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A group's services: those it owns and those it supports as an SRE team, with their
     *     tier, engagement and budget state, and its SRE load against its capacity.
     */
    get: operations['GetTeam'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sre-teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every SRE team (a group some entity names as its SRE team, or that declares a capacity) with its load and capacity, most loaded first. */
    get: operations['ListSreTeams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sre-teams/{namespace}/{name}/time-budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An SRE team's time budget by calendar month (UTC), oldest first, the current month last
     *     (partial: counted up to now, its team hours prorated): pages and tickets (burn-rate alert
     *     episodes of the services it supports under a counted engagement model; a ticket during a
     *     page of the same objective is not counted), incidents and their hours (postmortems of
     *     those services), action items it owns (open at the month's end, closed in the month,
     *     toil-reduction among them), operational hours against the team's hours, and the share
     *     against the cap. `overCap` is decided on the latest complete month.
     */
    get: operations['GetSreTimeBudget'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sre-time-budget': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every SRE team's time budget status over the last 6 months: the current month, the
     *     latest complete month (which decides `overCap`) and the trend; teams over the cap
     *     first, then by share.
     */
    get: operations['ListSreTimeBudgets'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The ownership audit: findings per entity with severity and a one-line fix, filtered
     *     and paginated, errors first. Computed from the catalog and the SLO status (at most a
     *     minute old).
     */
    get: operations['ListAuditFindings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/export.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every finding matching the filters, as CSV (RFC 4180, a header row). */
    get: operations['ExportAuditFindings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The findings counted by owning team, most errors first. */
    get: operations['GetAuditSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/readiness': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The entity's production-readiness checklist (the template that applies, or the one its
     *     review is pinned to), each item's state with its reason or evidence, progress, and the
     *     review with its state.
     */
    get: operations['GetReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/readiness/attestations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Attests an item with a statement and an evidence URL; needs `reliability.review.attest` on the entity (the owning team in the demo). Starts a draft review when there is none. */
    post: operations['AttestItem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/readiness/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Comments on the review or one of its items; needs `reliability.review.attest` or `reliability.review.signoff` on the entity. */
    post: operations['CommentReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/readiness/review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Moves the review: submit and reopen need `reliability.review.attest`, approve / request-changes / hand-back need `reliability.review.signoff` (the SRE team in the demo). Submitting needs every required item passing. With `expectedState`, a review that moved meanwhile answers 409. */
    post: operations['TransitionReview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reviews': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The review queue, oldest first, e.g. the submitted reviews an SRE team has to look at. */
    get: operations['ListReviews'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/entities/{kind}/{namespace}/{name}/postmortems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The postmortems of incidents that affected the entity (newest first) with their figures and the error budget each consumed, MTTD/MTTR by month, and the page-tier burn episodes of its SLOs' current windows that need a postmortem under its error-budget policy. */
    get: operations['GetEntityPostmortems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/postmortems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every postmortem in the organisation, newest incident first, so every team can learn from every postmortem. */
    get: operations['ListPostmortems'];
    put?: never;
    /** Records a postmortem; needs `reliability.postmortem.write` on every affected entity (members of its owning or SRE team in the demo). */
    post: operations['CreatePostmortem'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/postmortems/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bulk import from a team's archive: every record is checked first and nothing is written unless all are valid (400 naming each rejected record and field). A record with an `externalId` already imported replaces that postmortem, so re-running an import changes nothing twice. Needs `reliability.postmortem.write` on every affected entity. */
    post: operations['ImportPostmortems'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/postmortems/figures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** MTTD and MTTR by month (UTC month of the incident start) for one entity, one team (the entities it owns) or the whole organisation, and open and overdue action items by owning team. */
    get: operations['GetPostmortemFigures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/postmortems/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One postmortem with its figures and the budget it consumed. */
    get: operations['GetPostmortem'];
    /** Replaces a postmortem (its action items included); needs `reliability.postmortem.write` on every entity it affected before and after. With `expectedUpdatedAt`, a postmortem changed meanwhile answers 409. */
    put: operations['UpdatePostmortem'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
/**
 * The OpenAPI schema's `components`, as openapi-typescript types them.
 *
 * @public
 */
export interface components {
  schemas: {
    SloAlertState: {
      sloRef: string;
      /** The source the SLO's data are read from (e.g. Prometheus); null when they are pushed. */
      sourceType: string | null;
      /**
       * ok: the source answered, see objectives; unsupported: the source cannot tell,
       *     see reason; error: asking it failed, see error.
       */
      state: 'ok' | 'unsupported' | 'error';
      reason: string | null;
      error: {
        /** unreachable, query-error, configuration, ... */
        kind: string;
        message: string;
      } | null;
      /**
       * Format: date-time
       * When the source was asked (the answer is cached for a while).
       */
      checkedAt: string | null;
      /** Per objective; `rulesLoaded` and `alerts` say something only when state is ok. */
      objectives: {
        name: string;
        /** The `sloth_id` label of the objective's generated series and alerts. */
        slothId: string;
        /** Whether the source holds the generated rules' series of the objective at all. */
        rulesLoaded: boolean;
        /** The objective's generated alerts pending or firing now, firing first. */
        alerts: {
          alertName: string;
          /** The `sloth_severity` label (page, ticket), when the alert has one. */
          severity?: string;
          state: 'pending' | 'firing';
        }[];
      }[];
    };
    Health: {
      status: 'ok';
    };
    EntitySummary: {
      /** The entity's full reference, kind:namespace/name, lower-cased. */
      entityRef: string;
      /** The SLOs whose service is this entity. */
      slos: components['schemas']['SloSummary'][];
      /** Systems and Domains only: the components it holds (a Domain's through its Systems), each with its SLO and policy state, worst SLO state first. */
      components?: components['schemas']['TeamService'][];
    };
    SloSummary: {
      sloRef: string;
      name: string;
      title: string;
      budgetingMethod?: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
      /** The SLO window in words, e.g. "rolling 28d" or "calendar month (Europe/Berlin)". */
      window?: string;
      objectives: components['schemas']['ObjectiveStatus'][];
    };
    /**
     * exhausted: no budget left; critical: a page-tier burn-rate alert fires; warning: a
     *     ticket-tier alert fires; healthy: none of those; no-data: no SLI data in the window.
     */
    SloState: 'exhausted' | 'critical' | 'warning' | 'healthy' | 'no-data';
    ObjectiveStatus: {
      name: string;
      target: number;
      state: components['schemas']['SloState'];
      sli: number | null;
      goodEvents: number;
      totalEvents: number;
      errorBudget: {
        consumed: number;
        remaining: number;
        total: number;
        spent: number;
        unit: 'events' | 'ms';
      };
      burnRates: {
        [key: string]: number | null;
      };
      alerts: {
        severity: 'page' | 'ticket';
        longWindow: string;
        shortWindow: string;
        factor: number;
        firing: boolean;
      }[];
      /**
       * Format: date-time
       * When the budget runs out at the current burn (the rate over forecastBurnWindow); null when nothing is being spent.
       */
      forecastExhaustionAt?: string | null;
      /**
       * The burn window whose rate the forecast extrapolates, the long window of the fastest firing alert tier, else the lower of 3d and 6h. Absent from statuses stored before it was introduced.
       */
      forecastBurnWindow?: '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';
      /**
       * ok: the buckets received (idle ones, of total 0, included) cover at least 90 % of
       *     the elapsed window; partial: they cover less (a window still being back-filled, or
       *     gaps), and the figures are those of the data there is so far; no-data: no event in
       *     the window.
       */
      dataQuality: 'ok' | 'partial' | 'no-data';
      /** The share of the elapsed window covered by the buckets received, idle ones included. Absent from a snapshot stored before the field existed. */
      dataCoverage?: number;
      source?: components['schemas']['SourceStatus'];
      /** Format: date-time */
      windowStart: string;
      /** Format: date-time */
      windowEnd: string;
      /** Format: date-time */
      evaluatedAt: string;
      /** Present when the objective's target changed inside the window. Each period is judged by the definition in force then; the error budget is their sum. */
      definitionPeriods?: {
        /** Format: date-time */
        from: string;
        /**
         * Format: date-time
         * The next change, or the end of the window for the last.
         */
        to: string;
        target: number;
        timeSliceTarget?: number;
        /** In the unit of the error budget. */
        spent: number;
        /** What the period contributes to the budget. */
        budget: number;
      }[];
    };
    /**
     * For SLIs pulled from a source (Prometheus, ...): how current the data is. stale — the
     *     source could not be reached, data stops at dataUntil; error — the source answered but
     *     the SLI cannot be read (errorKind: query-error, empty-result, ambiguous-result,
     *     configuration). Missing ranges count neither good nor bad.
     */
    SourceStatus: {
      type: string;
      state: 'ok' | 'stale' | 'error';
      errorKind?: string | null;
      reason?: string | null;
      /** Format: date-time */
      dataUntil?: string | null;
      /** Format: date-time */
      lastSuccessAt?: string | null;
    };
    SloDetail: components['schemas']['SloSummary'] & {
      serviceRef: string;
      /** The SLO entity's owner as the catalog gave it, if any. */
      ownerRef?: string | null;
      /**
       * The span of the series, as requested.
       */
      range?: 'window' | '7d' | '1d';
      /** Per objective, the chart series over the range. */
      series: {
        objective: string;
        /**
         * Format: date-time
         * The start of the SLO window evaluated.
         */
        windowStart?: string;
        /**
         * Format: date-time
         * The end of the window's period, where an ideal burn (the budget spent evenly) reaches 0 — the evaluation time for a rolling window, the end of the calendar period for a calendar one.
         */
        periodEnd?: string;
        /**
         * Format: date-time
         * The end of the newest bucket received in the window; null when none was.
         */
        lastDataAt?: string | null;
        points: {
          /** Format: date-time */
          t: string;
          good: number;
          total: number;
          /** Budget remaining at t, as a fraction. */
          remaining: number | null;
        }[];
      }[];
    };
    SloListItem: {
      sloRef: string;
      title: string;
      serviceRef: string;
      ownerRef?: string | null;
      systemRef?: string | null;
      objective: components['schemas']['ObjectiveStatus'];
      /** The error-budget policy of the service and the state it recommends. */
      policy?: {
        ref: string;
        state: string | null;
        /** The service's counted SLOs with data for only part of their window so far. */
        partial?: number;
        frozen: boolean;
      } | null;
    };
    SloListPage: {
      items: components['schemas']['SloListItem'][];
      totalCount: number;
    };
    SliEvent: {
      /** The SLO entity, e.g. slo:default/checkout-availability (kind SLO is the default). */
      slo: string;
      /** The objective's name; may be left out when the SLO has one objective. */
      objective?: string;
      /** ISO 8601 date-time, or epoch milliseconds. */
      timestamp: string | number;
      good?: number;
      bad?: number;
      total?: number;
    };
    SliEventBatch: {
      /**
       * Default: replace
       */
      mode: 'replace' | 'add';
      batchId?: string;
      items: components['schemas']['SliEvent'][];
    };
    SliPushResult: {
      /** Items accepted. */
      accepted: number;
      /** Buckets written. */
      buckets: number;
      /** True when an add-mode batch id had been applied before. */
      duplicate: boolean;
    };
    /** Backstage's error format, plus every rejected item. */
    SliPushRejection: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
      items: {
        index: number;
        field: string;
        message: string;
      }[];
    };
    FreezeRequest: {
      reason: string;
      /** Format: uri */
      link?: string;
    };
    ExceptionRequest: {
      /** The change this exception lets through (commit, pull request, release). */
      changeId: string;
      exceptionClass: string;
      reason: string;
      /** Format: uri */
      link?: string;
    };
    DecisionRequest: {
      decision: 'fund-reliability' | 'loosen-slo' | 'accept-risk';
      reason: string;
      /** Format: uri */
      link?: string;
      /**
       * Format: date-time
       * Required for accept-risk; the date the risk is accepted until.
       */
      acceptUntil?: string;
    };
    Freeze: {
      id: string;
      entityRef: string;
      policyRef: string;
      /** Format: date-time */
      startedAt: string;
      startedBy: string;
      reason: string;
      link?: string | null;
      /** Started by the policy's autoEnact. */
      automatic: boolean;
      budgetRemaining?: number | null;
      /** Format: date-time */
      liftedAt?: string | null;
      liftedBy?: string | null;
      liftReason?: string | null;
    };
    PolicyException: {
      id: string;
      entityRef: string;
      freezeId: string;
      changeId: string;
      exceptionClass: string;
      reason: string;
      link?: string | null;
      grantedBy: string;
      /** Format: date-time */
      grantedAt: string;
      budgetRemaining?: number | null;
    };
    LeadershipDecision: {
      id: string;
      entityRef: string;
      policyRef: string;
      decision: 'fund-reliability' | 'loosen-slo' | 'accept-risk';
      reason: string;
      link?: string | null;
      /** Format: date-time */
      acceptUntil?: string | null;
      decidedBy: string;
      /** Format: date-time */
      decidedAt: string;
      budgetRemaining?: number | null;
    };
    PendingDecision: {
      entityRef: string;
      title: string;
      domainRef: string | null;
      policyRef: string;
      /**
       * escalation-due: the policy's `afterWindows`-th window out of budget has begun; escalation-overdue: a further window began without a decision; budget-exhausted: spent, not escalated (yet, or the policy does not escalate).
       */
      reason: 'escalation-overdue' | 'escalation-due' | 'budget-exhausted';
      state: string | null;
      remaining: number | null;
      /** Format: date-time */
      outOfBudgetSince: string | null;
      windowsOutOfBudget: number;
      escalation: {
        afterWindows: number;
        to: string;
        /**
         * Format: date-time
         * When the escalation falls (or fell) due.
         */
        dueAt: string | null;
      } | null;
      previousDecision: {
        decision: 'fund-reliability' | 'loosen-slo' | 'accept-risk';
        /** Format: date-time */
        decidedAt: string;
      } | null;
    };
    DecisionFollowUp: {
      kind: 'refinement' | 'action-items' | 'acceptance';
      status: 'done' | 'missing' | 'in-progress' | 'active' | 'expired';
      refinement?: {
        sloRef: string;
        title: string;
        /** Format: date-time */
        effectiveFrom: string;
        targets: {
          objective: string;
          before: number;
          after: number;
        }[];
      };
      actionItems?: {
        postmortemId: string;
        postmortemTitle: string;
        title: string;
        status: components['schemas']['ActionItemStatus'];
        ownerRef: string | null;
        /** Format: date-time */
        dueAt: string | null;
      }[];
      /** Format: date-time */
      until?: string | null;
    };
    TakenDecision: components['schemas']['LeadershipDecision'] & {
      title: string;
      domainRef: string | null;
      followUp: components['schemas']['DecisionFollowUp'];
    };
    DecisionMonth: {
      /** UTC month, YYYY-MM. */
      month: string;
      'fund-reliability': number;
      'loosen-slo': number;
      'accept-risk': number;
    };
    Decisions: {
      /** Format: date-time */
      generatedAt: string;
      months: number;
      pending: components['schemas']['PendingDecision'][];
      /** Decisions taken in the period; `taken` lists the newest 100. */
      takenTotal: number;
      taken: components['schemas']['TakenDecision'][];
      byDomain: {
        domainRef: string | null;
        title: string | null;
        pending: number;
        taken: number;
      }[];
      trend: components['schemas']['DecisionMonth'][];
    };
    PolicyStateSpec: {
      name: string;
      title?: string;
      remainingAbove?: number;
      consequences: string;
      requiredActions?: string[];
      freeze?: boolean;
    };
    /** A policy as it applies; the app-config default is errorbudgetpolicy:app-config/default. */
    Policy: {
      ref: string;
      title: string;
      description?: string | null;
      ownerRef: string | null;
      states: components['schemas']['PolicyStateSpec'][];
      combine: 'worst' | 'mean';
      /** Only SLOs with one of these tags count; empty or absent means all. */
      sloTags?: string[];
      autoEnact: boolean;
      exceptionClasses: {
        name: string;
        description?: string;
        preApproved?: boolean;
      }[];
      postmortemBudgetShareAbove?: number | null;
      escalation?: {
        afterWindows: number;
        to: string;
      } | null;
    };
    /** The state the policy recommends from the budget. */
    PolicyStatus: {
      /** The policy state's name; null when no counted SLO has data. */
      state: string | null;
      title?: string | null;
      consequences?: string | null;
      requiredActions?: string[];
      freezeRecommended?: boolean;
      remaining: number | null;
      /** Format: date-time */
      since?: string | null;
      counted: number;
      noData: number;
      /** Counted SLOs with data for only part of their window so far (a back-fill under way); the state is judged from the data there is and may not hold once the rest arrives. */
      partial?: number;
      decidedBy?: {
        sloRef: string;
        objective: string;
      } | null;
      /** Format: date-time */
      evaluatedAt: string | null;
    };
    Escalation: {
      windowsOutOfBudget: number;
      afterWindows: number;
      to: string;
      /** Format: date-time */
      outOfBudgetSince?: string | null;
      /** Escalated and waiting for a leadership decision. */
      due: boolean;
      decision?: components['schemas']['LeadershipDecision'];
    };
    EntityPolicy: {
      entityRef: string;
      policy: components['schemas']['Policy'];
      /**
       * Where the policy was selected.
       */
      source: 'entity' | 'system' | 'domain' | 'default';
      /** The entity whose annotation selected the policy (null for the default). */
      sourceRef?: string | null;
      status: components['schemas']['PolicyStatus'];
      freeze: components['schemas']['Freeze'] | null;
      /** Exceptions granted under the freeze in force. */
      exceptions: components['schemas']['PolicyException'][];
      escalation?: components['schemas']['Escalation'];
      /** Why the selected policy could not be used (the default applies instead). */
      problem?: string | null;
    };
    GateDecision: {
      entityRef: string;
      allowed: boolean;
      reason: string;
      policyRef: string;
      state: string | null;
      remaining?: number | null;
      frozen: boolean;
      freeze?: components['schemas']['Freeze'] | null;
      exception?: components['schemas']['PolicyException'] | null;
      preApprovedClass?: string | null;
    };
    PolicyEntity: {
      entityRef: string;
      state: string | null;
      remaining: number | null;
      /** Format: date-time */
      since?: string | null;
      frozen: boolean;
      source?: 'entity' | 'system' | 'domain' | 'default';
    };
    PolicyListItem: {
      policy: components['schemas']['Policy'];
      entityCount: number;
      frozenCount: number;
      byState: {
        [key: string]: number;
      };
    };
    PolicyList: {
      items: components['schemas']['PolicyListItem'][];
    };
    PolicyDetail: {
      policy: components['schemas']['Policy'];
      entities: components['schemas']['PolicyEntity'][];
    };
    Sourced: {
      value: unknown;
      from: 'entity' | 'system' | 'domain';
      fromRef: string;
    };
    LinkList: {
      url: string;
      title?: string;
    }[];
    EntityResponsibility: {
      entityRef: string;
      ownerRef: string | null;
      /** Whether the catalog holds the owner (false without one; the audit's owner-not-found finding). */
      ownerInCatalog: boolean;
      sreTeam: components['schemas']['Sourced'] | null;
      /** Whether the SRE team is a Group the catalog holds (false without one; the audit's sre-team-not-found finding). */
      sreTeamInCatalog: boolean;
      engagement: components['schemas']['Sourced'] | null;
      tier: components['schemas']['Sourced'] | null;
      oncall: components['schemas']['Sourced'] | null;
      links: {
        runbook: components['schemas']['LinkList'];
        dashboard: components['schemas']['LinkList'];
        playbook: components['schemas']['LinkList'];
      };
      /** The engagement model's RACI letters per concern (engagement none when unset). */
      matrix: {
        concern: string;
        title: string;
        /** RACI letters of the owning team, e.g. RA */
        owner: string;
        /** RACI letters of the SRE team */
        sre: string;
      }[];
    };
    TeamService: {
      entityRef: string;
      title: string;
      tier: number | null;
      engagement: string | null;
      /** Its weight in the SRE team's load (0 when not counted). */
      weight: number;
      /** The worst state of its SLO objectives; null without SLOs. */
      sloState: string | null;
      remaining: number | null;
      policyState: string | null;
      frozen: boolean;
      /** The System it belongs to. */
      systemRef?: string | null;
    };
    SreTeamLoad: {
      groupRef: string;
      title: string;
      capacity: number | null;
      load: number;
      /** Over its declared capacity, or over its operational time cap (overTimeCap). */
      overCapacity: boolean;
      /** Its supported services: components naming it as SRE team under an engagement model that counts towards the load (responsibility.countedEngagements, by default supported). The SRE load, the team page and the time budget count these. */
      services: number;
      /** Components naming it as SRE team under an engagement that does not count (consulting, onboarding): they weigh 0 and are not in its time budget. */
      engaged: number;
      /** Operational work took more of its time than the cap in its latest complete month. */
      overTimeCap: boolean;
      /** Its latest complete month's operational share; null without one (no members, or no SRE time budget yet). */
      timeCap: {
        /** YYYY-MM (UTC). */
        month: string;
        share: number;
        cap: number;
        overCap: boolean;
      } | null;
    };
    TeamReliability: {
      groupRef: string;
      title: string;
      owned: components['schemas']['TeamService'][];
      /** Its supported services (see SreTeamLoad.services). */
      supported: components['schemas']['TeamService'][];
      /** Components naming it under an engagement that does not count (see SreTeamLoad.engaged). */
      engaged: components['schemas']['TeamService'][];
      sre: components['schemas']['SreTeamLoad'] | null;
    };
    AuditFindingKind:
      | 'no-owner'
      | 'owner-not-found'
      | 'owner-without-members'
      | 'sre-team-not-found'
      | 'tier-without-oncall'
      | 'tier-without-runbook'
      | 'tier-without-slo'
      | 'slo-without-data'
      | 'sre-team-over-capacity'
      | 'supported-without-review';
    AuditFinding: {
      entityRef: string;
      title: string;
      kind: components['schemas']['AuditFindingKind'];
      severity: 'error' | 'warning';
      message: string;
      /** What to do, in one line. */
      fix: string;
      ownerRef: string | null;
      systemRef: string | null;
      tier: number | null;
      engagement: string | null;
    };
    AuditFindingPage: {
      items: components['schemas']['AuditFinding'][];
      totalCount: number;
      entitiesAudited: number;
      /** Format: date-time */
      computedAt: string;
    };
    AuditSummary: {
      teams: {
        /** null for entities without an owner. */
        ownerRef: string | null;
        /** Whether the catalog holds the owner; false when the entities name an owner it does not hold (their owner-not-found findings) and for entities without an owner. */
        ownerInCatalog: boolean;
        /** Entities with findings. */
        entities: number;
        errors: number;
        warnings: number;
      }[];
      bySeverity: {
        [key: string]: number;
      };
      byKind: {
        [key: string]: number;
      };
    };
    ReviewState:
      | 'draft'
      | 'submitted'
      | 'changes-requested'
      | 'approved'
      | 'handed-back';
    AttestationRequest: {
      itemId: string;
      statement: string;
      /** Format: uri */
      evidenceUrl: string;
    };
    CommentRequest: {
      itemId?: string;
      body: string;
    };
    ReviewActionRequest: {
      action: 'submit' | 'approve' | 'request-changes' | 'hand-back' | 'reopen';
      comment?: string;
      expectedState?: components['schemas']['ReviewState'];
    };
    Attestation: {
      id: string;
      itemId: string;
      statement: string;
      evidenceUrl: string;
      attestedBy: string;
      /** Format: date-time */
      attestedAt: string;
      /** Format: date-time */
      expiresAt: string;
    };
    /** A comment on a review or one of its items, or a decision on the review (with its comment, if it had one); together they are the review's history. */
    ReviewComment: {
      id: string;
      itemId?: string | null;
      author: string;
      /** Empty for a decision taken without a comment. */
      body: string;
      /** Format: date-time */
      createdAt: string;
      /**
       * The review action the comment came with; null for a comment on its own (and for comments written before decisions were recorded).
       */
      decision:
        | 'submit'
        | 'approve'
        | 'request-changes'
        | 'hand-back'
        | 'reopen'
        | null;
    };
    Review: {
      id: string;
      entityRef: string;
      templateId: string;
      templateVersion: number;
      state: components['schemas']['ReviewState'];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** Format: date-time */
      submittedAt?: string | null;
      decidedBy?: string | null;
    };
    ReadinessItemStatus: {
      id: string;
      title: string;
      description?: string | null;
      kind: 'check' | 'attestation';
      required: boolean;
      rule?: string | null;
      maxAgeDays?: number | null;
      state: 'passing' | 'failing' | 'missing' | 'expired';
      reason: string;
      attestation?: components['schemas']['Attestation'] | null;
    };
    Readiness: {
      entityRef: string;
      template: {
        id: string;
        version: number;
        title: string;
      };
      sections: {
        id: string;
        title: string;
        items: components['schemas']['ReadinessItemStatus'][];
      }[];
      progress: {
        required: number;
        requiredPassing: number;
        recommended: number;
        recommendedPassing: number;
        /** Passing items of all items, 0-100. */
        percent: number;
      };
      review: components['schemas']['Review'] | null;
      /** The review's history, oldest first — comments and every decision (submitted, approved, changes requested, handed back, reopened), each with who and when. */
      comments: components['schemas']['ReviewComment'][];
      /** Every required item passes (the review may be submitted, state permitting). */
      canSubmit: boolean;
    };
    ReviewQueueItem: {
      review: components['schemas']['Review'];
      percent: number;
      sreTeamRef: string | null;
      ownerRef: string | null;
    };
    ReviewPage: {
      items: components['schemas']['ReviewQueueItem'][];
      totalCount: number;
    };
    PostmortemSeverity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
    PostmortemStatus: 'draft' | 'in-review' | 'published';
    ActionItemPriority: 'p0' | 'p1' | 'p2' | 'p3';
    ActionItemStatus: 'open' | 'in-progress' | 'done' | 'wont-do';
    ActionItemInput: {
      title: string;
      /** Format: uri */
      link?: string | null;
      /** The group or user who owns the item (an entity reference). */
      ownerRef?: string | null;
      /** Format: date-time */
      dueAt?: string | null;
      /** Default: p2 */
      priority: components['schemas']['ActionItemPriority'];
      /** Default: open */
      status: components['schemas']['ActionItemStatus'];
      /** Kinds of work, lower-case words joined by hyphens (toil-reduction, automation, reliability); toil-reduction counts in the SRE time budget. */
      labels?: string[] | null;
      /**
       * Format: date-time
       * When a done or wont-do item was closed; without it, the time it was first stored closed.
       */
      closedAt?: string | null;
    };
    PostmortemInput: {
      title: string;
      /** Format: uri */
      documentUrl?: string | null;
      severity: components['schemas']['PostmortemSeverity'];
      /** Default: draft */
      status: components['schemas']['PostmortemStatus'];
      /** Default: false */
      blamelessReviewHeld: boolean;
      summary?: string | null;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      detectedAt?: string | null;
      /** Format: date-time */
      mitigatedAt?: string | null;
      /** Format: date-time */
      resolvedAt?: string | null;
      /** The affected entities (entity references; kind defaults to component). */
      entityRefs: string[];
      actionItems?: components['schemas']['ActionItemInput'][];
      /** The incident's id in the team's archive; a re-import with the same id replaces the postmortem. */
      externalId?: string | null;
      /**
       * Format: date-time
       * On update, the updatedAt the caller saw; a postmortem changed since answers 409.
       */
      expectedUpdatedAt?: string;
    };
    PostmortemImport: {
      /** Records of the PostmortemInput shape, each checked by the plugin so that a rejection names its index and field. */
      items: unknown[];
    };
    PostmortemImportResult: {
      created: number;
      updated: number;
      /** The postmortem ids, in the order of the records. */
      ids: string[];
    };
    PostmortemImportRejection: {
      index: number;
      field: string;
      message: string;
    };
    ActionItem: {
      id: string;
      title: string;
      link: string | null;
      ownerRef: string | null;
      /** Format: date-time */
      dueAt: string | null;
      priority: components['schemas']['ActionItemPriority'];
      status: components['schemas']['ActionItemStatus'];
      overdue: boolean;
      /** Kinds of work, e.g. toil-reduction, automation, reliability. */
      labels: string[];
      /**
       * Format: date-time
       * When a done or wont-do item was closed.
       */
      closedAt: string | null;
    };
    /** The part of an interval inside one SLO window, against that window's budget. */
    BudgetSpendPart: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      /** Format: date-time */
      windowStart: string;
      /** Format: date-time */
      windowEnd: string;
      /** Bad events or bad time (ms) in the part. */
      spent: number;
      /** The window's whole budget in the same unit. */
      budget: number;
      unit: 'events' | 'ms';
      /** spent / budget; null without data. */
      share: number | null;
    };
    BudgetSpend: {
      sloRef: string;
      sloTitle: string;
      objective: string;
      /** The largest share of any one window's budget the interval consumed; null without data. */
      share: number | null;
      parts: components['schemas']['BudgetSpendPart'][];
    };
    PostmortemRule: {
      policyRef: string;
      /** The share of budget above which an incident needs a published postmortem; null when the policy has no postmortem rule. */
      budgetShareAbove: number | null;
    };
    Postmortem: {
      id: string;
      title: string;
      documentUrl: string | null;
      severity: components['schemas']['PostmortemSeverity'];
      status: components['schemas']['PostmortemStatus'];
      blamelessReviewHeld: boolean;
      summary: string | null;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      detectedAt: string | null;
      /** Format: date-time */
      mitigatedAt: string | null;
      /** Format: date-time */
      resolvedAt: string | null;
      entityRefs: string[];
      /** The groups owning the affected entities. */
      teamRefs: string[];
      actionItems: components['schemas']['ActionItem'][];
      externalId: string | null;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      timeToDetectMs: number | null;
      timeToMitigateMs: number | null;
      timeToResolveMs: number | null;
      /** The budget the incident consumed, per objective of each affected entity's SLOs (from the SLI data over its interval; an open incident counts up to now). */
      budget: components['schemas']['BudgetSpend'][];
      maxBudgetShare: number | null;
      /** The policies whose postmortem rule this incident is over while the postmortem is not published (empty when none). */
      needsPublishing: components['schemas']['PostmortemRule'][];
    };
    SreTimeMonth: {
      /** YYYY-MM (UTC). */
      month: string;
      /** The current month, counted up to now. */
      partial: boolean;
      pages: number;
      tickets: number;
      /** Incidents that started in the month. */
      incidents: number;
      /** Incident hours inside the month. */
      incidentHours: number;
      /** Owned action items open at the month's end (or now). */
      openItems: number;
      /** Owned action items closed in the month. */
      closedItems: number;
      /** Of those, labelled toil-reduction. */
      closedToilReductionItems: number;
      operationalHours: number;
      /** members × hoursPerMemberPerMonth (prorated for the current month); null without members. */
      teamHours: number | null;
      /** operationalHours / teamHours. */
      share: number | null;
      overCap: boolean;
    };
    SreTimeTrend: {
      /**
       * Of the share over the complete months; null with fewer than two.
       */
      direction: 'rising' | 'falling' | 'steady' | null;
      /** Least-squares slope of the share per month. */
      perMonth: number | null;
    };
    SreTimeBudgetSummary: {
      groupRef: string;
      title: string;
      members: number | null;
      /**
       * The reliability-suite.dev/headcount annotation, or the catalog's members.
       */
      membersFrom: 'annotation' | 'catalog' | null;
      /** The components it supports under a counted engagement model. */
      services: string[];
      cap: number;
      current: components['schemas']['SreTimeMonth'];
      latestComplete: components['schemas']['SreTimeMonth'] | null;
      /** The latest complete month over the cap. */
      overCap: boolean;
      trend: components['schemas']['SreTimeTrend'];
    };
    SreTimeBudget: components['schemas']['SreTimeBudgetSummary'] & {
      settings: {
        cap: number;
        hoursPerPage: number;
        hoursPerIncidentHour: number;
        hoursPerTicket: number;
        hoursPerMemberPerMonth: number;
      };
      months: components['schemas']['SreTimeMonth'][];
    };
    SreTimeBudgetPage: {
      items: components['schemas']['SreTimeBudgetSummary'][];
      totalCount: number;
    };
    PostmortemPage: {
      items: components['schemas']['Postmortem'][];
      totalCount: number;
    };
    /** A period in which a page-tier burn-rate alert fired, from the start of the long window that first fired to the last step it fired. */
    BurnEpisode: {
      sloRef: string;
      sloTitle: string;
      objective: string;
      /** Format: date-time */
      start: string;
      /**
       * Format: date-time
       * Null while the alert still fires.
       */
      end: string | null;
      peakBurnRate: number;
      spend: components['schemas']['BudgetSpend'];
    };
    MonthlyIncidentFigures: {
      /** YYYY-MM (UTC) */
      month: string;
      incidents: number;
      mttdMs: number | null;
      detectedCount: number;
      mttrMs: number | null;
      resolvedCount: number;
    };
    EntityPostmortems: {
      entityRef: string;
      items: components['schemas']['Postmortem'][];
      monthly: components['schemas']['MonthlyIncidentFigures'][];
      rule: components['schemas']['PostmortemRule'];
      /** Burn episodes over the rule's share without a postmortem whose incident overlaps them. */
      needsPostmortem: components['schemas']['BurnEpisode'][];
    };
    TeamActionItems: {
      teamRef: string;
      /** Open or in progress. */
      open: number;
      overdue: number;
    };
    PostmortemFigures: {
      scope: {
        kind: 'entity' | 'team' | 'org';
        ref: string | null;
      };
      /** Every month of the range, oldest first (months without incidents included). */
      monthly: components['schemas']['MonthlyIncidentFigures'][];
      /** By the owning team of the affected entities. */
      actionItems: components['schemas']['TeamActionItems'][];
    };
    /** One change from the previous definition: created, budgeting-method, window, objective-added, objective-removed, indicator (what the SLI measures; before and after name it), target (with direction tightened or loosened), time-slice. */
    SloDefinitionChange: {
      kind:
        | 'created'
        | 'budgeting-method'
        | 'window'
        | 'objective-added'
        | 'objective-removed'
        | 'indicator'
        | 'target'
        | 'time-slice';
      objective?: string;
      direction?: 'tightened' | 'loosened';
    } & {
      [key: string]: unknown;
    };
    SloRevision: {
      revision: number;
      /** Format: date-time */
      effectiveFrom: string;
      budgetingMethod: string;
      /** The window in words, e.g. 28d rolling. */
      window: string;
      objectives: {
        name: string;
        target: number;
      }[];
      sourceLocation: string | null;
      sourceUrl: string | null;
      /** Imported history from before the catalog delivered the SLO. */
      imported: boolean;
      /**
       * Format: date-time
       * When the catalog delivered this definition; null for imported history. An import must precede the first delivery.
       */
      deliveredAt: string | null;
      changes: components['schemas']['SloDefinitionChange'][];
      /** Each objective's error budget around the change. */
      budget?: components['schemas']['RevisionBudget'][];
    };
    RevisionBudget: {
      objective: string;
      /** Just before the change, under the definition it replaced; null for the first definition or a new objective. */
      before: components['schemas']['BudgetPoint'] | null;
      /** At the change, under the new definition. The new promise applies to what follows the change, so this differs from `before` only where the change resizes what is still to come (a slice budget's rest of a calendar period) or changes what is measured (window, budgeting method). */
      after: components['schemas']['BudgetPoint'] | null;
      /** When the definition was next changed, or now for the current one. */
      end: components['schemas']['BudgetPoint'] | null;
    };
    BudgetPoint: {
      /** Format: date-time */
      at: string;
      /** Null without data then. */
      remaining: number | null;
      state: components['schemas']['SloState'];
    };
    SloRevisionList: {
      sloRef: string;
      items: components['schemas']['SloRevision'][];
      totalCount: number;
    };
    SloRefinement: {
      sloRef: string;
      title: string;
      /** Null once the SLO is gone from the catalog. */
      serviceRef: string | null;
      ownerRef: string | null;
      revision: number;
      /** Format: date-time */
      effectiveFrom: string;
      budgetingMethod: string;
      window: string;
      objectives: {
        name: string;
        target: number;
      }[];
      sourceLocation: string | null;
      sourceUrl: string | null;
      imported: boolean;
      changes: components['schemas']['SloDefinitionChange'][];
      /** Some target was loosened. */
      loosened: boolean;
    };
    SloHistoryImport: {
      items: {
        /**
         * Format: date-time
         * When this definition came into force (e.g. the commit time).
         */
        effectiveFrom: string;
        /** The OpenSLO SLO `spec` as it was then; validated as the catalog validates SLOs. */
        spec: {
          [key: string]: unknown;
        };
        /** e.g. the commit URL. */
        sourceUrl?: string;
        sourceLocation?: string;
      }[];
    };
    SloHistoryImportResult: {
      /** Revisions stored from the import. */
      imported: number;
      /** The last item equals the first delivered definition, which is now in force from the item's time. */
      merged: boolean;
      /** Revisions of the SLO now. */
      totalCount: number;
    };
    SloRefinementPage: {
      items: components['schemas']['SloRefinement'][];
      totalCount: number;
    };
    AuditEvent: {
      id: string;
      /** Format: date-time */
      occurredAt: string;
      /** The user or service that made the change. */
      actorRef: string;
      action: string;
      entityRef: string;
      /** What the change was about beyond the entity, e.g. the policy. */
      subjectRef?: string | null;
      reason?: string | null;
      details: {
        [key: string]: unknown;
      };
    };
    AuditEventPage: {
      items: components['schemas']['AuditEvent'][];
      /** Present when there are more events. */
      nextCursor?: string;
    };
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
  };
  responses: {
    /** An error, in Backstage's error format. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    postmortemId: string;
    /** The owning group, a full entity reference. */
    auditOwner: string;
    /** The system, a full entity reference. */
    auditSystem: string;
    auditTier: number;
    auditEngagement: 'none' | 'consulting' | 'onboarding' | 'supported';
    auditSeverity: 'error' | 'warning';
    /** The kind of finding. */
    auditKind: components['schemas']['AuditFindingKind'];
    kind: string;
    namespace: string;
    name: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
/**
 * The OpenAPI schema's `operations`, as openapi-typescript types them.
 *
 * @public
 */
export interface operations {
  GetHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The plugin is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  GetEntitySummary: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The entity's summary. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntitySummary'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListAuditEvents: {
    parameters: {
      query?: {
        /** Only events about this entity (a full entity reference, kind:namespace/name). */
        entityRef?: string;
        /** Only events about this subject, e.g. a policy (errorbudgetpolicy:namespace/name). */
        subjectRef?: string;
        /** Only events of this kind of change (the action's prefix), e.g. policy. */
        category?: 'policy' | 'review' | 'postmortem';
        limit?: number;
        /** The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of events. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListSlos: {
    parameters: {
      query?: {
        /**
         * Words (at most 16, separated by white space) that must each appear, ignoring
         *     case, in the SLO's reference or title, an objective's name, the service's
         *     reference or the owner's. `%` and `_` match themselves.
         */
        q?: string;
        /** The owning group of the service, a full entity reference. */
        owner?: string;
        /** The service's system, a full entity reference. */
        system?: string;
        /**
         * Only services of this tier (1 most critical), from the
         *     `reliability-suite.dev/tier` annotation of the service, else its System's,
         *     else its Domain's.
         */
        tier?: number;
        state?: components['schemas']['SloState'];
        /** Only services under this error-budget policy (errorbudgetpolicy:namespace/name). */
        policy?: string;
        /** Only services with (true) or without (false) a release freeze in force. */
        frozen?: boolean;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of objectives. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloListPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetSlo: {
    parameters: {
      query?: {
        /**
         * The span of the chart series: the whole window, or its last 7 days or last day
         *     (at a finer grid). Every point still measures the window's budget; the status
         *     is that of the whole window whatever the range.
         */
        range?: 'window' | '7d' | '1d';
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The SLO. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloDetail'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetSloAlertState: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The state of the SLO's generated alerts in its source. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloAlertState'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetPrometheusRules: {
    parameters: {
      query?: {
        /**
         * Only the SLOs of this service: an entity reference (`component:default/checkout-api`;
         *     kind and namespace default to component and default).
         */
        service?: string;
        /**
         * Only the SLOs whose metric sources name this data source (`metricSourceRef`): a
         *     `reliability.dataSources` name, else a DataSource entity reference (`prom-main`,
         *     `team-a/prom-main`; kind and namespace default to DataSource and default), as an
         *     SLO's `metricSourceRef` names one in the SLO's own namespace.
         */
        dataSource?: string;
        /**
         * rules: a Prometheus rule file (`groups:`), for `rule_files`; prometheus-rule: a
         *     prometheus-operator `PrometheusRule` resource.
         */
        format?: 'rules' | 'prometheus-rule';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The rules, as YAML. */
      200: {
        headers: {
          /** How many SLOs were left out because they cannot be expressed. */
          'Reliability-Rule-Problems'?: number;
          [name: string]: unknown;
        };
        content: {
          'text/yaml': string;
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetSloRevisions: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of revisions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloRevisionList'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ImportSloRevisions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SloHistoryImport'];
      };
    };
    responses: {
      /** The history was imported. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloHistoryImportResult'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListSloRefinements: {
    parameters: {
      query?: {
        /** Only changes delivered at or after this time. */
        since?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of refinements. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SloRefinementPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  PushSliEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SliEventBatch'];
      };
    };
    responses: {
      /** The batch was written (or, in add mode, had already been). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SliPushResult'];
        };
      };
      /** The batch was rejected; nothing was written. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SliPushRejection'];
        };
      };
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      413: components['responses']['ErrorResponse'];
    };
  };
  GetEntityPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The entity's policy and its state. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityPolicy'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  EnactFreeze: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FreezeRequest'];
      };
    };
    responses: {
      /** The freeze is in force. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Freeze'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  LiftFreeze: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FreezeRequest'];
      };
    };
    responses: {
      /** The lifted freeze. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Freeze'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  GrantException: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExceptionRequest'];
      };
    };
    responses: {
      /** The exception. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyException'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  RecordDecision: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionRequest'];
      };
    };
    responses: {
      /** The decision. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadershipDecision'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetDecisions: {
    parameters: {
      query?: {
        /** How many months back, the current one included. */
        months?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The decisions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Decisions'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  CheckGate: {
    parameters: {
      query: {
        /** The entity (kind:namespace/name; Component and default are the defaults). */
        entity: string;
        /** The change's id (commit, pull request, release), to find its exception. */
        change?: string;
        /** The change's exception class, e.g. security. */
        class?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The answer, allowed or not. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GateDecision'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListPolicies: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The policies. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyList'];
        };
      };
      401: components['responses']['ErrorResponse'];
    };
  };
  GetPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The policy. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyDetail'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetEntityResponsibility: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The entity's responsibility model. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityResponsibility'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetTeam: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The team. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamReliability'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListSreTeams: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The SRE teams. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SreTeamLoad'][];
          };
        };
      };
      401: components['responses']['ErrorResponse'];
    };
  };
  GetSreTimeBudget: {
    parameters: {
      query?: {
        /** How many months back, the current one included. */
        months?: number;
      };
      header?: never;
      path: {
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The time budget. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SreTimeBudget'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListSreTimeBudgets: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of SRE teams. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SreTimeBudgetPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ListAuditFindings: {
    parameters: {
      query?: {
        /** The owning group, a full entity reference. */
        owner?: components['parameters']['auditOwner'];
        /** The system, a full entity reference. */
        system?: components['parameters']['auditSystem'];
        tier?: components['parameters']['auditTier'];
        engagement?: components['parameters']['auditEngagement'];
        severity?: components['parameters']['auditSeverity'];
        /** The kind of finding. */
        kind?: components['parameters']['auditKind'];
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of findings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditFindingPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  ExportAuditFindings: {
    parameters: {
      query?: {
        /** The owning group, a full entity reference. */
        owner?: components['parameters']['auditOwner'];
        /** The system, a full entity reference. */
        system?: components['parameters']['auditSystem'];
        tier?: components['parameters']['auditTier'];
        engagement?: components['parameters']['auditEngagement'];
        severity?: components['parameters']['auditSeverity'];
        /** The kind of finding. */
        kind?: components['parameters']['auditKind'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The findings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetAuditSummary: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The summary. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditSummary'];
        };
      };
      401: components['responses']['ErrorResponse'];
    };
  };
  GetReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The checklist and review. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  AttestItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AttestationRequest'];
      };
    };
    responses: {
      /** Done. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Attestation'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  CommentReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CommentRequest'];
      };
    };
    responses: {
      /** Done. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewComment'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  TransitionReview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReviewActionRequest'];
      };
    };
    responses: {
      /** Done. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Review'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
  ListReviews: {
    parameters: {
      query?: {
        state?: components['schemas']['ReviewState'];
        /** Only reviews still under way (draft, submitted or changes-requested), not approved or handed-back ones; with state, both must hold. */
        open?: boolean;
        /** Only reviews of entities this SRE team supports (a full entity reference). */
        sreTeam?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of reviews. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReviewPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetEntityPostmortems: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The entity's postmortems. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityPostmortems'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ListPostmortems: {
    parameters: {
      query?: {
        /** Text to find in the title, summary or action items (case-insensitive). */
        q?: string;
        /** Only incidents that affected an entity this group owns (a full entity reference). */
        team?: string;
        /** Only incidents that affected this entity (a full entity reference). */
        entity?: string;
        severity?: components['schemas']['PostmortemSeverity'];
        status?: components['schemas']['PostmortemStatus'];
        /** Only incidents that started at or after this time. */
        from?: string;
        /** Only incidents that started before this time. */
        to?: string;
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page of postmortems. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostmortemPage'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  CreatePostmortem: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PostmortemInput'];
      };
    };
    responses: {
      /** Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Postmortem'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ImportPostmortems: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PostmortemImport'];
      };
    };
    responses: {
      /** Imported. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostmortemImportResult'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  GetPostmortemFigures: {
    parameters: {
      query?: {
        entity?: string;
        team?: string;
        /** How many months back, the current one included. */
        months?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The figures. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostmortemFigures'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
    };
  };
  GetPostmortem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['postmortemId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The postmortem. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Postmortem'];
        };
      };
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  UpdatePostmortem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['postmortemId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PostmortemInput'];
      };
    };
    responses: {
      /** Updated. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Postmortem'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      409: components['responses']['ErrorResponse'];
    };
  };
}
