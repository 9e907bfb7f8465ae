"""System-integration documents written for the regression set: solutions, manuals,
bids, contracts, fault reports and runbooks, in Chinese, English and both; some in
traditional characters (a Taiwan or Hong Kong vendor's wording), some with codes and
versions, some whose key terms are only in an attachment; organisations and projects
as their searchables describe them; and a few records the test reader may not read.

Each row: (id, title, body, keywords separated by "|", attachment text)."""
from __future__ import annotations

#: knowledge articles every reader of the set may read
ARTICLES = [
    # -- fault reports and how-tos ------------------------------------------------------
    ("prn-offline", "网络打印机显示脱机的处理步骤",
     "现象：用户打印时提示打印机脱机，任务堆积在队列里。处理：先确认打印机面板无报错并已联网，"
     "在电脑上取消“脱机使用打印机”勾选；重启 Print Spooler 服务并清空队列；若打印机改过 IP，"
     "在端口设置中改为新地址。惠普、理光、柯尼卡美能达机型均适用。", "打印机|脱机|Print Spooler", ""),
    ("prn-driver", "打印机驱动安装与共享设置",
     "通过打印服务器部署驱动，32 位与 64 位客户端分别添加驱动包。共享名不要含空格，客户端用 "
     "\\\\printsrv\\名称 添加。驱动不匹配会导致乱码或只打印半页。", "打印机|驱动", ""),
    ("db-conn-ora", "Oracle 会话数达到上限的处理（ORA-00018）",
     "应用报 ORA-00018 maximum number of sessions exceeded，新连接无法建立。查询 v$session 按 "
     "machine、program 统计会话来源，结束空闲超过 2 小时的连接；评估后调大 processes 与 sessions "
     "参数（需重启实例），并要求应用使用连接池且设置最大连接数。", "Oracle|会话|连接池", ""),
    ("db-conn-mysql", "MySQL 报 Too many connections 排查",
     "当连接数超过 max_connections 时 MySQL 拒绝新连接。用 show processlist 查看是否有大量 Sleep "
     "连接，调整 wait_timeout；临时可通过 gdb 或保留的管理员连接调大 max_connections。根本上要修复"
     "应用未释放连接的问题。", "MySQL|连接数|max_connections", ""),
    ("srv-boot", "服务器无法开机故障排查",
     "按下电源键无反应或风扇转但无显示：检查两路电源线与 PDU，观察前面板告警灯；通过 iDRAC 或 iBMC "
     "查看硬件日志，常见原因为内存松动、电源模块故障或主板电池。最小化配置（一根内存一颗 CPU）逐一排查。",
     "服务器|开机|iBMC|iDRAC", ""),
    ("sw-flap", "交换机端口频繁 up/down 故障分析",
     "日志中接口状态反复在 up 与 down 之间切换（端口震荡）。常见原因：光模块功率偏低、跳线或水晶头"
     "接触不良、双工协商不一致、对端网卡节能模式。处理：display interface 查看 CRC 错误，更换光模块"
     "与跳线，固定速率双工。", "交换机|端口|光模块", ""),
    ("vpn-fail", "SSL VPN 客户端无法连接的排查",
     "用户反映 VPN 拨号失败或连接后马上断开。检查客户端版本与网关版本是否匹配、证书是否过期、"
     "用户账号是否被锁定；家庭宽带运营商封 UDP 时改用 TCP 443 模式。网关侧查看认证日志。",
     "VPN|SSL VPN|远程办公", ""),
    ("mail-send", "Exchange 邮件无法外发的处理",
     "外发邮件滞留在队列中，退信提示 550 被拒。检查出口 IP 是否进入反垃圾黑名单，SPF、DKIM 记录是否"
     "正确，发送连接器的智能主机配置；内部可发外部不可发时重点查看边缘传输服务器。",
     "Exchange|邮件|退信", ""),
    ("ransom", "勒索病毒应急响应手册",
     "发现文件被加密、后缀被改并出现勒索信时：立即断网隔离受感染主机，不要重启，保留现场；排查同网段"
     "主机与共享目录，关闭 445 端口；从离线备份恢复数据，不建议支付赎金。事后修补漏洞并开展全员培训。",
     "勒索病毒|应急响应|安全事件", ""),
    ("proj-init", "项目立项申请流程",
     "商机赢单后由销售在 CRM 中发起立项，填写客户、合同金额、预计毛利和交付周期，附中标通知书或合同"
     "草稿。售前与交付经理评审通过后生成项目编号，财务据此建立项目核算。", "立项|流程|项目编号", ""),
    ("bid-deposit", "投标保证金退还办理指引",
     "未中标项目在中标公告发布后五个工作日内向招标代理提交退还申请，附保证金缴纳凭证和开户许可证复印件；"
     "中标项目在合同签订后退还。财务每周跟进未退回的保证金。", "投标保证金|招标|财务", ""),
    ("expense", "差旅费报销规定",
     "出差报销须在返回后十个工作日内提交，附行程单、住宿发票和审批单。住宿标准按城市分类执行，"
     "超标部分自理；项目现场驻场补贴按天计算，计入项目成本。", "报销|差旅", ""),
    ("dc-temp", "机房空调故障及高温应急预案",
     "机房温度超过 30℃ 或精密空调报高压告警时：通知动力值班，启用备用空调，打开冷通道门加强通风，"
     "必要时关闭非关键业务服务器降低负载；检查动环监控告警记录并联系空调维保厂商。",
     "机房|空调|动环监控|应急预案", ""),
    ("disk-full", "Linux 服务器磁盘空间不足的处理",
     "df -h 发现根分区使用率 100%，服务写日志失败。用 du -sh 逐级定位大目录，常见为 /var/log 日志未轮转、"
     "core 文件或已删除但仍被进程占用的文件（lsof | grep deleted）。清理后配置 logrotate。",
     "Linux|磁盘|日志", ""),
    ("vm-migrate-fail", "vMotion 迁移失败常见原因",
     "vMotion 卡在 20% 或报网络不可达：检查 vMotion VMkernel 端口与 MTU 是否一致，目标主机 CPU 兼容性"
     "（EVC 模式），共享存储是否在两台主机都挂载。挂载了本地 ISO 的虚拟机需先断开光驱。",
     "vMotion|VMware|虚拟机", ""),
    ("fw-pwd", "防火墙管理员密码重置方法",
     "管理员忘记登录密码时，可通过 Console 口进入 BootROM 菜单清除配置密码；华为 USG 系列在启动时按 "
     "Ctrl+B，飞塔通过 maintainer 账号在重启后 60 秒内登录。操作前务必备份配置，并在维护窗口进行。",
     "防火墙|密码|Console", ""),
    ("wifi", "无线网络覆盖优化方案",
     "办公区信号弱、漫游掉线：先做现场勘测，根据热图调整 AP 点位与功率，2.4G 信道使用 1/6/11，5G 开启 "
     "频谱导航；高密度会议室增加 AP 并限制单 AP 接入数。", "无线|AP|覆盖", ""),
    ("ups-alarm", "UPS 持续告警蜂鸣的处理",
     "UPS 发出连续蜂鸣一般表示市电中断转电池供电、过载或电池故障。查看面板告警代码，过载时减少负载；"
     "电池使用超过三年需做放电测试并更换。", "UPS|电池|告警", ""),
    ("raid-rebuild", "RAID 磁盘故障更换与数据重建",
     "阵列中一块硬盘亮黄灯，阵列降级运行。确认热备盘已接管；在同槽位更换同容量硬盘，阵列卡自动开始"
     "重建，重建期间避免高负载。两块盘同时故障时不要强制上线，联系数据恢复厂商。",
     "RAID|硬盘|阵列", ""),
    ("complaint", "客户投诉处理规范",
     "接到客户投诉后 2 小时内响应，24 小时内给出处理方案；重大投诉上报服务总监。记录投诉内容、原因分析"
     "与整改措施，结案后回访客户满意度。", "投诉|客户服务|满意度", ""),
    ("contract-pay", "合同付款条款范本",
     "建议付款方式：合同签订后支付 30% 预付款，到货验收后支付 40%，初验合格支付 20%，质保期满支付 "
     "10% 质保金。避免背靠背条款，明确逾期付款违约金比例。", "合同|付款|质保金", ""),
    ("djcp-prep", "等级保护测评前的准备工作",
     "网络安全等级保护测评前，应完成系统定级备案，梳理资产清单和网络拓扑，补齐安全管理制度；技术上"
     "检查边界防护、访问控制、入侵防范、日志审计和数据备份，整改后再请测评机构进场。",
     "等级保护|测评|定级备案", ""),
    ("cctv-black", "监控摄像头画面黑屏的排查",
     "录像机上某路画面黑屏或无视频信号：检查摄像机供电（PoE 交换机端口功率）、网线与水晶头，登录摄像机"
     "网页确认码流参数；夜间黑屏检查红外灯。海康、大华设备均可用 SADP 工具扫描在线状态。",
     "视频监控|摄像机|NVR", ""),
    ("net-slow", "内网访问缓慢的排查思路",
     "用户反映网速慢、打开系统卡顿：先区分是全部用户还是个别用户，检查出口带宽利用率、核心交换机 CPU；"
     "排查环路（广播风暴）、ARP 攻击和中毒主机；个别用户检查网卡速率是否协商为 10M。",
     "网络|带宽|环路", ""),
    ("ora-startup", "Oracle 数据库实例无法启动",
     "startup 报错无法打开数据库：查看 alert 日志，常见为参数文件错误、控制文件损坏、归档目录满导致无法"
     "切换日志。归档满时清理或扩容归档空间后执行 alter database open。", "Oracle|实例|启动|alert 日志", ""),
    ("ad-lock", "域账号被锁定的解锁与原因排查",
     "用户多次输错密码后域账号被锁。在 AD 用户和计算机中解锁；反复被锁时在域控安全日志中按事件 ID 4740 "
     "查找锁定来源，常见为手机邮箱或映射盘保存的旧密码。", "AD|域账号|锁定", ""),
    ("cert-expire", "SSL 证书过期导致网站无法访问",
     "浏览器提示您的连接不是私密连接、NET::ERR_CERT_DATE_INVALID：证书已过期。重新申请证书后在 Nginx 或 "
     "负载均衡设备上替换，并配置到期前 30 天提醒。", "SSL 证书|HTTPS|Nginx", ""),
    ("backup-fail", "备份作业失败的处理",
     "备份软件报作业失败：检查备份服务器到客户端的网络与代理服务状态、介质池是否有可用磁带或磁盘空间、"
     "数据库备份时归档是否可读。失败后当天补做全量备份。", "备份|作业|磁带库", ""),
    ("sw-log", "查看交换机日志与告警的方法",
     "华为交换机使用 display logbuffer 查看日志缓冲区，display trapbuffer 查看告警；H3C 使用 display "
     "logbuffer。建议配置 syslog 发送到日志服务器长期保存。", "交换机|日志|syslog", ""),
    ("onboarding", "新员工入职手续清单",
     "入职当天办理劳动合同签订、工牌、门禁与邮箱账号开通，领取笔记本电脑；第一周完成信息安全与保密培训，"
     "由部门指定导师。", "入职|人事", ""),
    ("delay-comm", "项目延期时与客户的沟通要点",
     "工期可能延误时，尽早书面告知客户原因（到货延迟、现场条件不具备等）、影响范围和新的计划，必要时"
     "签署工期变更确认单，避免验收时产生违约争议。", "延期|工期|沟通", ""),
    ("k8s-crash", "Kubernetes Pod 反复重启（CrashLoopBackOff）排查",
     "kubectl describe pod 查看事件与退出码，kubectl logs --previous 查看上次运行日志。OOMKilled 时调大内存 "
     "limit；探针配置过严也会导致容器被反复重启。", "Kubernetes|K8s|Pod", ""),
    # -- solutions, bids, contracts ------------------------------------------------------
    ("cutover-core", "核心交换机割接实施方案",
     "为更换数据中心核心交换机，制定夜间割接方案：割接前完成配置预置与双方确认，割接窗口 00:00-04:00，"
     "逐条迁移上联与服务器链路，每步验证业务；准备回退预案，超过 03:30 未完成即回退。",
     "割接|核心交换机|回退", ""),
    ("cutover-check", "网络割接检查表",
     "割接前：变更审批、配置备份、业务方联系人；割接中：每步截图记录；割接后：业务拨测、监控无告警、"
     "客户签字确认。", "割接|检查表", ""),
    ("hosp-it", "某三甲医院信息化建设方案",
     "围绕电子病历评级和互联互通测评，建设医院集成平台、数据中心与网络安全体系。方案包括 HIS、LIS、PACS "
     "系统的服务器虚拟化部署、存储双活和内外网隔离。", "医院|信息化|电子病历|PACS", ""),
    ("vc-maint", "视频会议系统年度维保服务方案",
     "对全省 86 个会场的视频会议终端与 MCU 提供年度维保：每季度巡检，重要会议现场保障，故障 4 小时响应、"
     "备件先行更换。", "视频会议|维保|MCU", ""),
    ("dc-move", "数据中心整体搬迁方案",
     "将原机房 42 个机柜搬迁至新数据中心：按业务分四批搬迁，搬迁前做全量备份与应用停机演练，运输使用"
     "防震包装，新机房上架后按检查表逐项恢复。", "数据中心|搬迁|机房", ""),
    ("fiber-accept", "光缆熔接与验收规范",
     "光纤熔接单点损耗不大于 0.08dB，使用 OTDR 双向测试并出具测试报告；光缆标签两端一致，盘留长度不少于 "
     "5 米。", "光纤|熔接|OTDR|验收", ""),
    ("srv-maint-contract", "服务器维保服务合同（模板）",
     "乙方为甲方提供服务器、存储设备原厂或第三方维保服务，服务期一年，7×24 小时电话支持，4 小时到场，"
     "备件更换不另收费。合同总价含税，分两期支付。", "维保|合同|服务器", ""),
    ("govcloud-mig", "政务云迁移上云实施方案",
     "将委办局 37 个业务系统迁移到市政务云：调研评估、迁移分批、数据同步与割接、上云后等保测评。"
     "迁移方式包括 P2V、V2V 和应用重新部署。", "政务云|迁移|上云", ""),
    ("smart-class", "中小学智慧教室建设方案",
     "每间教室配置交互式智能平板、录播设备和无线投屏，建设校级资源平台，支持常态化录播与远程听课。",
     "智慧教室|教育|录播", ""),
    ("bank-branch-net", "银行网点网络改造方案",
     "为分行下辖 120 个网点改造广域网：主线路 MSTP 专线、备线路 4G/5G 无线，部署 SD-WAN 设备实现链路"
     "自动切换，网点内部署安全接入与终端准入。", "银行|网点|网络改造|SD-WAN", ""),
    ("cabling-spec", "综合布线施工规范",
     "水平线缆长度不超过 90 米，穿管敷设弯曲半径不小于线缆外径的 4 倍；配线架与信息点编号一致，完工后"
     "使用 Fluke 测试仪全部测试并提交报告。", "综合布线|施工|测试", ""),
    ("dc-env-mon", "机房动力环境监控系统方案",
     "对配电柜、UPS、精密空调、温湿度、漏水、烟感和门禁进行集中监控，告警通过短信和微信推送，支持"
     "历史曲线与报表。", "动环监控|机房|告警", ""),
    ("storage-quote", "存储扩容报价单",
     "为客户现有存储扩容 200TB：新增硬盘框 2 台、12TB NL-SAS 硬盘 24 块及原厂三年维保，报价含安装调试。",
     "存储|扩容|报价单", ""),
    ("vdi-deploy", "桌面云部署实施手册",
     "部署桌面云管理节点、计算节点与共享存储，制作黄金镜像，按部门创建桌面池；瘦终端通过协议接入，"
     "外设重定向需单独配置 USB 策略。", "桌面云|VDI|瘦终端", ""),
    ("pentest-report", "渗透测试报告（某门户网站）",
     "本次测试发现高危漏洞 3 个：SQL 注入、未授权访问与任意文件上传；中危 5 个。附复现步骤与修复建议，"
     "复测时间另行约定。", "渗透测试|漏洞|报告", ""),
    ("weak-elec-bid", "园区弱电智能化工程招标文件",
     "招标范围包括综合布线、视频监控、门禁一卡通、信息发布与机房工程。投标人须具备电子与智能化工程专业"
     "承包二级及以上资质，投标截止时间以公告为准。", "招标文件|弱电|智能化", ""),
    ("accept-template", "项目验收报告模板",
     "验收报告包括：项目概况、建设内容完成情况、测试结果、文档移交清单、遗留问题及验收结论，由建设单位"
     "与承建单位双方签字盖章。", "验收报告|模板|终验", ""),
    ("service-pledge", "售后服务承诺书",
     "我公司承诺：质保期三年，7×24 小时响应，市区 2 小时到场，重大故障 8 小时内恢复；质保期满后按优惠"
     "价格提供续保。", "售后|服务承诺|质保", ""),
    ("mes-golive", "工厂 MES 系统上线切换计划",
     "MES 上线前完成基础数据导入、条码打印调试和关键用户培训；切换当天暂停旧系统报工，安排驻场支持两周。",
     "MES|上线|制造", ""),
    ("medins-api", "医保结算系统接口改造说明",
     "按国家医保信息平台接口规范改造 HIS 结算接口，完成门诊、住院结算与对账联调，上线前通过医保局验收。",
     "医保|接口|HIS", ""),
    ("slb-config", "负载均衡设备配置指南",
     "在负载均衡设备上创建服务器池与健康检查，虚拟服务绑定业务地址，选择轮询或最少连接算法；会话保持使用 "
     "Cookie 插入方式，证书在设备上卸载。", "负载均衡|健康检查|会话保持", ""),
    ("slb-f5", "F5 BIG-IP 负载均衡双机部署",
     "两台 F5 BIG-IP 组成主备，配置 Device Group 与配置同步，Pool 成员健康检查使用 HTTP monitor；"
     "切换测试时拔主机业务口观察流量倒换。", "F5|负载均衡|双机热备", ""),
    ("ha-hot", "数据库双机热备方案",
     "两台数据库服务器采用共享存储双机热备，心跳线直连，主机故障时备机自动接管服务地址，切换时间小于 "
     "60 秒；定期做切换演练。", "双机热备|高可用|数据库", ""),
    ("dr-plan", "同城容灾建设方案",
     "在同城 30 公里外建设容灾中心，核心数据库通过存储复制实现 RPO 接近零，应用层双活部署，每年两次"
     "容灾切换演练。", "容灾|双活|RPO", ""),
    ("hci-sol", "超融合平台解决方案",
     "以超融合一体机替代传统服务器加集中存储架构，计算与存储资源池化，横向扩展，三节点起步，适合分支机构"
     "与中小数据中心。", "超融合|虚拟化|资源池", ""),
    ("bastion", "堡垒机部署与使用规范",
     "所有运维人员必须通过堡垒机登录服务器与网络设备，按人员授权资产，操作全程录像审计；高危命令触发"
     "审批。", "堡垒机|运维审计|授权", ""),
    ("xinchuang", "信创办公终端替代方案",
     "采用国产 CPU 与国产操作系统的办公终端，适配版式文档、流式办公软件与电子公文系统，分批替换原有 PC。",
     "信创|国产化|终端", ""),
    ("ips-deploy", "入侵防御系统部署方案",
     "在互联网出口防火墙之后串接部署入侵防御系统，开启漏洞攻击与病毒特征库自动升级，初期以告警模式运行"
     "两周后切换为阻断。", "入侵防御|边界安全", ""),
    ("ids-mirror", "入侵检测系统旁路部署",
     "核心交换机配置端口镜像，将流量复制到入侵检测系统进行分析，检测结果汇总到安全管理平台。",
     "入侵检测|端口镜像", ""),
    ("waf-deploy", "Web应用防火墙上线说明",
     "网站前部署 Web应用防火墙，防护 SQL 注入、XSS 与 CC 攻击；上线前先以监控模式观察误报，再开启拦截。",
     "Web应用防火墙|网站安全", ""),
    ("soc-build", "安全运营中心建设方案",
     "建设安全运营中心，汇聚防火墙、入侵防御、终端安全日志，7×24 小时值守，按事件等级响应与闭环。",
     "安全运营中心|日志|值守", ""),
    ("cctv-sol", "园区视频监控系统设计方案",
     "园区周界与出入口部署 400 万像素枪机与球机，录像保存 30 天，接入公安视频专网；中心设电视墙与"
     "管理平台。", "视频监控|园区|NVR", ""),
    ("oa-impl", "协同办公系统实施方案",
     "实施流程审批、公文管理、知识文档与移动办公模块，与企业微信集成单点登录，分部门推广上线。",
     "办公自动化|协同办公|流程", ""),
    ("ups-sol", "机房不间断电源系统设计",
     "采用两台 200kVA 模块化不间断电源并机冗余，后备电池满载 30 分钟，配置电池巡检与远程监控。",
     "不间断电源|机房|电池", ""),
    ("sdwan-sol", "软件定义广域网组网方案",
     "总部与 60 个分支通过互联网与专线混合组网，基于应用的智能选路，零接触开局，集中控制器统一下发策略。",
     "软件定义广域网|组网|分支", ""),
    ("vpn-s2s", "分支机构虚拟专用网络互联配置",
     "总部防火墙与分支路由器之间建立 IPsec 隧道，预共享密钥认证，感兴趣流为业务网段，配置 DPD 检测。",
     "虚拟专用网络|IPsec|分支", ""),
    ("erp-impl", "企业资源计划系统实施方法论",
     "分为项目准备、蓝图设计、系统实现、上线准备与上线支持五个阶段；关键用户参与蓝图评审。",
     "企业资源计划|实施|蓝图", ""),
    ("maint-plan", "年度系统维护服务方案",
     "对客户服务器、网络与安全设备提供年度维护：月度巡检报告、补丁评估、故障响应与备件服务。",
     "维护|巡检|服务方案", ""),
    ("idc-colo", "IDC 机柜租用服务说明",
     "提供标准 42U 机柜租用，单机柜 8kW 供电，双路市电，BGP 多线带宽，7×24 小时代维服务。",
     "IDC|机柜|带宽", ""),
    ("vmware-mig", "VMware 虚拟化平台迁移方案",
     "将原 vSphere 6.5 集群迁移到新建的 vSphere 7.0 集群：新集群部署 vCenter，利用跨 vCenter vMotion "
     "迁移虚拟机，无法在线迁移的系统安排停机窗口冷迁移。", "VMware|vSphere|迁移", ""),
    ("ora-rac-install", "Oracle RAC 19c 安装部署手册",
     "两节点 RAC 安装：配置私网心跳、ASM 磁盘组与 SCAN IP，安装 Grid Infrastructure 后安装数据库软件并"
     "创建数据库，最后打 RU 补丁。", "Oracle|RAC|ASM", ""),
    ("nginx-proxy", "Nginx 反向代理与负载配置",
     "upstream 定义后端服务器，proxy_pass 转发请求，设置 proxy_set_header 传递真实 IP；静态资源配置缓存，"
     "HTTPS 在 Nginx 上终止。", "Nginx|反向代理", ""),
    ("k8s-deploy", "K8s 集群部署实施记录",
     "使用 kubeadm 部署三主三从 Kubernetes 集群，网络插件 Calico，镜像仓库 Harbor，Ingress 使用 Nginx "
     "Ingress Controller。", "Kubernetes|K8s|部署", ""),
    ("huawei-vlan", "华为 S5735 交换机 VLAN 配置",
     "创建 VLAN 10、20，接入口配置为 access 并加入对应 VLAN，上联口为 trunk 放行全部业务 VLAN；配置 "
     "VLANIF 作为网关。", "华为|交换机|VLAN", "附件：S5735-L24T4S-A1 出厂配置备份"),
    ("sqlserver-ao", "SQL Server AlwaysOn 可用性组配置",
     "基于 Windows 故障转移群集创建可用性组，配置同步提交副本与侦听器，应用连接串使用侦听器名称。",
     "SQL Server|AlwaysOn|高可用", ""),
    ("ad-migrate", "AD 域控制器迁移与升级",
     "新建 Windows Server 2022 域控并提升为额外域控，转移 FSMO 角色，验证复制正常后降级旧域控。",
     "AD|域控|FSMO", ""),
    ("exchange-upgrade", "Exchange 2016 升级到 2019 方案",
     "部署 Exchange 2019 服务器并加入组织，迁移邮箱数据库与用户邮箱，切换 MX 记录和客户端访问地址后"
     "下线旧服务器。", "Exchange|升级|邮箱迁移", ""),
    ("zabbix-deploy", "Zabbix 监控平台部署",
     "部署 Zabbix Server 与 Web 前端，服务器安装 agent，网络设备使用 SNMP 采集；配置告警媒介为企业微信。",
     "Zabbix|监控|SNMP", ""),
    ("ceph-install", "Ceph 分布式存储部署",
     "三节点部署 Ceph 集群，使用 cephadm 安装，OSD 使用 SSD 做 WAL/DB，提供 RBD 块存储与 CephFS。",
     "Ceph|分布式存储", ""),
    ("redis-sentinel", "Redis 哨兵高可用配置",
     "一主两从加三个哨兵，哨兵判断主节点下线后自动故障转移，应用通过哨兵获取主节点地址。",
     "Redis|哨兵|高可用", ""),
    # -- English ---------------------------------------------------------------------------
    ("en-backup-policy", "Backup policy for file servers",
     "Full backups run every Sunday night and incremental backups run nightly. Backup jobs are "
     "monitored by the operations team; a failed job is retried the next morning. Backups are "
     "kept for 90 days and copied offsite weekly.", "backup|retention", ""),
    ("en-db-replication", "Database replication runbook",
     "This runbook describes how the primary database replicates to the standby site. Check the "
     "replication lag before any planned switchover and after network maintenance.",
     "replication|standby|switchover", ""),
    ("en-login-fail", "Investigating failed logins",
     "Repeated authentication failures from one address usually mean a brute-force attempt or a "
     "service using an expired password. Review the security log and block the source at the "
     "firewall.", "authentication|security log", ""),
    ("en-fw-upgrade", "Firmware upgrade procedure for access switches",
     "Upgrade the switch firmware during a maintenance window. Save the running configuration, "
     "upload the new image, set it as the next startup image and reboot. Verify the version after "
     "the reboot.", "firmware|switch|upgrade", ""),
    ("en-cert-install", "Installing TLS certificates on web servers",
     "Install the certificate chain in the correct order: server certificate first, then the "
     "intermediate certificates. Reload the web server and test with an SSL checker.",
     "certificate|TLS", ""),
    ("en-monitoring", "Monitoring guidelines for production systems",
     "Every production server is monitored for CPU, memory, disk and service availability. Alerts "
     "are routed to the on-call engineer; thresholds are reviewed quarterly.",
     "monitoring|alerts", ""),
    ("en-patching", "Monthly patch management process",
     "Security patches are tested on staging servers in the first week, then deployed to "
     "production in the approved window. Servers that cannot be patched are documented with compensating "
     "controls.", "patch|security update", ""),
    ("en-onboard-vendor", "Vendor onboarding checklist",
     "New suppliers must provide business licences, bank details and a signed confidentiality "
     "agreement before the first purchase order.", "vendor|supplier", ""),
    ("en-incident", "Major incident management",
     "A major incident is declared when a critical service is down for more than 15 minutes. The "
     "incident manager coordinates responders, communicates with customers every 30 minutes and "
     "runs a post-incident review.", "incident|outage", ""),
    ("en-capacity", "Storage capacity planning",
     "Capacity is planned from six months of growth data. When a pool exceeds 80% utilisation, new "
     "shelves are ordered; expansions take about eight weeks to deliver.",
     "capacity|storage", ""),
    ("en-network-design", "Campus network design principles",
     "The campus network uses a collapsed core with redundant links. Access switches connect to two "
     "distribution switches and spanning tree is replaced by link aggregation where possible.",
     "network design|redundancy", ""),
    ("en-vm-snapshot", "Virtual machine snapshot rules",
     "Snapshots are not backups. Delete snapshots within 72 hours; long-running snapshots grow and "
     "slow down the virtual machine.", "snapshot|virtual machine", ""),
    ("en-password", "Password policy",
     "Passwords must be at least 12 characters and are changed every 180 days. Accounts are locked "
     "after five wrong attempts.", "password|account lockout", ""),
    ("en-dr-test", "Disaster recovery testing",
     "The disaster recovery plan is tested twice a year by failing over the core applications to "
     "the secondary data centre and measuring recovery time.", "disaster recovery|failover", ""),
    ("en-asset", "IT asset inventory procedure",
     "All hardware assets are tagged and recorded in the CMDB. Inventories are reconciled every "
     "quarter and retired devices are wiped before disposal.", "asset|CMDB", ""),
    ("en-sla", "Service level agreement for managed services",
     "Priority 1 tickets are responded to within 15 minutes and resolved within 4 hours. Monthly "
     "reports show response and resolution times against the agreed targets.", "SLA|tickets", ""),
    ("en-mixed-vsan", "vSAN 集群 troubleshooting notes",
     "When a vSAN disk group goes offline, check the health service first. 磁盘组离线时检查缓存盘状态，"
     "resync 完成前不要将主机置于维护模式。", "vSAN|troubleshooting", ""),
    # -- codes and versions -----------------------------------------------------------------
    ("code-gbt22239", "GB/T 22239-2019 网络安全等级保护基本要求解读",
     "GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》于 2019 年 12 月实施，即等保 2.0。"
     "相比 2008 版增加了云计算、移动互联、物联网和工业控制扩展要求。", "等保2.0|基本要求", ""),
    ("code-gbt28448", "GB/T 28448-2019 测评要求要点",
     "GB/T 28448-2019 规定了等级测评的测评方法和判定，测评机构据此出具测评报告。", "测评要求", ""),
    ("code-gb50174", "GB 50174-2017 数据中心设计规范摘要",
     "GB 50174-2017 将数据中心分为 A、B、C 三级，对供配电、空调、布线和消防提出要求；A 级要求容错配置。",
     "数据中心|设计规范", ""),
    ("code-cve44487", "CVE-2023-44487 HTTP/2 Rapid Reset 漏洞处置",
     "CVE-2023-44487 利用 HTTP/2 流快速重置发起拒绝服务攻击，影响 Nginx、Apache、IIS 等。处置：升级到"
     "修复版本，或临时关闭 HTTP/2，限制每连接并发流数量。", "HTTP/2|拒绝服务|漏洞", ""),
    ("code-cve44228", "Log4j 远程代码执行漏洞（CVE-2021-44228）排查",
     "CVE-2021-44228 即 Log4Shell，影响 Log4j 2.0-2.14.1。排查所有 Java 应用依赖，升级到 2.17.1 或移除 "
     "JndiLookup 类。", "Log4j|Log4Shell|远程代码执行", ""),
    ("code-ora600", "ORA-00600 内部错误的处理",
     "ORA-00600 是 Oracle 内部错误，第一个参数标识出错的代码模块。收集 alert 日志与 trace 文件，在 MOS "
     "上用 ORA-600 查找工具匹配已知 Bug，通常需要打补丁。", "Oracle|内部错误", ""),
    ("code-ora1555", "ORA-01555 快照过旧问题分析",
     "长查询运行期间 undo 被覆盖导致 ORA-01555 snapshot too old。调大 undo_retention 与 undo 表空间，"
     "优化长查询。", "Oracle|undo", ""),
    ("code-ora12541", "ORA-12541 TNS 无监听程序",
     "客户端连接报 ORA-12541: TNS:no listener，检查监听是否启动（lsnrctl status）、端口与防火墙策略。",
     "Oracle|监听|TNS", ""),
    ("code-s6730", "S6730-H48X6C 数据中心交换机配置要点",
     "华为 S6730-H48X6C 提供 48 个 10GE 与 6 个 100GE 端口，适合作为数据中心接入或汇聚；堆叠使用 100GE "
     "口，配置 M-LAG 实现服务器双归。", "华为|数据中心交换机|M-LAG", ""),
    ("code-s6730s", "S6730-S24X6Q 到货检验记录",
     "本批到货 S6730-S24X6Q 交换机 12 台，序列号与装箱单一致，加电自检正常。", "到货|交换机", ""),
    ("code-usg6555e", "USG6555E 防火墙双机部署",
     "两台 USG6555E 采用 HRP 主备模式，心跳口直连，业务口上下行接入交换机，配置 VGMP 监控接口状态。",
     "防火墙|HRP|双机热备", ""),
    ("code-ws2022", "Windows Server 2022 安装与加固",
     "安装 Windows Server 2022 Datacenter 后，启用安全基线：关闭 SMBv1、配置审核策略、启用 Defender，"
     "并加入 WSUS 统一打补丁。", "Windows Server|加固", ""),
    ("code-ws2019", "Windows Server 2019 激活失败 0xC004F074",
     "Windows Server 2019 报 0xC004F074 表示无法联系 KMS 服务器，检查 DNS 中的 _vmcompany 记录与 1688 端口。",
     "Windows Server|激活|KMS", ""),
    ("code-rhel86", "RHEL 8.6 升级到 8.8 步骤",
     "使用 dnf 升级 RHEL 8.6 到 8.8：先备份、确认订阅与软件源，执行 dnf update 后重启并核对内核版本。",
     "RHEL|升级", ""),
    ("code-vsphere703", "vSphere 7.0.3 补丁升级记录",
     "ESXi 主机由 7.0.2 升级到 7.0.3 Update 3n，升级前检查 HCL 兼容性与 vCenter 版本，逐台进入维护模式升级。",
     "vSphere|ESXi|补丁", ""),
    ("code-mysql8032", "MySQL 8.0.32 升级说明",
     "从 MySQL 5.7 升级到 8.0.32 需检查字符集 utf8mb4 与保留字冲突，使用 mysqlsh 的升级检查工具。",
     "MySQL|升级", ""),
    ("code-kb5034441", "KB5034441 安装失败 0x80070643 的处理",
     "安装 KB5034441 时报 0x80070643，原因是恢复分区空间不足，需要扩大 WinRE 分区后重新安装。",
     "Windows 更新|WinRE", ""),
    ("code-iso27001", "ISO/IEC 27001:2022 认证准备",
     "ISO/IEC 27001:2022 将控制项调整为 93 项四大类，认证前需完成风险评估、适用性声明和内部审核。",
     "ISO 27001|信息安全管理体系", ""),
    ("code-8021x", "802.1X 有线准入部署",
     "接入交换机开启 802.1X 认证，认证服务器使用 RADIUS，对哑终端使用 MAB 认证。", "准入|RADIUS", ""),
    ("code-fg600e", "FortiGate 600E 策略迁移",
     "将旧防火墙策略迁移到 FortiGate 600E，使用 FortiConverter 转换，迁移后逐条核对地址对象与服务对象。",
     "飞塔|策略迁移", ""),
    ("code-e5v4", "E5-2680 v4 服务器利旧评估",
     "对使用 E5-2680 v4 处理器的旧服务器评估利旧：可作为测试环境或备份服务器，不建议承载核心业务。",
     "利旧|服务器", ""),
    ("code-h3c6850", "H3C S6850-56HF IRF 堆叠配置",
     "两台 H3C S6850-56HF 通过 100G 口组成 IRF，配置成员优先级与 MAD 检测，防止堆叠分裂后地址冲突。",
     "H3C|IRF|堆叠", ""),
    # -- attachments ---------------------------------------------------------------------
    ("att-bom", "某园区网络项目设备清单",
     "本项目设备清单见附件，含核心、汇聚、接入交换机与无线设备。",
     "设备清单", "序号 1 核心交换机 CE12804 2 台；2 汇聚交换机 S5735-S48T4X 10 台；3 无线控制器 "
     "AirEngine 9700-M1 1 台；4 AP AirEngine 5761-11 120 台。"),
    ("att-gantt", "项目实施计划",
     "实施计划与里程碑详见附件。",
     "实施计划", "施工进度甘特图：第 1-2 周深化设计，第 3-6 周管线敷设，第 7 周设备安装，第 8 周联调，第 9 周试运行。"),
    ("att-drawing", "机房平面布置图说明",
     "机房布置见附件图纸。",
     "机房", "图纸说明：冷通道封闭，列头柜位于每列东侧，气体灭火钢瓶间位于北侧，承重 800kg/㎡。"),
    ("att-minutes", "项目启动会",
     "启动会已召开，纪要见附件。",
     "启动会", "会议纪要：甲方要求 6 月 30 日前完成上线，双方确定周例会制度，由项目经理每周五提交周报，"
     "风险项：土建进度滞后。"),
    ("att-training", "用户培训",
     "培训材料见附件。", "培训",
     "培训签到表与课件：桌面云客户端登录、打印机映射、USB 重定向常见问题。"),
    ("att-quote", "报价文件",
     "报价明细见附件。", "报价",
     "报价明细：超融合节点 4 台，每台 2 颗处理器、512GB 内存、8 块 3.84TB SSD；三年原厂服务；折扣率 62%。"),
    ("att-license", "软件许可证书",
     "许可证书扫描件见附件。", "许可",
     "许可证书：产品名称 Veeam Backup & Replication，授权方式 按实例，数量 50，授权期限至 2027 年 3 月。"),
    ("att-test", "系统测试记录",
     "测试记录见附件。", "测试",
     "压力测试结果：并发用户 2000，平均响应时间 1.8 秒，TPS 达到 560，CPU 峰值 71%。"),
    ("att-insurance", "施工人员保险",
     "保险单见附件。", "保险",
     "团体意外伤害保险单：被保险人 18 人，保险期间 2026 年 4 月至 2026 年 10 月，每人保额 50 万元。"),
    ("att-invoice", "到货签收单",
     "签收单扫描件见附件。", "签收",
     "签收单：收货单位 某市人民医院信息科，货物 服务器 6 台 机柜 2 个，签收人 刘某。"),
    # -- records' neighbours: articles that mention customers --------------------------------
    ("visit-gdmobile", "广东移动拜访记录",
     "拜访广东移动网络部，沟通核心网机房改造需求，客户关注割接时间窗与动环监控。", "拜访|广东移动", ""),
    ("visit-icbc", "工商银行北京分行需求调研",
     "调研工商银行北京分行网点网络现状，网点数量 86 个，计划明年改造广域网。", "调研|银行", ""),
]

