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

/** Each customer's address is in the city its name says. */
export const DEMO_COMPANIES: { name: string; address: string }[] = [
  { name: '上海华东精密制造有限公司', address: '上海市浦东新区金科路 2889 号' },
  { name: '苏州晶圆测试有限公司', address: '江苏省苏州市工业园区星湖街 328 号' },
  { name: '深圳市创新电子科技有限公司', address: '广东省深圳市南山区科技园南区高新南七道 12 号' },
  { name: '杭州智能装备股份有限公司', address: '浙江省杭州市滨江区江南大道 3850 号' },
  { name: '宁波港机械有限公司', address: '浙江省宁波市北仑区明州路 168 号' },
  { name: '无锡微电子有限公司', address: '江苏省无锡市新吴区长江路 21 号' },
  { name: '广州白云电气设备厂', address: '广东省广州市白云区太和镇大源北路 8 号' },
  { name: '成都天府自动化有限公司', address: '四川省成都市高新区天府大道中段 1388 号' },
  { name: '武汉光谷芯片有限公司', address: '湖北省武汉市东湖高新区光谷大道 77 号' },
  { name: '青岛海洋线缆有限公司', address: '山东省青岛市黄岛区江山南路 480 号' },
  { name: '天津滨海重工有限公司', address: '天津市滨海新区第七大街 60 号' },
  { name: '合肥新能源科技有限公司', address: '安徽省合肥市高新区望江西路 800 号' },
  { name: '厦门象屿电子有限公司', address: '福建省厦门市湖里区象屿路 97 号' },
  { name: '南京江北制药设备有限公司', address: '江苏省南京市江北新区浦滨路 320 号' },
  { name: '东莞长安五金厂', address: '广东省东莞市长安镇振安中路 215 号' },
  { name: '西安高新半导体有限公司', address: '陕西省西安市高新区锦业路 69 号' },
  { name: '长沙中联机械配件有限公司', address: '湖南省长沙市岳麓区银盆南路 361 号' },
  { name: '佛山顺德家电制造有限公司', address: '广东省佛山市顺德区容桂街道华口工业区 5 号' },
  { name: '常州天合电缆有限公司', address: '江苏省常州市新北区天合路 2 号' },
  { name: '大连重工机电有限公司', address: '辽宁省大连市甘井子区华北路 1 号' },
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

/** Service contracts (服务合同) some customers hold: index into DEMO_COMPANIES, and what they buy. */
export const DEMO_CONTRACTS = [
  { company: 0, name: '2026 年度金牌服务协议', firstResponseHours: 1 },
  { company: 2, name: '设备维保合同（含上门）', firstResponseHours: 2 },
  { company: 8, name: '芯片供货质量保障协议', firstResponseHours: 2 },
  { company: 18, name: '线缆工程售后服务合同', firstResponseHours: 3 },
];
