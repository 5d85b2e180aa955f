import { regionCovering } from './dispatch-rank.region';

// 派单规则 Dispatch by rules: the engineers a repair could go to, best first. Pure (no I/O): the dispatch
// module loads each engineer's skills (product categories, models, fault categories, certifications),
// regions, capacity and open load.
//
// The order is lexicographic, most important first (issue 11, "rules rank engineers on skill,
// region and open load"): an engineer who can work on the product category comes before one who
// cannot; then one holding the certification the job needs; then one covering the site's region;
// then one still below their capacity (接单上限); then a specialist in the model, then in the fault
// category; then the lighter open load (open orders assigned and not ended); then the shorter
// travel time when it is known; ties by name, then id, so the same facts always give the same order.
// Nobody is left out: a manager may still pick anyone. Automatic dispatch only picks an `eligible`
// engineer: skilled, certified, in the region and below capacity.

/** 派单模式 per team: 手动派单 (a dispatcher picks), 自动派单 (the best eligible candidate), 抢单 (the pool). */
export type DispatchMode = 'manual' | 'auto' | 'grab';
export const DISPATCH_MODES: readonly DispatchMode[] = ['manual', 'auto', 'grab'];
export const DISPATCH_MODE_LABELS: Record<DispatchMode, { zh: string; en: string }> = {
  manual: { zh: '手动派单', en: 'Manual dispatch' },
  auto: { zh: '自动派单', en: 'Automatic by rules' },
  grab: { zh: '抢单', en: 'Grab from the pool' },
};

export interface EngineerFacts {
  id: string;
  name: string;
  /** 产品类别 the engineer may work on (e.g. 电子类). */
  categories: readonly string[];
  /** 型号 the engineer specialises in (model numbers); empty: no specialty. */
  models?: readonly string[];
  /** 故障类别 codes the engineer specialises in; empty: no specialty. */
  faultCategories?: readonly string[];
  /** 资质 certificates held (e.g. 电工证, 高压). */
  certifications: readonly string[];
  /** 服务区域 regions covered: a 大区 (华东), a province or city (上海, 江苏) or a district (浦东). */
  regions: readonly string[];
  /** Open repair orders assigned to the engineer. */
  openLoad: number;
  /** 接单上限 open orders the engineer takes at most; null: no limit. */
  capacity?: number | null;
  /** Travel time to the site in minutes, when known. */
  etaMinutes?: number | null;
}

export interface DispatchJob {
  category: string | null;
  model?: string | null;
  faultCategory?: string | null;
  certification?: string | null;
  /** The site: a region name or an address (matched by regionCovering). */
  region: string | null;
}

export interface RankedEngineer {
  engineer: EngineerFacts;
  skill: boolean;
  certified: boolean;
  inRegion: boolean;
  hasRoom: boolean;
  modelSpecialist: boolean;
  faultSpecialist: boolean;
  /** May be dispatched automatically: skilled, certified, in the region and below capacity. */
  eligible: boolean;
  /** Plain reasons for the dispatcher, Chinese first. */
  reasons: { zh: string; en: string }[];
}

type Reason = RankedEngineer['reasons'][number];
const yesNo = (ok: boolean, yes: Reason, no: Reason): Reason => (ok ? yes : no);

function facts(e: EngineerFacts, job: DispatchJob): RankedEngineer {
  const skill = job.category == null || e.categories.includes(job.category);
  const certified = !job.certification || e.certifications.includes(job.certification);
  const covering = job.region == null ? null : regionCovering(e.regions, job.region);
  const inRegion = job.region == null || covering != null;
  const hasRoom = e.capacity == null || e.openLoad < e.capacity;
  const modelSpecialist = Boolean(job.model && e.models?.includes(job.model));
  const faultSpecialist = Boolean(job.faultCategory && e.faultCategories?.includes(job.faultCategory));
  const reasons: Reason[] = [];
  if (job.category != null)
    reasons.push(
      yesNo(skill, { zh: `擅长${job.category}`, en: `Skilled in ${job.category}` }, { zh: `不擅长${job.category}`, en: `Not skilled in ${job.category}` }),
    );
  if (modelSpecialist) reasons.push({ zh: `熟悉型号 ${job.model}`, en: `Knows model ${job.model}` });
  if (faultSpecialist) reasons.push({ zh: '擅长该故障类别', en: 'Specialist in this fault category' });
  if (job.certification)
    reasons.push(
      yesNo(
        certified,
        { zh: `持有${job.certification}`, en: `Holds ${job.certification}` },
        { zh: `无${job.certification}`, en: `Lacks ${job.certification}` },
      ),
    );
  if (job.region != null)
    reasons.push(covering ? { zh: `负责${covering}`, en: `Covers ${covering}` } : { zh: '不负责该区域', en: 'Does not cover the site’s region' });
  reasons.push(
    e.capacity == null
      ? { zh: `在办 ${e.openLoad} 单`, en: `${e.openLoad} open orders` }
      : hasRoom
        ? { zh: `在办 ${e.openLoad}/${e.capacity} 单`, en: `${e.openLoad} of ${e.capacity} open orders` }
        : { zh: `已满 ${e.openLoad}/${e.capacity} 单`, en: `Full: ${e.openLoad} of ${e.capacity} open orders` },
  );
  if (e.etaMinutes != null) reasons.push({ zh: `约 ${e.etaMinutes} 分钟到场`, en: `About ${e.etaMinutes} min away` });
  return { engineer: e, skill, certified, inRegion, hasRoom, modelSpecialist, faultSpecialist, eligible: skill && certified && inRegion && hasRoom, reasons };
}

const flag = (b: boolean) => (b ? 0 : 1);
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareCandidates(a: RankedEngineer, b: RankedEngineer): number {
  return (
    flag(a.skill) - flag(b.skill) ||
    flag(a.certified) - flag(b.certified) ||
    flag(a.inRegion) - flag(b.inRegion) ||
    flag(a.hasRoom) - flag(b.hasRoom) ||
    flag(a.modelSpecialist) - flag(b.modelSpecialist) ||
    flag(a.faultSpecialist) - flag(b.faultSpecialist) ||
    a.engineer.openLoad - b.engineer.openLoad ||
    (a.engineer.etaMinutes ?? Infinity) - (b.engineer.etaMinutes ?? Infinity) ||
    text(a.engineer.name, b.engineer.name) ||
    text(a.engineer.id, b.engineer.id)
  );
}

/** All engineers, best first for the job. */
export function rankEngineers(engineers: readonly EngineerFacts[], job: DispatchJob): RankedEngineer[] {
  return engineers.map((e) => facts(e, job)).sort(compareCandidates);
}

/** 自动派单 The engineer an automatic dispatch picks: the best one if eligible, else nobody (left to a person). */
export function autoPick(ranked: readonly RankedEngineer[]): RankedEngineer | null {
  const best = ranked[0];
  return best?.eligible ? best : null;
}
