"""Hand-written knowledge articles of a Chinese system integrator (the core of the labelled
search-quality set). Each entry: (id, title, body, keywords, industry, attachment text).

The ids are readable slugs; the queries in queries.json name the articles they must find
by these slugs. `build_corpus.py` adds the generated articles and writes corpus.json."""

DOCS = [
    # -- contract review (合同评审) and other reviews (评审) -------------------------------
    ("cr-checklist", "合同评审检查表",
     "销售合同签订前必须完成合同评审。本检查表覆盖付款条件、交付范围、验收标准、违约责任、"
     "知识产权与保密条款、质保期和售后响应时间。评审人包括销售经理、售前工程师、法务和财务，"
     "任何一项不满足须在评审意见中写明并由销售总监确认后方可盖章。",
     ["合同评审", "检查表", "销售合同"], "other", ""),
    ("cr-process", "合同评审流程说明（2024 版）",
     "合同评审分为商务评审和技术评审两个环节。合同金额超过 500 万元或含有垫资、背靠背付款条款的，"
     "由总经理参加合同评审会。商务评审关注毛利率、回款节点和保证金；技术评审关注设备清单、"
     "工期和实施风险。评审结论录入 CRM 商机记录，未通过评审的合同不得签署。",
     ["合同评审", "流程", "商务评审"], "other", ""),
    ("cr-overseas", "海外项目合同评审 checklist",
     "Contract review checklist for overseas projects. 海外项目合同评审除常规条款外还要检查："
     "payment currency and exchange-rate risk, Incoterms, withholding tax, local partner liability, "
     "以及设备出口许可。Legal must sign off before the contract is signed.",
     ["合同评审", "海外", "contract review"], "other", ""),
    ("cr-archive", "合同归档管理办法",
     "合同签订后五个工作日内，由商务助理将合同原件扫描上传并交档案室归档。归档资料包括合同正本、"
     "报价单、中标通知书和往来函件。技术方案在投标阶段已经过内部评审的，评审记录作为附件一并保存，"
     "档案借阅须经部门经理审批。",
     ["合同", "归档", "档案"], "other", ""),
    ("cr-purchase", "项目采购合同付款流程",
     "采购合同付款须附到货签收单、发票和付款申请单。首次合作的供应商需先通过供应商评审，"
     "评审内容为资质、报价和交付能力。付款节点应与客户回款节点匹配，避免公司长期垫资；"
     "财务每周二、周四统一支付。",
     ["采购", "付款", "供应商"], "other", ""),
    ("pr-minutes", "技术方案评审会议纪要（某市政务云项目）",
     "会议对政务云二期技术方案进行了方案评审。专家组认为计算资源池规划合理，但存储容量预留不足，"
     "建议增加 20% 的扩容空间；安全区域划分需对照等保三级要求补充堡垒机和日志审计。"
     "售前团队于下周三前修改方案并提交复审。",
     ["方案评审", "政务云", "会议纪要"], "government", ""),
    ("pr-rules", "售前技术方案评审规范",
     "金额在 100 万元以上的投标技术方案必须经过方案评审。评审组由售前总监、交付经理和产品专家组成，"
     "重点检查需求响应完整性、技术路线可行性、设备选型与报价的一致性。方案评审通过后才能进入标书定稿环节。",
     ["方案评审", "售前", "规范"], "other", ""),
    ("dr-design", "详细设计评审记录：医院数据中心网络改造",
     "本次设计评审针对核心交换机替换和 VLAN 重新规划。评审意见：核心层采用两台华为 CE6881 堆叠，"
     "汇聚层保留原有设备；门诊楼与住院楼之间的光纤链路需冗余。设计评审遗留问题三项，由网络组跟踪关闭。",
     ["设计评审", "网络改造", "医院"], "healthcare", ""),

    # -- 客户端 (client software) vs 客户 (customer) -------------------------------------
    ("cl-install", "客户端安装故障处理",
     "VPN 客户端安装时提示“驱动签名验证失败”，多见于 Windows 7 未打补丁的电脑，需先安装 KB3033929。"
     "若提示虚拟网卡创建失败，请在设备管理器中删除残留的虚拟网卡后重新安装客户端。"
     "安装完成后首次登录需输入动态口令。",
     ["客户端", "VPN", "故障处理"], "other", ""),
    ("cl-vdi", "云桌面客户端常见问题汇总",
     "云桌面客户端连接时黑屏，通常是显卡驱动或分辨率设置问题；提示证书不受信任时，需将网关证书导入受信任根证书。"
     "瘦终端升级客户端固件前请备份配置。外设重定向（U 盾、打印机）需在策略中单独开启。",
     ["云桌面", "客户端", "VDI"], "other", ""),
    ("cl-antivirus", "杀毒软件客户端批量部署说明",
     "通过域控组策略或管理控制台下发安装包，可在一晚完成两千台终端的客户端部署。"
     "部署前确认终端已卸载其他杀毒软件；部署后在控制台核对在线率，离线终端逐台排查网络和防火墙端口。",
     ["杀毒", "客户端", "终端安全"], "other", ""),
    ("cu-crm", "客户关系管理（CRM）系统实施经验总结",
     "IT 企业实施客户关系管理系统，难点不在软件而在业务流程。我们为一家分销商实施 CRM 时，"
     "先统一了客户档案、联系人和商机阶段的定义，再把报价和合同审批接入系统。"
     "销售人员的录入习惯是成败关键，需要管理层持续推动。",
     ["CRM", "客户关系管理", "实施"], "retail", ""),
    ("cu-satisfaction", "客户满意度回访制度",
     "项目终验后一个月内，由服务部对客户进行满意度回访，内容包括交付质量、响应速度、工程师专业度。"
     "满意度低于 80 分的项目须由交付经理提交改进报告。回访结果每季度汇总，纳入项目经理考核。",
     ["客户满意度", "回访", "服务"], "other", ""),
    ("cu-key-account", "大客户拜访计划与分级管理",
     "战略客户每月至少拜访一次，重点客户每季度一次。拜访前准备客户组织结构图和决策链分析，"
     "拜访后 24 小时内在系统中填写拜访记录。大客户经理负责维护高层关系，售前配合做技术交流。",
     ["大客户", "拜访", "客户分级"], "other", ""),

    # -- ERP 实施方案 and distractors ----------------------------------------------------
    ("erp-sap", "ERP 实施方案（某汽车零部件企业 SAP S/4HANA）",
     "本实施方案分为项目准备、业务蓝图、系统实现、上线准备和上线支持五个阶段，周期九个月。"
     "范围包括财务、采购、销售、生产计划和仓储模块；数据迁移采用 LTMC 工具，期初库存和未清订单分两轮导入。"
     "关键用户培训安排在系统实现阶段后期。",
     ["ERP", "SAP", "实施方案"], "manufacturing", ""),
    ("erp-u8", "用友 U8 ERP 实施方案",
     "针对中小制造企业的用友 U8 ERP 实施方案：第一期上线总账、应收应付、存货和采购销售，"
     "第二期上线生产制造和成本核算。实施顾问驻场六周，期间完成基础档案整理、单据流程配置和期初数据录入。",
     ["ERP", "用友", "实施方案"], "manufacturing", ""),
    ("erp-kingdee", "金蝶云星空 ERP 上线实施方案",
     "金蝶云星空上线实施方案重点说明切换策略：旧系统在月末结账后冻结，新系统在次月一日启用。"
     "上线前进行两轮模拟切换和一次全流程彩排，ERP 上线后安排两周驻场支持。",
     ["ERP", "金蝶", "上线"], "manufacturing", ""),
    ("erp-method", "ERP 项目实施方法论与阶段交付物",
     "公司 ERP 实施方法论沿用五阶段模型。每个阶段的交付物：项目章程、业务蓝图方案、系统配置文档、"
     "用户手册和上线总结。实施方案须经客户项目经理签字确认，蓝图方案冻结后的需求变更走变更流程。",
     ["ERP", "实施方法论", "交付物"], "manufacturing", ""),
    ("erp-quote", "ERP 软件选型对比与报价",
     "对 SAP Business One、用友 U9 和金蝶云星空做了功能和价格对比。用户数按 50 个并发计算，"
     "SAP B1 许可费用最高，但多语言和多币种支持最好。报价不含二次开发费用，仅供售前参考。",
     ["ERP", "选型", "报价"], "manufacturing", ""),
    ("mes-plan", "MES 系统实施方案（电子装配车间）",
     "MES 实施方案覆盖工单下达、物料追溯、质量检验和设备联网。与现有 ERP 的接口采用中间表方式，"
     "每 10 分钟同步一次生产订单。车间终端采用工业平板，条码枪扫描工序报工。",
     ["MES", "实施方案", "制造"], "manufacturing", ""),

    # -- firewalls and network configuration ---------------------------------------------
    ("fw-huawei", "华为防火墙配置指南",
     "适用于华为 USG6000E 系列。内容包括：初始化登录、接口和安全区域划分、安全策略配置、源 NAT 配置、"
     "IPSec VPN 配置和日志外发。配置完成后使用 display security-policy rule all 核对策略命中情况。",
     ["华为", "防火墙", "配置"], "other", ""),
    ("fw-huawei-v2", "华为防火墙配置指南（V2，适用于 USG6500E）",
     "在第一版基础上增加了 USG6500E 的虚拟系统配置和 SSL VPN 配置，修正了安全策略默认动作的说明。"
     "升级系统软件前务必导出当前配置文件。",
     ["华为", "防火墙", "USG6500E"], "other", ""),
    ("fw-huawei-ha", "华为 USG 防火墙双机热备（HA）配置",
     "两台华为 USG 防火墙采用主备方式部署，心跳口直连，通过 VRRP 和 HRP 实现会话同步。"
     "配置要点：hrp interface 指定心跳口，hrp enable 后在主设备上配置的安全策略自动同步到备设备。"
     "切换测试时拔掉主设备上行链路，业务中断应小于 1 秒。",
     ["华为", "防火墙", "双机热备"], "other", ""),
    ("fw-huawei-nat", "华为防火墙 NAT 与安全策略配置实例",
     "某区县政务外网出口，华为防火墙承担 NAT 和访问控制。内网服务器通过 NAT Server 映射到公网，"
     "办公网通过 Easy-IP 访问互联网。安全策略按最小权限配置，并开启 IPS 和反病毒。",
     ["华为", "防火墙", "NAT"], "government", ""),
    ("fw-sangfor", "深信服 AF 下一代防火墙配置手册",
     "深信服 AF 防火墙的部署模式有路由、透明和旁路三种。本手册介绍路由模式下的接口配置、"
     "应用控制策略、URL 过滤和僵尸主机检测配置，并附常见告警的处理方法。",
     ["深信服", "防火墙", "配置"], "other", ""),
    ("sw-huawei-vlan", "华为 S5735 交换机 VLAN 与链路聚合配置",
     "接入交换机华为 S5735 配置 VLAN、Trunk 和 Eth-Trunk 链路聚合，上联核心交换机。"
     "配置完成后执行 save 保存，并用 display vlan 和 display eth-trunk 检查状态。",
     ["华为", "交换机", "VLAN"], "other", ""),
    ("fw-en-huawei", "Huawei USG firewall configuration guide",
     "Step-by-step guide: configure interfaces and security zones, create security policies, "
     "set up source NAT and NAT server, and verify with display commands. "
     "Save the configuration before rebooting the device.",
     ["firewall", "Huawei", "configuration"], "other", ""),
    ("fw-en-asa", "Cisco ASA firewall configuration notes",
     "Notes from configuring a pair of Cisco ASA 5516 firewalls: interface nameif and security levels, "
     "object NAT, access lists and failover. Configured logging to the syslog server and "
     "SNMP for monitoring.",
     ["firewall", "Cisco", "ASA"], "finance", ""),
    ("fw-en-fortigate", "Configuring a FortiGate HA cluster",
     "How we configured two FortiGate 200F firewalls in active-passive HA mode: heartbeat interfaces, "
     "session pickup, override and monitored ports. The cluster configuration is synchronised "
     "automatically from the primary unit.",
     ["firewall", "FortiGate", "HA"], "other", ""),
    ("fw-en-paloalto", "Palo Alto firewall policies for the DMZ",
     "Security policies were configured per application rather than per port. "
     "The DMZ web servers are reachable only through the firewall's inbound NAT rules; "
     "threat prevention profiles are attached to every allow rule.",
     ["firewall", "Palo Alto", "DMZ"], "finance", ""),
    ("en-switch-backup", "Network switch configuration backup script",
     "A Python script using Netmiko logs in to every switch listed in the inventory, runs "
     "show running-config and stores the configuration in Git every night. "
     "Failed logins are reported by mail.",
     ["switch", "backup", "automation"], "other", ""),

    # -- databases -----------------------------------------------------------------------
    ("ora-runbook", "Oracle RAC failover runbook",
     "Runbook for planned and unplanned failover of the two-node Oracle RAC 19c cluster: check CRS status, "
     "relocate services with srvctl, verify that the SCAN listener moved, and confirm application "
     "reconnection through TAF. Escalate to the DBA on call if a node does not rejoin within 15 minutes.",
     ["Oracle", "RAC", "failover"], "finance", ""),
    ("ora-drill", "Oracle RAC 节点故障切换演练记录",
     "某城商行核心库 Oracle RAC 故障切换演练：手工关闭节点一的实例，服务在 40 秒内 failover 到节点二，"
     "应用侧连接池重连正常。演练发现监控告警延迟约两分钟，已调整 OEM 采集频率。",
     ["Oracle", "RAC", "故障切换"], "finance", ""),
    ("ora-dg", "Oracle Data Guard 主备库切换（switchover）操作手册",
     "主备库切换前检查归档日志同步和 apply lag；执行 switchover 后确认新主库 open 状态和备库 MRP 进程。"
     "本手册同时说明灾难时的故障切换（failover to standby）步骤和回切方法。",
     ["Oracle", "Data Guard", "切换"], "finance", ""),
    ("ora-upgrade", "Oracle 11g 升级到 19c 方案",
     "采用 AutoUpgrade 工具升级，先在测试环境演练两次。升级前收集统计信息、检查失效对象；"
     "升级后观察执行计划变化，必要时使用 SQL Plan Baseline 固定关键语句。",
     ["Oracle", "升级", "19c"], "finance", ""),
    ("mysql-repl", "MySQL 主从复制中断处理",
     "从库报错 1062 主键冲突导致复制中断。处理步骤：确认冲突数据、跳过事务或修复数据、重新启动复制线程，"
     "并使用 pt-table-checksum 校验主从一致性。",
     ["MySQL", "主从复制", "故障"], "internet", ""),

    # -- Kubernetes / virtualisation ----------------------------------------------------
    ("k8s-upgrade", "Kubernetes cluster upgrade notes（集群升级记录）",
     "Upgraded the production cluster from 1.27 to 1.28 with kubeadm: drain each control-plane node, "
     "upgrade kubeadm, apply the plan, then upgrade kubelet. 本次集群升级共耗时三小时，"
     "etcd 升级前已做快照备份。",
     ["Kubernetes", "upgrade", "kubeadm"], "internet", ""),
    ("k8s-rollback", "Kubernetes 集群升级回退方案",
     "若集群升级后出现 API Server 不可用或大量 Pod 异常，按本方案回退：停止 kubelet，恢复 etcd 快照，"
     "回装旧版本组件。回退演练在预发环境验证通过，全程约四十分钟。",
     ["Kubernetes", "升级", "回退"], "internet", ""),
    ("k8s-workers", "Upgrading kubelet and containerd on Kubernetes worker nodes",
     "Worker nodes are upgraded one at a time: cordon, drain with --ignore-daemonsets, upgrade "
     "containerd and kubelet packages, restart and uncordon. Upgrading more than one node at once "
     "left too few replicas for the ingress controllers.",
     ["Kubernetes", "kubelet", "upgrade"], "internet", ""),
    ("k8s-monitor", "Kubernetes monitoring with Prometheus and Grafana",
     "Deployed kube-prometheus-stack with persistent storage; alert rules for node pressure, "
     "pod restarts and certificate expiry are routed to the on-call group.",
     ["Kubernetes", "Prometheus", "monitoring"], "internet", ""),
    ("vm-upgrade", "VMware vSphere 7 upgrade to vSphere 8",
     "Upgrade order: vCenter first, then ESXi hosts through Lifecycle Manager, then VMware Tools and "
     "virtual hardware. Check the hardware compatibility list before upgrading older servers.",
     ["VMware", "vSphere", "upgrade"], "other", ""),

    # -- 等保 (classified protection of cybersecurity) ------------------------------------
    ("dj-hospital", "等保2.0 三级测评整改方案（某三甲医院）",
     "依据网络安全等级保护 2.0 三级要求，测评发现高风险项 6 项、中风险项 21 项。整改措施："
     "部署堡垒机和数据库审计，核心交换机配置 ACL，HIS 服务器开启登录失败处理和双因素认证，"
     "日志留存不少于六个月。整改完成后申请复测。",
     ["等保", "测评", "整改"], "healthcare", ""),
    ("dj-gap", "等级保护三级差距分析报告",
     "按照等级保护基本要求逐项对照，差距主要集中在安全管理中心和安全计算环境：缺少集中日志审计、"
     "主机未做安全基线加固、未建立应急预案。报告给出了整改优先级和预算估算。",
     ["等级保护", "差距分析", "三级"], "government", ""),
    ("dj-cloud", "等保测评整改清单（政务云平台）",
     "政务云平台等保2.0 三级测评整改清单：云管理平台开启多因素认证；租户间网络隔离策略核查；"
     "虚拟机镜像加固；安全审计日志集中到态势感知平台。每项整改标明责任人和完成时间。",
     ["等保", "政务云", "整改"], "government", ""),
    ("dj-standard", "网络安全等级保护 2.0 标准解读",
     "等保2.0 将云计算、移动互联、物联网和工业控制系统纳入保护范围，等级保护对象的定级、备案、"
     "测评和监督检查流程保持不变。三级系统每年至少测评一次。",
     ["等级保护", "标准", "等保2.0"], "government", ""),

    # -- video surveillance --------------------------------------------------------------
    ("vs-bid", "视频监控平台投标技术方案（平安城市）",
     "本投标技术方案针对某市平安城市三期，新建高清视频监控点位 3,200 个，视频监控平台采用分布式架构，"
     "支持国标 GB/T 28181 接入和人脸结构化分析。方案详细说明了点位设计、存储计算和传输网络。",
     ["视频监控", "投标", "平安城市"], "public_security", ""),
    ("vs-xueliang", "雪亮工程视频监控联网平台投标技术方案",
     "雪亮工程县级视频监控联网平台，汇聚乡镇、村社和重点场所视频。投标技术方案包括平台架构、"
     "综治中心大屏、移动端查看和运维管理，对招标文件技术参数逐条响应。",
     ["雪亮工程", "视频监控", "投标"], "public_security", ""),
    ("vs-campus", "园区视频监控系统实施方案",
     "园区视频监控系统实施方案：前端摄像机安装、立杆基础施工、光纤敷设、NVR 调试和联调测试。"
     "实施周期 45 天，分三个区域并行施工。",
     ["视频监控", "实施方案", "园区"], "other", ""),
    ("vs-nvr", "海康威视 NVR 存储扩容说明",
     "视频监控录像保存期从 30 天延长到 90 天，需要为每台 NVR 增加硬盘。计算公式：码率 × 路数 × 天数。"
     "扩容后检查盘组状态和录像计划。",
     ["海康威视", "NVR", "存储"], "public_security", ""),
    ("vc-bid", "视频会议系统投标方案",
     "某集团视频会议系统投标方案，覆盖总部和 35 个分支机构，采用 MCU 加云会议混合架构，"
     "支持 1080P 和双流，方案含会议室声学改造建议。",
     ["视频会议", "投标", "MCU"], "other", ""),

    # -- data centre ---------------------------------------------------------------------
    ("dc-build", "数据中心机房建设方案",
     "新建 A 级数据中心机房，面积 600 平方米，规划 120 个机柜。方案包括装修、供配电、UPS、精密空调、"
     "气体消防、综合布线和动环监控。机房建设工期四个月，分土建配合和设备安装两个阶段。",
     ["数据中心", "机房", "建设方案"], "other", ""),
    ("dc-modular", "模块化机房 UPS 与精密空调配置",
     "微模块机房单排 12 个机柜，配置 2 台 60kVA 模块化 UPS 冗余并机，行级精密空调 N+1。"
     "适合分支机构和医院信息中心的小型机房建设，交付周期短。",
     ["模块化机房", "UPS", "精密空调"], "healthcare", ""),
    ("dc-dhjk", "机房动环监控系统方案",
     "动环监控采集 UPS、配电柜、精密空调、温湿度、漏水和门禁信息，告警通过短信和微信推送。"
     "适用于数据中心机房和通信基站。",
     ["动环监控", "机房", "告警"], "telecom", ""),
    ("dc-active", "双活数据中心网络架构设计",
     "两个数据中心之间通过裸光纤互联，二层采用 EVPN-VXLAN 打通，存储使用双活阵列，"
     "全局负载均衡把访问分到两个站点。任一数据中心故障时业务自动切换。",
     ["双活", "数据中心", "网络架构"], "finance", ""),

    # -- bidding -------------------------------------------------------------------------
    ("bid-rules", "投标文件编制规范",
     "投标文件分商务标和技术标。商务标包括资格证明、报价一览表和商务偏离表；技术标包括技术方案、"
     "技术偏离表和售后服务承诺。投标文件须按招标文件目录顺序编排，逐页小签，正副本一致。",
     ["投标文件", "商务标", "技术标"], "other", ""),
    ("bid-deviation", "招标文件技术参数响应偏离表填写说明",
     "对招标文件中带 ★ 的实质性条款必须完全响应，否则废标风险极高。偏离表中“正偏离”需附证明材料，"
     "响应说明不能只写“满足”，要写出具体参数和对应的产品彩页页码。",
     ["招标文件", "偏离表", "响应"], "other", ""),
    ("bid-bond", "投标保证金办理流程",
     "投标保证金可以转账、银行保函或保证保险方式提交。转账须从公司基本户汇出并备注项目编号；"
     "保函需提前五个工作日向银行申请。未中标的保证金在公示结束后五个工作日内退还，财务负责跟踪。",
     ["投标保证金", "保函", "财务"], "other", ""),
    ("bid-invalid", "投标被否决（废标）的常见原因",
     "整理了近三年 17 次被否决投标的原因：授权委托书过期、保证金未按时到账、★ 条款负偏离、"
     "报价超过最高限价、签章不全。每次投标前由商务经理按清单自查。",
     ["废标", "投标", "风险"], "other", ""),
    ("bid-decision", "Bid / no-bid decision checklist",
     "Before committing presales effort, answer: do we know the customer's decision makers, "
     "is the budget approved, can we meet every mandatory requirement, who are the competitors, "
     "and is the expected margin above 15%? Two or more 'no' answers mean we do not bid.",
     ["bid", "decision", "presales"], "other", ""),

    # -- project management --------------------------------------------------------------
    ("pm-milestone", "项目里程碑计划模板",
     "里程碑计划包括：合同签订、项目启动、到货签收、安装调试完成、系统试运行、初验、终验和质保期结束。"
     "每个里程碑需注明计划日期、责任人和交付物，并与回款节点对应。",
     ["里程碑", "计划", "模板"], "other", ""),
    ("pm-risk", "项目风险登记册填写指南",
     "项目风险登记册记录风险描述、可能性、影响程度、应对措施和责任人。常见风险：设备到货延迟、"
     "客户需求频繁变化、分包商人员不足。项目经理每两周更新一次并在周会上通报。",
     ["风险登记册", "项目风险", "项目管理"], "other", ""),
    ("pm-change", "项目变更管理流程",
     "任何范围、工期或费用的调整都要提交变更申请，由变更控制委员会评估影响后审批。"
     "变更获批后更新基线计划和合同附件；未经批准的变更不得实施。",
     ["变更管理", "变更控制", "项目管理"], "other", ""),
    ("pm-acceptance", "项目验收报告模板（初验 / 终验）",
     "验收报告包括项目概况、建设内容完成情况、测试结果、遗留问题和验收结论。初验通过后进入试运行，"
     "试运行满三个月无重大故障后申请终验，终验报告由客户盖章确认。",
     ["验收报告", "初验", "终验"], "other", ""),
    ("pm-weekly", "项目周报模板",
     "周报包含本周完成、下周计划、问题与风险、需要协调的资源四部分。问题须写明责任人和期望解决日期，"
     "周报每周五下班前发送给客户和公司项目管理部。",
     ["周报", "模板", "项目管理"], "other", ""),
    ("pm-kickoff-en", "Project kickoff meeting agenda",
     "Agenda for the kickoff meeting with the customer: introductions, scope and objectives, "
     "project organisation, milestones, communication plan, risks, and next steps. "
     "Send the kickoff slides to all attendees one day ahead.",
     ["kickoff", "meeting", "project management"], "other", ""),
    ("pm-kickoff-zh", "项目启动会（kickoff）会议纪要",
     "某银行数据中心迁移项目启动会，双方确认了项目组织架构、沟通机制和里程碑计划。"
     "客户方要求每周二召开例会，重大问题 24 小时内书面通报。kickoff 后一周内提交详细实施计划。",
     ["启动会", "会议纪要", "kickoff"], "finance", ""),

    # -- presales ------------------------------------------------------------------------
    ("ps-poc", "超融合 POC 测试方案",
     "POC 测试在客户机房部署三节点超融合集群，测试项目包括虚拟机性能、节点故障自动迁移、"
     "在线扩容和备份恢复。每项测试记录步骤、预期结果和实际结果，由客户签字确认。",
     ["超融合", "POC", "测试"], "other", ""),
    ("ps-hci", "超融合（HCI）产品选型对比",
     "对比 Nutanix、华为 FusionCube 和深信服 aCloud 三款超融合产品：架构、存储效率、许可方式、"
     "信创适配和三年总拥有成本。结论：中小客户优先考虑深信服，信创项目考虑华为。",
     ["超融合", "HCI", "选型"], "other", ""),
    ("ps-exchange", "售前技术交流提纲",
     "首次技术交流围绕客户现状和痛点展开：现有系统架构、存在的问题、未来三年规划。"
     "交流结束后整理需求清单，判断是否值得投入方案编写资源。",
     ["售前", "技术交流", "需求"], "other", ""),

    # -- operations ----------------------------------------------------------------------
    ("op-veeam", "Veeam backup and restore drill",
     "Quarterly restore test: restored three production VMs and one SQL Server database from the "
     "Veeam backup repository into an isolated network and verified application logins. "
     "备份恢复演练记录已归档。",
     ["Veeam", "backup", "restore"], "other", ""),
    ("op-nbu", "NetBackup 备份策略设计",
     "核心数据库每天增量备份、每周全量备份，保留 35 天；文件服务器每天备份一次。"
     "Backup policies are written per client; restore tests are run monthly for each policy.",
     ["NetBackup", "备份", "backup"], "finance", ""),
    ("op-oceanstor", "华为 OceanStor 存储扩容操作指导",
     "OceanStor 5500 V5 增加硬盘框：先确认软件版本兼容，上电新硬盘框后在 DeviceManager 中扩容存储池。"
     "扩容过程中业务不中断，但建议在业务低峰期执行。",
     ["华为", "OceanStor", "存储扩容"], "other", ""),
    ("op-exchange-m365", "Exchange mailbox migration to Microsoft 365",
     "We migrated 1,800 mailboxes from Exchange 2013 to Exchange Online in batches of 200 using "
     "hybrid migration. Large mailboxes and shared mailboxes were migrated last; "
     "DNS MX records were switched after the final batch.",
     ["Exchange", "migration", "Microsoft 365"], "other", ""),
    ("op-ad", "AD 域控制器迁移与升级",
     "将 Windows Server 2012 R2 域控迁移到 2022：新域控加入并提升，迁移 FSMO 角色，"
     "确认复制正常后降级旧域控。Migrating DNS and DHCP roles was done in the same window.",
     ["AD", "域控", "迁移"], "other", ""),
    ("op-wifi", "无线 AP 部署规划（WiFi 6）",
     "办公楼无线覆盖采用 WiFi 6 吸顶 AP，按每 AP 接入 30 个终端规划。通过热图勘测确定 AP 点位，"
     "同频干扰控制在 -75dBm 以下，AC 旁挂核心交换机。",
     ["无线", "AP", "WiFi 6"], "education", ""),
    ("op-cabling", "综合布线施工规范",
     "水平布线采用六类非屏蔽双绞线，单根长度不超过 90 米；光纤主干采用 OM4 多模。"
     "施工完成后逐点测试并出具福禄克测试报告，标签两端一致。",
     ["综合布线", "施工", "规范"], "other", ""),
    ("op-sdwan", "SD-WAN 组网部署方案",
     "为连锁零售客户的 300 家门店部署 SD-WAN，总部双出口，门店采用宽带加 4G 备份。"
     "部署按区域分批进行，每批 30 家门店。",
     ["SD-WAN", "组网", "零售"], "retail",
     "附件：门店割接方案。割接窗口为晚上 22:00 至次日 06:00，割接前确认门店收银系统已停止交易；"
     "割接失败时回退到原 MSTP 专线。每家门店割接后测试收银、监控和无线。"),
    ("op-zabbix", "Zabbix 监控告警配置",
     "为服务器、网络设备和数据库配置 Zabbix 监控模板，告警分级为信息、警告、严重和灾难。"
     "严重及以上告警推送到企业微信值班群，夜间升级到电话通知。",
     ["Zabbix", "监控", "告警"], "other", ""),

    # -- 信创 ----------------------------------------------------------------------------
    ("xc-plan", "信创国产化替代方案（某市级机关）",
     "办公系统国产化替代：终端采用鲲鹏或飞腾 CPU 加麒麟操作系统，数据库由 Oracle 替换为达梦，"
     "中间件采用东方通。替代分三批进行，先非涉密办公终端，再业务系统。",
     ["信创", "国产化", "麒麟"], "government", ""),
    ("xc-kylin", "麒麟操作系统软件适配问题记录",
     "信创终端上常见适配问题：部分打印机无国产化驱动、老版本 OA 插件仅支持 IE、"
     "输入法兼容性问题。已与厂商确认适配计划，并在信创适配中心完成测试。",
     ["麒麟", "信创", "适配"], "government", ""),
    ("xc-dameng", "Oracle 迁移到达梦数据库实施记录",
     "使用 DTS 工具将 Oracle 业务库迁移到达梦 DM8，存储过程和序列需人工改写。"
     "迁移后进行了一周双轨运行和数据比对，国产化数据库性能满足要求。",
     ["达梦", "数据库迁移", "信创"], "government", ""),

    # -- industry solutions --------------------------------------------------------------
    ("hs-his", "医院 HIS 系统集成方案",
     "医院信息化集成平台方案：以集成引擎连接 HIS、LIS、PACS 和电子病历系统，采用 HL7 和 FHIR 标准，"
     "实现患者主索引和统一身份认证。",
     ["医院", "HIS", "集成平台"], "healthcare", ""),
    ("hs-smart", "智慧医院网络建设方案",
     "智慧医院网络按内网、外网、设备网三网分离设计，无线覆盖支持移动护理和资产定位。"
     "医院信息化建设对网络可靠性要求高，核心层双机冗余。",
     ["智慧医院", "医院信息化", "网络"], "healthcare", ""),
    ("ed-campus", "智慧校园综合解决方案",
     "智慧校园方案涵盖校园网、一卡通、智慧教室、平安校园视频和统一身份认证。"
     "适用于高校和职业院校，可分期建设。",
     ["智慧校园", "教育", "解决方案"], "education", ""),
    ("bk-branch", "银行网点网络改造方案",
     "银行网点网络改造：网点路由器双链路上联分行，业务网与办公网隔离，ATM 单独划分 VLAN。"
     "改造在营业时间外进行，每晚改造两个网点。",
     ["银行", "网点", "网络改造"], "finance", ""),
    ("en-grid", "电力调度数据网安全防护方案",
     "依据电力监控系统安全防护规定，调度数据网实施“安全分区、网络专用、横向隔离、纵向认证”。"
     "生产控制大区与管理信息大区之间部署正反向隔离装置。",
     ["电力", "调度数据网", "安全防护"], "energy", ""),
    ("tr-toll", "高速公路收费站网络与视频系统",
     "收费站网络连接收费车道、ETC 门架和分中心，车道视频接入路段监控中心。"
     "改造后支持取消省界收费站后的自由流收费。",
     ["高速公路", "收费站", "ETC"], "transport", ""),

    # -- CRM / sales process -------------------------------------------------------------
    ("crm-funnel", "销售漏斗管理办法",
     "销售漏斗按商机阶段划分：线索、需求确认、方案交流、投标、商务谈判、签约。"
     "每周销售例会检查漏斗中各阶段商机数量和金额，停滞超过 60 天的商机须说明原因或关闭。",
     ["销售漏斗", "商机", "销售管理"], "other", ""),
    ("crm-stages", "商机阶段定义与赢率",
     "商机各阶段对应的赢率：需求确认 10%、方案交流 30%、投标 50%、商务谈判 70%、签约 100%。"
     "阶段推进需要满足进入条件，例如进入投标阶段必须已获得招标文件。",
     ["商机", "赢率", "阶段"], "other", ""),
    ("crm-receivable", "应收账款与回款管理",
     "项目回款按合同节点跟踪，逾期 30 天由销售催收，逾期 90 天由财务发函，逾期 180 天启动法务程序。"
     "回款计划每月更新一次。",
     ["回款", "应收账款", "财务"], "other", ""),
    ("en-dr", "Disaster recovery plan for the ERP system",
     "Recovery point objective is 15 minutes and recovery time objective is 4 hours. The ERP database "
     "is replicated to the secondary site; the plan lists the restore order of application servers.",
     ["disaster recovery", "ERP", "RTO"], "manufacturing", ""),
    ("en-onboard", "Customer onboarding guide for managed services",
     "New managed-services customers receive an onboarding pack: service catalogue, escalation matrix, "
     "monitoring agents to install, and the monthly service report format.",
     ["onboarding", "managed services", "customer"], "other", ""),
]