#: written in traditional characters (a Taiwan or Hong Kong vendor's documents)
TRADITIONAL = [
    ("tw-virt", "伺服器虛擬化建置專案建議書",
     "本專案將機房 40 台實體伺服器整併至虛擬化平台，採用共享儲存與高可用叢集，並規劃異地備援。"
     "專案期程六個月，包含軟體授權、硬體設備與教育訓練。", "伺服器|虛擬化|專案", ""),
    ("tw-contract", "系統整合服務合約範本",
     "甲方委託乙方辦理系統整合服務，合約金額含稅，分三期付款；乙方應於驗收合格後提供一年保固，"
     "違約時依合約總價百分之一按日計罰。", "合約|系統整合", ""),
    ("tw-dbbackup", "資料庫備份與還原作業說明",
     "每日凌晨執行資料庫完整備份，每小時備份交易日誌；每月進行一次還原演練，確認備份檔可用。"
     "備份媒體異地保存。", "資料庫|備份|還原", ""),
    ("tw-netsec", "網路安全解決方案",
     "以次世代防火牆、入侵防禦與端點防護建構縱深防禦，搭配資安監控中心全天候監看，符合資通安全管理法要求。",
     "網路安全|資安|防火牆", ""),
    ("tw-printer", "印表機連線異常排除",
     "印表機顯示離線時，請確認網路線與 IP 設定，重新啟動列印多工緩衝處理器服務，並重新安裝驅動程式。",
     "印表機|驅動程式", ""),
    ("tw-memory", "記憶體擴充與硬碟更換作業",
     "伺服器記憶體由 128GB 擴充至 256GB，並更換兩顆故障硬碟；作業前關機並配戴防靜電手環。",
     "記憶體|硬碟", ""),
    ("tw-license", "軟體授權管理辦法",
     "公司使用之軟體須取得合法授權，資訊部門每季盤點授權數量，禁止安裝未經核准之軟體。",
     "軟體|授權", ""),
    ("tw-video", "視訊會議系統建置",
     "各分公司會議室建置視訊會議終端，透過雲端平台連線，支援螢幕分享與會議錄影。",
     "視訊會議|雲端", ""),
    ("tw-pm", "專案管理與進度控管",
     "專案經理每週召開進度會議，以甘特圖追蹤里程碑，變更需經客戶書面同意後方可執行。",
     "專案管理|進度", ""),
    ("hk-network", "網絡設備保養服務計劃",
     "為客戶提供交換機、路由器及防火牆的保養服務，每季度上門檢查一次，故障四小時內到場維修。",
     "網絡|保養|路由器", ""),
    ("hk-software", "軟件開發外判合約要點",
     "軟件開發外判須訂明知識產權歸屬、交付里程碑及驗收準則，源代碼須於驗收後移交。",
     "軟件|外判|合約", ""),
    ("tw-cloud", "雲端遷移評估報告",
     "評估現有應用系統遷移至公有雲的可行性，包含相依性分析、資料移轉方式與成本試算。",
     "雲端|遷移", ""),
]

