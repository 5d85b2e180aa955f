// 派单规则 Dispatch by rules: the engineers a repair could go to, best first. Pure (no I/O): the repairs
// module loads each engineer's skills (product categories, certifications), regions and open load.
//
// The order is lexicographic, most important first (issue 11, "rules rank engineers on skill,
// region and open load"): an engineer who can work on the product category comes before one who
// cannot; then one holding the certification the job needs; then one covering the site's region;
// then the lighter open load (open orders assigned and not ended); ties by name, then id, so the
// same facts always give the same order. Nobody is left out: a manager may still pick anyone.

export type DispatchMode = 'named' | 'pool' | 'rules';
export const DISPATCH_MODES: readonly DispatchMode[] = ['named', 'pool', 'rules'];

export interface EngineerFacts {
  id: string;
  name: string;
  /** 产品类别 the engineer may work on (e.g. 电子类). */
  categories: readonly string[];
  /** 资质 certificates held (e.g. 电工证, 高压). */
  certifications: readonly string[];
  /** 服务区域 regions covered (e.g. 华东). */
  regions: readonly string[];
  /** Open repair orders assigned to the engineer. */
  openLoad: number;
}

export interface DispatchJob {
  category: string | null;
  certification?: string | null;
  region: string | null;
}

export interface RankedEngineer {
  engineer: EngineerFacts;
  skill: boolean;
  certified: boolean;
  inRegion: boolean;
  /** Plain reasons for the dispatcher, Chinese first. */
  reasons: { zh: string; en: string }[];
}

function facts(e: EngineerFacts, job: DispatchJob): RankedEngineer {
  const skill = job.category == null || e.categories.includes(job.category);
  const certified = !job.certification || e.certifications.includes(job.certification);
  const inRegion = job.region == null || e.regions.includes(job.region);
  const reasons: RankedEngineer['reasons'] = [];
  if (job.category != null)
    reasons.push(
      skill ? { zh: `擅长${job.category}`, en: `Skilled in ${job.category}` } : { zh: `不擅长${job.category}`, en: `Not skilled in ${job.category}` },
    );
  if (job.certification)
    reasons.push(
      certified ? { zh: `持有${job.certification}`, en: `Holds ${job.certification}` } : { zh: `无${job.certification}`, en: `Lacks ${job.certification}` },
    );
  if (job.region != null)
    reasons.push(inRegion ? { zh: `负责${job.region}`, en: `Covers ${job.region}` } : { zh: `不负责${job.region}`, en: `Does not cover ${job.region}` });
  reasons.push({ zh: `在办 ${e.openLoad} 单`, en: `${e.openLoad} open orders` });
  return { engineer: e, skill, certified, inRegion, reasons };
}

const flag = (b: boolean) => (b ? 0 : 1);

export function compareCandidates(a: RankedEngineer, b: RankedEngineer): number {
  return (
    flag(a.skill) - flag(b.skill) ||
    flag(a.certified) - flag(b.certified) ||
    flag(a.inRegion) - flag(b.inRegion) ||
    a.engineer.openLoad - b.engineer.openLoad ||
    (a.engineer.name < b.engineer.name ? -1 : a.engineer.name > b.engineer.name ? 1 : 0) ||
    (a.engineer.id < b.engineer.id ? -1 : a.engineer.id > b.engineer.id ? 1 : 0)
  );
}

/** All engineers, best first for the job. */
export function rankEngineers(engineers: readonly EngineerFacts[], job: DispatchJob): RankedEngineer[] {
  return engineers.map((e) => facts(e, job)).sort(compareCandidates);
}
