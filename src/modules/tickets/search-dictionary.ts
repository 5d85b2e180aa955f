// Words of the after-sales domain that jieba's general dictionary splits wrongly (it cuts 指示灯 into
// 指示/灯, so a search for 指示灯 would miss "指示灯不亮"). Format: word frequency [tag].
export const DOMAIN_WORDS = [
  '指示灯', '不亮', '不开机', '无法开机', '黑屏', '花屏', '蓝屏', '死机', '重启', '报错', '过热', '发烫', '异响',
  '短路', '断路', '漏电', '烧毁', '接触不良', '松动', '进水', '受潮', '生锈', '变形', '开裂', '划痕',
  '产线', '停线', '停产', '停机', '电源模块', '电源适配器', '主板', '固件', '驱动', '芯片', '晶圆', '晶片',
  '线缆', '电缆', '护套', '绝缘层', '导体', '连接器', '端子', '接口', '传感器', '控制器', '继电器', '变频器',
  '电机', '轴承', '显示屏', '触摸屏', '电池', '充电器', '序列号', '批次', '批量', '返厂', '上门', '备件',
  '保修', '质保', '退货', '换货', '退款', '投诉', '回访', '工单',
];

export function domainDictionary(): Uint8Array {
  return new TextEncoder().encode(DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n') + '\n');
}
