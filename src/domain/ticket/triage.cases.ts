import type { Priority } from './ticket.schemas';
import type { TriageRule } from './triage-lexicon';

/**
 * How callers to the hotline describe problems, and the grade 004 二(二) gives each. `rule` is the
 * rule that must decide the grade; `ignored` a rule whose words appear but must not count (negated or
 * a look-alike). Shared by the domain test (a small tokenizer) and the API test (jieba).
 */
export interface TriageCase {
  text: string;
  grade: Priority;
  rule?: TriageRule;
  ignored?: TriageRule;
}

export const TRIAGE_CASES: TriageCase[] = [
  // The misgraded examples of issue 9.
  { text: '产线停了', grade: 'urgent', rule: 'production_stop' },
  { text: '生产线停止运行，客户很着急', grade: 'urgent', rule: 'production_stop' },
  { text: '整条流水线停工', grade: 'urgent', rule: 'production_stop' },
  { text: '核心功能完全失效', grade: 'urgent', rule: 'core_failure' },
  { text: '同一批次20台相同故障', grade: 'urgent', rule: 'batch_failure' },
  { text: '我们想批量采购一批电源适配器，请报个价', grade: 'general', ignored: 'batch_failure' },
  { text: '设备开机后一直进入安全模式', grade: 'general', ignored: 'safety' },
  { text: '已经检查过了，没有安全问题', grade: 'general', ignored: 'safety' },
  // Production stops, in the words callers use.
  { text: '你好，我们车间的设备停机了，现在整条线都停了', grade: 'urgent', rule: 'production_stop' },
  { text: '变频器烧了，产线停产，设备无法启动', grade: 'urgent', rule: 'production_stop' },
  { text: '包装线停摆两个小时了，麻烦尽快派人', grade: 'urgent', rule: 'production_stop' },
  { text: '控制器报错以后流水线停下来了', grade: 'urgent', rule: 'production_stop' },
  { text: '机器坏了，工厂现在没法生产', grade: 'urgent', rule: 'production_stop' },
  { text: '因为这个传感器，我们停线一上午了', grade: 'urgent', rule: 'production_stop' },
  { text: '主板故障导致停工', grade: 'urgent', rule: 'production_stop' },
  { text: '设备频繁报警，严重影响生产', grade: 'urgent', rule: 'production_stop' },
  { text: '装配线上的电机停转，整线停了', grade: 'urgent', rule: 'production_stop' },
  // Safety.
  { text: '电源有漏电的安全隐患', grade: 'urgent', rule: 'safety' },
  { text: '充电器插上以后冒烟了，还有烧焦的味道', grade: 'urgent', rule: 'safety' },
  { text: '操作工碰到外壳被电到了，有触电风险', grade: 'urgent', rule: 'safety' },
  { text: '电池鼓包，担心会起火', grade: 'urgent', rule: 'safety' },
  { text: '接线端子打火，旁边的线缆护套都烧焦了', grade: 'urgent', rule: 'safety' },
  { text: '设备运行时夹手，已经有员工受伤', grade: 'urgent', rule: 'safety' },
  { text: '这个问题不是小毛病，存在安全隐患', grade: 'urgent', rule: 'safety' },
  { text: '控制柜着火了', grade: 'urgent', rule: 'safety' },
  // Core function completely failed.
  { text: '显示屏完全没反应，什么都看不到', grade: 'urgent', rule: 'core_failure' },
  { text: '系统彻底瘫痪了', grade: 'urgent', rule: 'core_failure' },
  { text: '整机完全不能用', grade: 'urgent', rule: 'core_failure' },
  { text: '设备的核心功能失效，测量一直为零', grade: 'urgent', rule: 'core_failure' },
  { text: '控制器根本用不了', grade: 'urgent', rule: 'core_failure' },
  // Batch failures and quantities.
  { text: '上周到货的30台设备，有多台出现同样的问题', grade: 'urgent', rule: 'batch_failure' },
  { text: '多台设备都出现同样的问题', grade: 'urgent', rule: 'batch_failure' },
  { text: '整批货都有这个问题', grade: 'urgent', rule: 'batch_failure' },
  { text: '两台出现一样的毛病，都是开机黑屏', grade: 'urgent', rule: 'batch_failure' },
  { text: '这批电缆的绝缘层批量开裂', grade: 'urgent', rule: 'batch_failure' },
  { text: '怀疑是批次问题，同一批次的连接器接触不良', grade: 'urgent', rule: 'batch_failure' },
  { text: '我们有五台控制器都无法启动', grade: 'urgent', rule: 'batch_failure' },
  { text: '客户反馈十几台都有相同故障', grade: 'urgent', rule: 'batch_failure' },
  // Important: a main function faulty, partial impact.
  { text: '指示灯不亮', grade: 'important', rule: 'fault' },
  { text: '电机有异响，但是还能正常运转', grade: 'important', rule: 'fault' },
  { text: '触摸屏偶尔死机，重启后能用', grade: 'important', rule: 'fault' },
  { text: '传感器读数不准，偏差大', grade: 'important', rule: 'fault' },
  { text: '非核心部件损坏，功能异常但不影响整体运行', grade: 'important', rule: 'fault' },
  { text: '设备过热后自动停机，过一会儿又能开', grade: 'important', rule: 'fault' },
  { text: '设备不停地重启', grade: 'important', rule: 'fault', ignored: 'production_stop' },
  { text: '通讯经常掉线，时好时坏', grade: 'important', rule: 'fault' },
  { text: '同样的问题又出现了，上次修过', grade: 'important', rule: 'fault' },
  { text: '买了20台，其中一台有异响', grade: 'important', rule: 'fault' },
  { text: '用了几个月就出现这个问题，风扇噪音大', grade: 'important', rule: 'fault' },
  // Negation and its scope.
  { text: '没有安全问题，但是产线停了', grade: 'urgent', rule: 'production_stop', ignored: 'safety' },
  { text: '无安全隐患，只是指示灯不亮', grade: 'important', rule: 'fault', ignored: 'safety' },
  { text: '不是批量问题，只有一台坏了', grade: 'important', rule: 'fault', ignored: 'batch_failure' },
  { text: '未发现漏电，外壳有一道划痕', grade: 'general', rule: 'minor', ignored: 'safety' },
  { text: '设备没有停机，生产正常，就是有点异响', grade: 'important', rule: 'fault', ignored: 'production_stop' },
  { text: '不影响生产，想咨询一下固件升级', grade: 'general', rule: 'minor', ignored: 'production_stop' },
  { text: '不存在安全问题，请放心', grade: 'general', ignored: 'safety' },
  { text: '并没有人受伤，不过线缆冒烟了', grade: 'urgent', rule: 'safety' },
  { text: '请问如何防止设备漏电', grade: 'general', ignored: 'safety' },
  // Look-alikes.
  { text: '工人没戴安全帽，这个需要培训吗', grade: 'general', ignored: 'safety' },
  { text: '请问这个型号停产了吗，有没有替代型号', grade: 'general', ignored: 'production_stop' },
  { text: '想批量下单50台，能不能给个折扣', grade: 'general', ignored: 'batch_failure' },
  { text: '安全认证证书在哪里下载', grade: 'general', ignored: 'safety' },
  { text: '车间停电了，来电后设备可以正常使用吗', grade: 'general', ignored: 'production_stop' },
  { text: '怎么退出安全模式', grade: 'general', ignored: 'safety' },
  { text: '设备报警后停机，生产线没停', grade: 'important', rule: 'fault' },
  { text: '没停产，但是效率下降了一半', grade: 'important', rule: 'fault', ignored: 'production_stop' },
  { text: '冒烟测试通过了，但是固件升级失败', grade: 'important', rule: 'fault', ignored: 'safety' },
  { text: '你们的安全帽质量太差了，一戴就裂开', grade: 'important', rule: 'fault', ignored: 'safety' },
  // A question about a hazard is no denial of it.
  { text: '电缆外皮有破损，会不会漏电？', grade: 'urgent', rule: 'safety' },
  { text: '客户说所有设备都停机了', grade: 'urgent', rule: 'batch_failure' },
  { text: '整批货都不合格', grade: 'urgent', rule: 'batch_failure' },
  // General: minor defects, questions, suggestions.
  { text: '请问如何设置中文界面', grade: 'general', rule: 'minor' },
  { text: '外壳上有划痕，收货时就有', grade: 'general', rule: 'minor' },
  { text: '建议增加一个定时开机的功能', grade: 'general', rule: 'minor' },
  { text: '发票抬头开错了，需要重开', grade: 'general', rule: 'minor' },
  { text: '说明书丢了，能再发一份电子版吗', grade: 'general', rule: 'minor' },
];
