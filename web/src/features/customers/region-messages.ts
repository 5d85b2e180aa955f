// Messages of the 大区 admin screen. zh-CN first.
import { useSubMessages } from '@/lib/i18n';

export const REGION_MESSAGES = {
  'reg.title': ['大区管理', 'Sales regions'],
  'reg.intro': [
    '大区把省份分组，用于看板与工单队列的地区筛选；一个省份最多属于一个大区。调整分组后，所有期间的统计随即按新分组计算。',
    'Regions group provinces for the region filter of the dashboard and the queue; a province is in one region at most. A regrouping applies to every period at once.',
  ],
  'reg.name': ['大区名称', 'Region'],
  'reg.provinces': ['包含省份', 'Provinces'],
  'reg.count': ['省份数', 'Provinces'],
  'reg.new': ['新建大区', 'New region'],
  'reg.edit': ['编辑大区', 'Edit region'],
  'reg.delete': ['删除', 'Delete'],
  'reg.deleteConfirm': ['删除大区「{name}」？其中的省份将变为未分大区。', 'Delete region “{name}”? Its provinces will be in no region.'],
  'reg.ungrouped': ['未分大区的省份', 'Provinces in no region'],
  'reg.allGrouped': ['所有省份均已分配大区', 'Every province is in a region'],
  'reg.nameRequired': ['请填写大区名称', 'Enter the region’s name'],
  'reg.nameTaken': ['已有同名大区', 'Another region has this name'],
  'reg.conflict': ['{provinces} 已属于其他大区（{owners}），请先从原大区移除', '{provinces} already in another region ({owners}): remove from there first'],
  'reg.inRegion': ['已属 {name}', 'in {name}'],
  'reg.saved': ['已保存', 'Saved'],
  'reg.none': ['暂无大区', 'No regions yet'],
} as const;

export const useRegionI18n = () => useSubMessages(REGION_MESSAGES);
