import { NotFoundError } from '@backstage/errors';
import {
  ANNOTATION_HEADCOUNT,
  MonthTimeBudget,
  TimeBudgetSettings,
  latestCompleteMonth,
  monthTimeBudget,
  monthlyLoads,
  timeBudgetTrend,
  uninhibitedTickets,
  utcMonths,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { incidentEnd } from '../postmortem/postmortemRecords';
import { OrgSnapshot, OrgSnapshotSource } from '../responsibility/OrgSnapshot';
import {
  LoadSettings,
  sreLoads,
  TimeCapStatus,
} from '../responsibility/sreLoad';
import { AlertEpisodeStore } from '../store/AlertEpisodeStore';
import { PostmortemStore } from '../store/PostmortemStore';
import { isVisible, VisibleRefs } from '../store/visibleRefs';

/** The default number of months of the trend, the current one included. */
export const DEFAULT_TREND_MONTHS = 6;

/** An SRE team as the time budget sees it. */
type SreTeam = {
  groupRef: string;
  title: string;
  /** Its supported services (isSupportedEngagement), as the SRE load counts them. */
  services: string[];
  members: number | null;
  membersFrom: 'annotation' | 'catalog' | null;
};

const monthView = (m: MonthTimeBudget) => ({
  month: m.month,
  partial: m.partial,
  pages: m.pages,
  tickets: m.tickets,
  incidents: m.incidents,
  incidentHours: m.incidentHours,
  openItems: m.openItems,
  closedItems: m.closedItems,
  closedToilReductionItems: m.closedToilReductionItems,
  operationalHours: m.operationalHours,
  teamHours: m.teamHours,
  share: m.share,
  overCap: m.overCap,
});

/**
 * The SRE time budget of each SRE team: by calendar month (UTC), the operational load of
 * the services it supports (pages and tickets from the kept alert episodes, incident
 * hours from postmortems, the action items it owns) against its project work (owned
 * items closed, toil reduction among them), and its operational share against the cap.
 */
export class TimeBudgetService {
  constructor(
    private readonly deps: {
      snapshots: OrgSnapshotSource;
      episodes: AlertEpisodeStore;
      postmortems: PostmortemStore;
      settings: TimeBudgetSettings;
      /** The SRE load settings: the same engagement models count here. */
      load: LoadSettings;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? Date.now();
  }

  /**
   * The SRE teams in the catalog, as the SRE load lists them; with `visible`, each with the
   * services the caller may see only.
   */
  private teams(snapshot: OrgSnapshot, visible?: VisibleRefs): SreTeam[] {
    const teams: SreTeam[] = [];
    const loads = sreLoads(snapshot, this.deps.load, undefined, visible);
    for (const load of loads.values()) {
      const group = snapshot.byRef.get(load.groupRef);
      if (!group) continue;
      const headcount = group.metadata.annotations?.[ANNOTATION_HEADCOUNT];
      const declared =
        headcount !== undefined && /^[1-9]\d*$/.test(headcount)
          ? Number(headcount)
          : null;
      const counted = snapshot.memberCounts.get(load.groupRef) ?? null;
      let membersFrom: SreTeam['membersFrom'] = null;
      if (declared !== null) membersFrom = 'annotation';
      else if (counted) membersFrom = 'catalog';
      teams.push({
        groupRef: load.groupRef,
        title: load.title,
        services: load.services,
        members: declared ?? counted,
        membersFrom,
      });
    }
    return teams.sort((a, b) => a.groupRef.localeCompare(b.groupRef));
  }

  /**
   * One team's months, oldest first, the current (partial) month last; with `visible`, of
   * what the caller may see only: the alerts of visible SLOs, the incidents and action items
   * of postmortems whose every entity is visible (as the postmortem list has them).
   */
  private async months(
    team: SreTeam,
    count: number,
    now: number,
    visible?: VisibleRefs,
  ) {
    const ranges = utcMonths(now, count);
    const from = ranges[0].start;
    const [episodes, incidents, items] = await Promise.all([
      this.deps.episodes.listByServices(team.services, from, now + 1),
      team.services.length > 0
        ? // An incident that started up to a month before the range can last into it.
          this.deps.postmortems.listAll({
            entityRefs: team.services,
            from: from - 31 * 24 * 3_600_000,
            visible,
          })
        : Promise.resolve([]),
      this.deps.postmortems.actionItemsOwnedBy([team.groupRef], from, visible),
    ]);
    const spans = episodes
      .filter(e => isVisible(visible, e.sloRef))
      .map(e => ({
        ...e,
        objectiveKey: `${e.sloRef}\u0000${e.objective}`,
      }));
    const loads = monthlyLoads(
      {
        pages: spans.filter(e => e.severity === 'page').map(e => e.firedAt),
        tickets: uninhibitedTickets(spans, now).map(e => e.firedAt),
        incidents: incidents.map(p => ({
          startedAt: p.startedAt,
          endedAt: incidentEnd(p, now),
        })),
        items: items.map(i => ({ ...i, done: i.status === 'done' })),
      },
      ranges,
      now,
    );
    return loads.map((l, i) =>
      monthTimeBudget(l, ranges[i], now, team.members, this.deps.settings),
    );
  }

  private summary(team: SreTeam, months: MonthTimeBudget[]) {
    const deciding = latestCompleteMonth(months);
    return {
      groupRef: team.groupRef,
      title: team.title,
      members: team.members,
      membersFrom: team.membersFrom,
      services: team.services,
      cap: this.deps.settings.cap,
      current: monthView(months[months.length - 1]),
      latestComplete: deciding ? monthView(deciding) : null,
      overCap: deciding?.overCap ?? false,
      trend: timeBudgetTrend(months),
    };
  }

  /**
   * One SRE team's time budget over `months` months (with `visible`, over what the caller
   * may see); NotFoundError for other groups.
   */
  async team(
    groupRef: string,
    months = DEFAULT_TREND_MONTHS,
    visible?: VisibleRefs,
  ) {
    const snapshot = await this.deps.snapshots.get();
    const group = snapshot.byRef.get(groupRef);
    if (!group || refKey(group.kind) !== 'group') {
      throw new NotFoundError(`No group ${groupRef} in the catalog`);
    }
    const team = this.teams(snapshot, visible).find(
      t => t.groupRef === groupRef,
    );
    if (!team) {
      throw new NotFoundError(
        `${groupRef} is not an SRE team: no component names it with reliability-suite.dev/sre-team, and it declares no reliability-suite.dev/capacity`,
      );
    }
    const now = this.now();
    const figures = await this.months(team, months, now, visible);
    return {
      ...this.summary(team, figures),
      settings: this.deps.settings,
      months: figures.map(monthView),
    };
  }

  /**
   * A page of the SRE teams' budgets, over the cap first, then by share; with `visible`, of
   * the teams the caller may see, each over what the caller may see.
   */
  async list(page: { limit: number; offset: number }, visible?: VisibleRefs) {
    const items = (await this.all(visible)).filter(t =>
      isVisible(visible, t.groupRef),
    );
    return {
      items: items.slice(page.offset, page.offset + page.limit),
      totalCount: items.length,
    };
  }

  /** Every SRE team's current status (with `visible`, of the visible teams only). */
  private async all(visible?: VisibleRefs) {
    const snapshot = await this.deps.snapshots.get();
    const now = this.now();
    const out = [];
    for (const team of this.teams(snapshot, visible)) {
      if (!isVisible(visible, team.groupRef)) continue;
      out.push(
        this.summary(
          team,
          await this.months(team, DEFAULT_TREND_MONTHS, now, visible),
        ),
      );
    }
    return out.sort(
      (a, b) =>
        Number(b.overCap) - Number(a.overCap) ||
        (b.latestComplete?.share ?? -1) - (a.latestComplete?.share ?? -1) ||
        a.groupRef.localeCompare(b.groupRef),
    );
  }

  /**
   * Each SRE team's last complete month against the cap, for the SRE load; with `visible`,
   * of the visible teams, over what the caller may see.
   */
  async timeCaps(visible?: VisibleRefs): Promise<Map<string, TimeCapStatus>> {
    const caps = new Map<string, TimeCapStatus>();
    for (const s of await this.all(visible)) {
      if (s.latestComplete?.share === null || !s.latestComplete) continue;
      caps.set(s.groupRef, {
        month: s.latestComplete.month,
        share: s.latestComplete.share,
        cap: s.cap,
        overCap: s.latestComplete.overCap,
      });
    }
    return caps;
  }
}
