import {
  ANNOTATION_CAPACITY,
  EngagementModel,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { isVisible, VisibleRefs } from '../store/visibleRefs';
import { entityRefOf, OrgSnapshot } from './OrgSnapshot';

/** How services weigh on an SRE team, from app-config. */
export type LoadSettings = {
  /** Weight per tier (1 most critical); an untiered service weighs as tier 4. */
  tierWeights: Record<1 | 2 | 3 | 4, number>;
  /** The engagement models whose services count towards the load. */
  countedEngagements: EngagementModel[];
};

export const DEFAULT_LOAD_SETTINGS: LoadSettings = {
  tierWeights: { 1: 4, 2: 2, 3: 1, 4: 0.5 },
  countedEngagements: ['supported'],
};

export type SreLoad = {
  groupRef: string;
  title: string;
  capacity: number | null;
  load: number;
  /** Over its declared capacity, or over its operational time cap. */
  overCapacity: boolean;
  /** The components it supports: those naming it as SRE team under a counted engagement. */
  services: string[];
  /** Those naming it under an engagement that does not count (consulting, onboarding...). */
  engaged: string[];
  /** Its last complete month's operational work over the time cap (the SRE time budget). */
  overTimeCap: boolean;
  /** That month (YYYY-MM) and its operational share, when the time budget knows them. */
  timeCap: TimeCapStatus | null;
};

/** An SRE team's operational share in its last complete month, against the cap. */
export type TimeCapStatus = {
  month: string;
  share: number;
  cap: number;
  overCap: boolean;
};

/**
 * Whether a component naming an SRE team is one of the team's supported services: its
 * engagement model is one that counts (by default `supported`). The one definition the SRE
 * load, the SRE teams list, the team page and the time budget share; other engagements
 * (consulting, onboarding) name the team without putting operational work on it.
 */
export function isSupportedEngagement(
  engagement: EngagementModel | null | undefined,
  settings: Pick<LoadSettings, 'countedEngagements'>,
): boolean {
  return !!engagement && settings.countedEngagements.includes(engagement);
}

/** A component's weight on its SRE team; 0 when it is not a supported service. */
export function serviceWeight(
  tier: number | null,
  engagement: EngagementModel | null,
  settings: LoadSettings,
): number {
  if (!isSupportedEngagement(engagement, settings)) return 0;
  return settings.tierWeights[(tier ?? 4) as 1 | 2 | 3 | 4];
}

/**
 * The load of every SRE team: the groups some component names as its SRE team, and the
 * groups that declare a capacity. Over capacity when the load exceeds a declared capacity,
 * or when operational work took more of the team's time than its cap.
 */
export function sreLoads(
  snapshot: OrgSnapshot,
  settings: LoadSettings,
  /** The time budget of the SRE teams that have one (see TimeBudgetService). */
  timeCaps: Map<string, TimeCapStatus> = new Map(),
  /**
   * The components a caller may see (all without a set): a team's load, services and
   * engagements count only those, so that a visible team does not tell of hidden services.
   */
  visible?: VisibleRefs,
): Map<string, SreLoad> {
  const loads = new Map<string, SreLoad>();
  const entry = (groupRef: string) => {
    let load = loads.get(groupRef);
    if (!load) {
      const group = snapshot.byRef.get(groupRef);
      const raw = group?.metadata.annotations?.[ANNOTATION_CAPACITY];
      const capacity =
        raw !== undefined && Number.isFinite(Number(raw)) && Number(raw) > 0
          ? Number(raw)
          : null;
      load = {
        groupRef,
        title: group?.metadata.title ?? group?.metadata.name ?? groupRef,
        capacity,
        load: 0,
        overCapacity: false,
        services: [],
        engaged: [],
        overTimeCap: false,
        timeCap: timeCaps.get(groupRef) ?? null,
      };
      loads.set(groupRef, load);
    }
    return load;
  };
  for (const group of snapshot.groups) {
    if (group.metadata.annotations?.[ANNOTATION_CAPACITY] !== undefined) {
      entry(entityRefOf(group));
    }
  }
  for (const o of snapshot.owned) {
    if (refKey(o.entity.kind) !== 'component') continue;
    if (!isVisible(visible, o.ref)) continue;
    const sre = o.responsibility.sreTeamRef?.value;
    if (!sre) continue;
    const load = entry(sre);
    const engagement = o.responsibility.engagement?.value ?? null;
    if (isSupportedEngagement(engagement, settings)) {
      load.services.push(o.ref);
    } else {
      load.engaged.push(o.ref);
    }
    load.load += serviceWeight(
      o.responsibility.tier?.value ?? null,
      engagement,
      settings,
    );
  }
  for (const load of loads.values()) {
    // A team whose operational work crowds out its project work cannot take more, whatever
    // its declared capacity says.
    load.overTimeCap = load.timeCap?.overCap ?? false;
    load.overCapacity =
      (load.capacity !== null && load.load > load.capacity) || load.overTimeCap;
  }
  return loads;
}