#: records the test reader may not read (a confidential catalog, another team's project)
SECRET = [
    ("sec-bluewhale", "蓝鲸并购备忘（保密）",
     "Project Bluewhale：拟并购星澜微电子，尽职调查由外部律所负责，报价底价 3280 万元，仅限管理层阅读。",
     "蓝鲸|并购", "kbcat:9"),
    ("sec-layoff", "华南大区组织优化方案（保密）",
     "组织优化涉及岗位合并与人员调整，遣散补偿方案按 N+1 执行，代号 Nightjar。", "组织优化", "kbcat:9"),
    ("sec-kms", "生产密钥轮换记录",
     "生产环境 KMS-PRD-07 主密钥轮换，新密钥指纹 7f3a9c，旧密钥保留 30 天。", "密钥|轮换", "project:99"),
    ("sec-proto", "XK-9000 原型机测试",
     "XK-9000 原型机散热测试未通过，满载温度 97℃，需更换均热板方案。", "原型机", "project:99"),
    ("sec-bid-floor", "翡翠湾项目投标底价",
     "Emerald Bay 智慧社区项目投标底价 1180 万元，竞争对手预计报价 1250 万元。", "投标|底价",
     "project:99"),
]

#: organisations: (id, name, short name, city, notes, contacts)
ORGANIZATIONS = [
    (1, "中国移动通信集团广东有限公司", "广东移动", "广州", "运营商客户，核心网与 IDC 业务", "张伟 网络部经理"),
    (2, "中国工商银行股份有限公司北京分行", "工行北京分行", "北京", "金融客户，网点网络改造", "李娜 科技部"),
    (3, "华为技术有限公司", "华为", "深圳", "设备厂商，金牌合作伙伴", "王强 渠道经理"),
    (4, "国家电网有限公司", "国网", "北京", "能源行业客户", "赵敏 信通公司"),
    (5, "招商银行股份有限公司深圳分行", "招行深圳分行", "深圳", "金融客户", "陈静 信息技术部"),
    (6, "杭州海康威视数字技术股份有限公司", "海康威视", "杭州", "视频监控厂商", "周杰 行业经理"),
    (7, "中国石油化工股份有限公司广州分公司", "广州石化", "广州", "能源化工客户", "吴刚 信息中心"),
    (8, "上海浦东发展银行股份有限公司", "浦发银行", "上海", "金融客户", "郑丽 运维部"),
    (9, "中国移动通信集团浙江有限公司", "浙江移动", "杭州", "运营商客户", "孙磊 网络部"),
    (10, "深圳市腾讯计算机系统有限公司", "腾讯", "深圳", "互联网客户", "马莉 采购部"),
]

#: projects: (id, code, name, customer id, category, readable by the test reader)
PROJECTS = [
    (1, "IM-2026-0001", "广东移动核心网机房改造", 1, "机房工程", True),
    (2, "PS-2026-0042", "工行北京分行网点网络改造", 2, "网络集成", True),
    (3, "IM-2026-0007", "国网信通数据中心虚拟化扩容", 4, "虚拟化", True),
    (4, "SV-2025-0113", "浦发银行安全运营中心建设", 8, "安全服务", True),
    (5, "IM-2026-0015", "浙江移动视频监控平台升级", 9, "安防", True),
    (99, "IM-2026-0099", "翡翠湾智慧社区投标", 10, "投标", False),
]
