// The demo company: product models, customers, units and a spread of tickets. Plain data only.
export const DEMO_PASSWORD = 'shouhou-demo';

export const DEMO_USERS = [
  { username: 'manager', displayName: '王经理', role: 'manager', team: '售后服务部' },
  { username: 'agent', displayName: '李客服', role: 'agent', team: '客服中心' },
  { username: 'agent2', displayName: '赵客服', role: 'agent', team: '客服中心' },
  { username: 'engineer', displayName: '陈工程师', role: 'engineer', team: '华东服务组' },
  { username: 'engineer2', displayName: '刘工程师', role: 'engineer', team: '华南服务组' },
  { username: 'finance', displayName: '周财务', role: 'finance', team: '财务部' },
  { username: 'logistics', displayName: '吴物流', role: 'logistics', team: '物流部' },
  { username: 'quality', displayName: '郑质量', role: 'quality', team: '质量部' },
] as const;

export const DEMO_MODELS = [
  { modelNumber: 'PSU-2400', name: '工业电源模块 2400W', category: '电子类', warrantyMonths: 24, customMade: false, safetyRelevant: true },
  { modelNumber: 'CTL-M8', name: 'M8 运动控制器', category: '电子类', warrantyMonths: 12, customMade: false, safetyRelevant: false },
  { modelNumber: 'HMI-10', name: '10 寸触摸屏', category: '电子类', warrantyMonths: 12, customMade: false, safetyRelevant: false },
  { modelNumber: 'WF-300', name: '300mm 晶圆 (测试片)', category: '芯片类', warrantyMonths: 6, customMade: false, safetyRelevant: false },
  { modelNumber: 'IC-7721', name: '电源管理芯片 7721', category: '芯片类', warrantyMonths: 12, customMade: false, safetyRelevant: false },
  { modelNumber: 'YJV-3x95', name: 'YJV 电力电缆 3×95', category: '线缆类', warrantyMonths: 36, customMade: true, safetyRelevant: true },
  { modelNumber: 'RV-1.5', name: 'RV 控制线 1.5mm²', category: '线缆类', warrantyMonths: 24, customMade: false, safetyRelevant: false },
  { modelNumber: 'GBX-40', name: '行星减速机 40', category: '机械类', warrantyMonths: 18, customMade: false, safetyRelevant: false },
] as const;

export const DEMO_COMPANIES = [
  '华东精密制造有限公司',
  '苏州晶圆测试有限公司',
  '深圳市创新电子科技有限公司',
  '杭州智能装备股份有限公司',
  '宁波港机械有限公司',
  '无锡微电子有限公司',
  '广州白云电气设备厂',
  '成都天府自动化有限公司',
  '武汉光谷芯片有限公司',
  '青岛海洋线缆有限公司',
  '天津滨海重工有限公司',
  '合肥新能源科技有限公司',
  '厦门象屿电子有限公司',
  '南京江北制药设备有限公司',
  '东莞长安五金厂',
  '西安高新半导体有限公司',
  '长沙中联机械配件有限公司',
  '佛山顺德家电制造有限公司',
  '常州天合电缆有限公司',
  '大连重工机电有限公司',
];
export const DEMO_PEOPLE = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '黄敏',
  '赵强',
  '周杰',
  '吴婷',
  '徐涛',
  '孙丽',
  '马超',
  '朱琳',
  '胡斌',
  '郭蕾',
  '何勇',
  '高洁',
  '林峰',
  '罗敏',
];
export const DEMO_CITIES = [
  '上海市浦东新区',
  '江苏省苏州市工业园区',
  '广东省深圳市南山区',
  '浙江省杭州市滨江区',
  '浙江省宁波市北仑区',
  '江苏省无锡市新吴区',
  '广东省广州市白云区',
  '四川省成都市高新区',
  '湖北省武汉市东湖高新区',
  '山东省青岛市黄岛区',
];

export const DEMO_PROBLEMS: { text: string; type: string; priority: 'urgent' | 'important' | 'general' }[] = [
  { text: '产线停产：电源模块输出中断，整条线停机', type: 'repair', priority: 'urgent' },
  { text: '设备指示灯不亮，无法启动', type: 'repair', priority: 'important' },
  { text: '电源模块批次问题，同批 20 台输出电压偏低', type: 'repair', priority: 'urgent' },
  { text: '触摸屏偶发花屏，重启后恢复', type: 'repair', priority: 'important' },
  { text: '控制器通讯异常，报错 E203', type: 'repair', priority: 'important' },
  { text: '咨询固件升级方法', type: 'consultation', priority: 'general' },
  { text: '外壳有划痕，要求换货', type: 'exchange', priority: 'general' },
  { text: '收到货物型号不符，申请退货', type: 'return', priority: 'important' },
  { text: '电缆护套开裂，存在漏电安全隐患', type: 'complaint', priority: 'urgent' },
  { text: '减速机运行异响，温度偏高', type: 'repair', priority: 'important' },
  { text: '晶圆测试片表面颗粒超标', type: 'complaint', priority: 'important' },
  { text: '申请上门安装调试', type: 'installation', priority: 'general' },
  { text: '需要操作培训', type: 'training', priority: 'general' },
  { text: '退款进度查询', type: 'refund', priority: 'general' },
  { text: '芯片批量失效，客户产线无法生产', type: 'replacement', priority: 'urgent' },
];

export const DEMO_REPLIES = [
  '您好，已收到您的反馈，工程师将尽快联系您。',
  '请提供设备铭牌照片和故障日志。',
  '已安排备件发出，预计明天到达。',
  '远程诊断完成，建议更换电源模块。',
  '问题已解决，请确认设备运行正常。',
];
