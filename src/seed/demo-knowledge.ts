import type { Actor } from '../context';
import { createArticle, moveArticle } from '../modules/knowledge/knowledge.service';
import type { TicketDeps } from '../modules/tickets/tickets.service';

// 知识库 The demo company's published articles: the fixes its engineers keep explaining on the phone,
// written for the products it sells. Engineers write them, the service manager reviews and publishes.

interface DemoArticle {
  family: string;
  title: string;
  problem: string;
  cause: string;
  solution: string;
  /** Shown in the customer portal too. */
  public: boolean;
}

const ARTICLES: DemoArticle[] = [
  {
    family: 'PSU',
    title: 'PSU-2400 电源模块无输出的现场排查',
    problem: '开机后电源模块无输出，输出端测不到电压，前面板指示灯不亮或红灯常亮。',
    cause: '常见原因依次为：输入缺相或输入电压低于 340V、负载短路触发保护、输入保险丝熔断、主控板损坏。',
    solution:
      '1. 断开负载，用万用表测量三相输入电压，确认在 380V±10% 以内；\n2. 单独空载上电，若恢复输出，逐路排查负载短路；\n3. 空载仍无输出时检查输入保险丝（F1、F2），更换同规格 15A 慢熔保险丝；\n4. 以上均正常仍无输出，判定主控板故障，联系售后更换模块，保修期内免费。',
    public: true,
  },
  {
    family: 'PSU',
    title: '电源模块夏季频繁过温保护的处理',
    problem: '车间温度较高时，电源模块下午频繁过温保护断电，冷却十几分钟后自行恢复。',
    cause: '柜内温度超过 50℃ 或风道被遮挡，模块按设计降额并触发过温保护。',
    solution:
      '1. 检查模块上下各留出不少于 100mm 的散热空间；\n2. 清理风扇滤网积灰，确认风扇转动正常；\n3. 柜内加装排风扇或空调，使柜内温度低于 45℃；\n4. 长期满载运行时建议按 80% 额定功率选型。',
    public: true,
  },
  {
    family: 'CTL',
    title: 'M8 运动控制器报警 E-021 通讯超时',
    problem: '运行中控制器报 E-021 通讯超时，伺服轴随机停止，重启后可暂时恢复。',
    cause: 'EtherCAT 网线屏蔽层未接地或与动力电缆同槽敷设，受变频器干扰。',
    solution:
      '1. 使用带屏蔽的超五类工业网线，两端屏蔽层可靠接地；\n2. 网线与动力电缆分槽敷设，交叉时垂直交叉；\n3. 在控制器诊断页面查看丢帧计数，整改后应为 0；\n4. 仍有报警时升级固件至 V3.2.1 以上版本。',
    public: false,
  },
  {
    family: 'HMI',
    title: '触摸屏画面下载提示连接超时',
    problem: '使用组态软件向 10 寸触摸屏下载画面时，一直提示连接超时。',
    cause: '电脑与触摸屏不在同一网段，或组态软件版本低于触摸屏固件要求。',
    solution:
      '1. 在触摸屏系统设置中查看 IP 地址，将电脑设为同一网段；\n2. 关闭电脑防火墙或放行 8000 端口；\n3. 组态软件升级至 V5.0 以上；\n4. 也可使用 U 盘方式导入工程文件。',
    public: true,
  },
  {
    family: 'GBX',
    title: '行星减速机输出轴渗油的原因与处理',
    problem: '减速机输出轴处持续渗油，设备下方有油渍。',
    cause: '油封老化或安装时唇口损伤；润滑脂加注过量导致内部压力升高。',
    solution:
      '1. 停机后清洁输出轴，确认渗油位置；\n2. 更换输出轴油封（随机备件包内有原厂油封），安装时唇口涂抹润滑脂；\n3. 按说明书加注量补充润滑脂，不要过量；\n4. 试运行两小时复查，无渗漏即可恢复生产。',
    public: true,
  },
  {
    family: 'YJV',
    title: '电力电缆验收绝缘电阻偏低的复测方法',
    problem: '电缆敷设后验收，个别线芯绝缘电阻只有十几兆欧，达不到验收要求。',
    cause: '多为端头受潮、测试时环境湿度过高或端头表面泄漏，电缆本体缺陷较少见。',
    solution:
      '1. 切除受潮端头约 0.5 米，重新制作端头并保持干燥；\n2. 使用 2500V 兆欧表，测试时间不少于 1 分钟，记录环境温湿度；\n3. 端头表面加屏蔽环排除表面泄漏；\n4. 复测仍不合格时，联系售后安排工程师现场取样检测。',
    public: false,
  },
];

export async function seedDemoKnowledge(ctx: TicketDeps, cast: { engineers: Actor[]; manager: Actor }, models: { id: string; modelNumber: string }[]) {
  for (const [i, a] of ARTICLES.entries()) {
    const model = models.find((m) => m.modelNumber.startsWith(a.family));
    const author = cast.engineers[i % cast.engineers.length]!;
    const row = await createArticle(
      ctx,
      {
        title: a.title,
        problem: a.problem,
        cause: a.cause,
        solution: a.solution,
        productModelIds: model ? [model.id] : [],
        faultCategory: null,
        public: a.public,
      },
      author,
    );
    await moveArticle(ctx, row.id, 'in_review', undefined, author);
    await moveArticle(ctx, row.id, 'published', undefined, cast.manager);
  }
}
