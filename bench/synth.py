"""Write a large, valid, realistic `flows/` tree for benchmarks.

The tree follows FORMAT.md: one folder per domain with ``domain.yaml`` and
``roles.yaml`` (six roles), and flow files of fifteen steps each: tasks with
Chinese details, checklists, control points, durations, inputs and outputs, one
decision whose "rejected" branch loops back to an earlier step, and one end step.
A flow file is about 5 KB, like a real, well-documented SOP. The same seed always
writes the same bytes.

Use it from the command line to look at a sample::

    python -m bench.synth /tmp/sample 20
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

STEPS_PER_FLOW = 15
"""Steps in every synthetic flow (the last is the end step)."""
ROLES_PER_DOMAIN = 6
"""Roles every synthetic domain defines."""


@dataclass(frozen=True)
class DomainTheme:
    """The vocabulary of one business domain."""

    id: str
    """The domain folder name."""
    title: str
    """The domain's display title."""
    summary: str
    """One paragraph on the domain."""
    roles: tuple[tuple[str, str, str], ...]
    """Six roles as (id, name, summary); the first is the domain owner."""
    subjects: tuple[tuple[str, str], ...]
    """Flow subjects as (id, Chinese noun), e.g. ("berthing", "船舶靠泊")."""
    documents: tuple[str, ...]
    """Documents and things the steps take and produce."""
    places: tuple[str, ...]
    """Where the work happens."""


THEMES: tuple[DomainTheme, ...] = (
    DomainTheme(
        "port",
        "港口业务",
        "码头船舶靠离泊、集装箱装卸与堆场作业的全过程管理，确保安全、准时、可追溯。",
        (
            ("port-manager", "港务经理", "对码头生产安全与效率全面负责"),
            ("dispatcher", "生产调度", "负责昼夜作业计划与船舶动态"),
            ("pilot", "引航员", "负责船舶进出港引航"),
            ("linesman", "带缆工", "负责系解缆作业"),
            ("tally-clerk", "理货员", "负责集装箱理货与单证核对"),
            ("safety-officer", "安全主管", "负责作业现场安全监督"),
        ),
        (
            ("berthing", "船舶靠泊"),
            ("unberthing", "船舶离泊"),
            ("container-import", "进口箱作业"),
            ("container-export", "出口箱作业"),
            ("yard-move", "堆场移箱"),
            ("dangerous-cargo", "危险品箱作业"),
        ),
        ("船期表", "昼夜作业计划", "配载图", "理货单", "装卸作业单", "设备交接单", "安全检查表"),
        ("一号泊位", "集装箱堆场", "中控室", "闸口", "危险品堆场"),
    ),
    DomainTheme(
        "bank",
        "银行网点",
        "网点柜面与大堂业务的标准作业程序，覆盖开户、现金、对公与客户服务。",
        (
            ("branch-manager", "网点负责人", "对网点经营与合规全面负责"),
            ("lobby-manager", "大堂经理", "负责客户引导、分流与现场秩序"),
            ("teller", "柜员", "负责柜面业务受理与现金收付"),
            ("supervisor", "运营主管", "负责业务授权与差错处理"),
            ("account-manager", "客户经理", "负责对公与个人客户维护"),
            ("compliance-officer", "合规专员", "负责反洗钱与合规检查"),
        ),
        (
            ("account-opening", "个人开户"),
            ("cash-deposit", "大额存款"),
            ("card-loss", "挂失补卡"),
            ("corporate-account", "对公开户"),
            ("complaint", "客户投诉处理"),
            ("vault-check", "尾箱核对"),
        ),
        ("身份证件", "业务申请书", "客户风险评估表", "授权记录", "凭证", "现金登记簿", "回单"),
        ("营业厅", "现金区", "贵宾室", "金库", "自助服务区"),
    ),
    DomainTheme(
        "hotel",
        "酒店前厅",
        "前厅部接待、入住、退房与宾客服务流程，保证宾客体验一致。",
        (
            ("front-office-manager", "前厅经理", "对前厅服务质量全面负责"),
            ("receptionist", "前台接待", "负责入住登记与退房结账"),
            ("concierge", "礼宾员", "负责行李与宾客引导"),
            ("duty-manager", "值班经理", "负责夜间与突发事件处理"),
            ("housekeeper", "客房主管", "负责房态与清洁质量"),
            ("cashier", "收银员", "负责账务与发票"),
        ),
        (
            ("check-in", "入住登记"),
            ("check-out", "退房结账"),
            ("room-change", "换房处理"),
            ("lost-found", "遗留物品处理"),
            ("vip-arrival", "贵宾接待"),
            ("guest-complaint", "宾客投诉"),
        ),
        ("预订单", "登记单", "房卡", "押金单", "账单", "交接班记录", "宾客意见卡"),
        ("前台", "大堂", "行李房", "客房楼层", "收银台"),
    ),
    DomainTheme(
        "itsm",
        "IT服务管理",
        "依据 ITIL 实践管理事件、变更与服务请求，保障业务系统稳定运行。",
        (
            ("it-manager", "IT经理", "对信息系统服务水平全面负责"),
            ("service-desk", "服务台", "负责工单受理与首线支持"),
            ("engineer", "运维工程师", "负责故障诊断与变更实施"),
            ("change-manager", "变更经理", "负责变更评审与排期"),
            ("dba", "数据库管理员", "负责数据库运维与备份"),
            ("security-analyst", "安全分析师", "负责安全事件研判"),
        ),
        (
            ("incident", "事件处理"),
            ("change", "变更管理"),
            ("service-request", "服务请求"),
            ("backup-restore", "备份恢复"),
            ("access-grant", "权限开通"),
            ("release", "版本发布"),
        ),
        ("工单", "变更申请", "回退方案", "影响评估", "测试报告", "发布说明", "知识库文章"),
        ("机房", "运维中心", "测试环境", "生产环境", "值班室"),
    ),
    DomainTheme(
        "hr",
        "人力资源",
        "员工入职、转正、调岗与离职的人事流程，确保手续完整、信息准确。",
        (
            ("hr-director", "人力资源总监", "对人事政策与执行全面负责"),
            ("recruiter", "招聘专员", "负责招聘与录用手续"),
            ("hr-specialist", "人事专员", "负责档案与合同管理"),
            ("payroll-officer", "薪酬专员", "负责薪资核算与社保"),
            ("line-manager", "部门经理", "负责本部门人员安排"),
            ("it-support", "IT支持", "负责账号与设备发放"),
        ),
        (
            ("onboarding", "员工入职"),
            ("probation", "转正评估"),
            ("transfer", "内部调岗"),
            ("offboarding", "员工离职"),
            ("leave-request", "请假审批"),
            ("training", "培训安排"),
        ),
        ("录用通知书", "劳动合同", "员工档案", "考核表", "交接清单", "薪资变动单", "培训记录"),
        ("人事办公室", "会议室", "部门工位", "培训教室", "档案室"),
    ),
    DomainTheme(
        "finance",
        "财务管理",
        "费用报销、付款、发票与月结流程，保证账实相符、审批留痕。",
        (
            ("cfo", "财务总监", "对财务制度与资金安全全面负责"),
            ("accountant", "会计", "负责凭证编制与账务核算"),
            ("finance-cashier", "出纳", "负责资金收付与银行对账"),
            ("auditor", "内审专员", "负责财务合规检查"),
            ("budget-controller", "预算主管", "负责预算编制与控制"),
            ("tax-specialist", "税务专员", "负责发票与纳税申报"),
        ),
        (
            ("expense-claim", "费用报销"),
            ("payment", "对外付款"),
            ("invoice", "发票开具"),
            ("month-end", "月末结账"),
            ("budget-adjust", "预算调整"),
            ("bank-reconcile", "银行对账"),
        ),
        ("报销单", "发票", "付款申请", "记账凭证", "银行回单", "预算表", "对账单"),
        ("财务部", "出纳室", "档案室", "会议室", "网银终端"),
    ),
    DomainTheme(
        "procurement",
        "采购管理",
        "从需求提出到合同签订与到货验收的采购流程，公开透明、比价留痕。",
        (
            ("procurement-manager", "采购经理", "对采购合规与成本全面负责"),
            ("buyer", "采购员", "负责询价、比价与下单"),
            ("requester", "需求部门", "负责提出需求与验收"),
            ("legal-counsel", "法务", "负责合同审查"),
            ("quality-inspector", "质检员", "负责到货检验"),
            ("vendor-manager", "供应商管理员", "负责供应商准入与评价"),
        ),
        (
            ("purchase-request", "采购申请"),
            ("tender", "招标采购"),
            ("contract-review", "合同审查"),
            ("goods-receipt", "到货验收"),
            ("vendor-onboarding", "供应商准入"),
            ("return-goods", "退货处理"),
        ),
        ("采购申请单", "询价单", "比价表", "采购合同", "验收单", "供应商评价表", "订单"),
        ("采购部", "仓库收货区", "会议室", "供应商现场", "质检室"),
    ),
    DomainTheme(
        "warehouse",
        "仓储物流",
        "入库、出库、盘点与运输交接流程，保证库存准确、发货及时。",
        (
            ("warehouse-manager", "仓库经理", "对库存准确与作业安全全面负责"),
            ("receiver", "收货员", "负责到货卸货与清点"),
            ("picker", "拣货员", "负责按单拣货"),
            ("inventory-clerk", "库存管理员", "负责系统账务与盘点"),
            ("forklift-driver", "叉车司机", "负责搬运与上架"),
            ("shipping-clerk", "发运专员", "负责装车与承运交接"),
        ),
        (
            ("inbound", "入库作业"),
            ("outbound", "出库作业"),
            ("stocktake", "月度盘点"),
            ("replenishment", "补货上架"),
            ("damage-report", "破损处理"),
            ("carrier-handover", "承运交接"),
        ),
        ("送货单", "入库单", "拣货单", "出库单", "盘点表", "运单", "异常报告"),
        ("收货月台", "存储区", "拣货区", "发货月台", "退货区"),
    ),
    DomainTheme(
        "clinic",
        "门诊服务",
        "门诊挂号、分诊、检查与取药的服务流程，以患者安全为先。",
        (
            ("clinic-director", "门诊部主任", "对门诊医疗质量全面负责"),
            ("triage-nurse", "分诊护士", "负责预检分诊与候诊秩序"),
            ("physician", "门诊医生", "负责诊疗与开具医嘱"),
            ("pharmacist", "药师", "负责处方审核与发药"),
            ("lab-technician", "检验技师", "负责标本采集与检验"),
            ("registration-clerk", "挂号收费员", "负责挂号与收费"),
        ),
        (
            ("registration", "挂号就诊"),
            ("triage", "预检分诊"),
            ("lab-test", "检验检查"),
            ("dispensing", "处方取药"),
            ("referral", "转诊处理"),
            ("fever-clinic", "发热门诊"),
        ),
        ("就诊卡", "病历", "检验申请单", "处方", "检验报告", "收费票据", "转诊单"),
        ("门诊大厅", "分诊台", "诊室", "检验科", "门诊药房"),
    ),
    DomainTheme(
        "facility",
        "设施运维",
        "楼宇设备巡检、报修、保养与应急处置流程，保障设施安全可用。",
        (
            ("facility-manager", "设施经理", "对楼宇设施安全全面负责"),
            ("technician", "维修技工", "负责设备维修与保养"),
            ("patrol-officer", "巡检员", "负责日常巡检与记录"),
            ("control-room-operator", "中控值班员", "负责监控与报警响应"),
            ("contractor-coordinator", "外包协调员", "负责外包单位管理"),
            ("ehs-officer", "安全环保专员", "负责动火与有限空间作业许可"),
        ),
        (
            ("repair-request", "报修处理"),
            ("preventive-maintenance", "预防性保养"),
            ("patrol", "日常巡检"),
            ("hot-work", "动火作业"),
            ("power-outage", "停电应急"),
            ("elevator-rescue", "电梯困人救援"),
        ),
        ("报修单", "巡检记录", "保养计划", "作业许可证", "备件领用单", "维修报告", "应急预案"),
        ("配电室", "空调机房", "消防控制室", "电梯机房", "屋面"),
    ),
)
"""The vocabulary of the synthetic domains; more domains reuse it with a number."""


@dataclass(frozen=True)
class StepShape:
    """One position of the synthetic flow's fixed shape."""

    id: str
    """The step id."""
    name: str
    """The name template; ``{subject}`` is the flow's subject."""


TASK_SHAPES: tuple[StepShape, ...] = (
    StepShape("receive", "受理{subject}申请"),
    StepShape("register", "登记{subject}信息"),
    StepShape("verify", "核对资料与凭证"),
    StepShape("assess", "评估风险与资源"),
    StepShape("prepare-plan", "编制{subject}方案"),
    StepShape("submit", "提交审核"),
)
"""The tasks before the decision."""
DECISION_SHAPE = StepShape("approve", "审核是否通过？")
"""The decision in the middle of every flow."""
REWORK_SHAPE = StepShape("rework", "退回补正")
"""The rejected branch: it loops back to ``prepare-plan``."""
LATER_SHAPES: tuple[StepShape, ...] = (
    StepShape("notify", "通知相关岗位"),
    StepShape("execute", "实施{subject}作业"),
    StepShape("inspect", "现场检查确认"),
    StepShape("record", "填写作业记录"),
    StepShape("handover", "交接与签收"),
    StepShape("archive", "资料归档"),
)
"""The tasks after approval."""
END_SHAPE = StepShape("done", "{subject}完成")
"""The end step."""

DETAIL_SENTENCES: tuple[str, ...] = (
    "{role}在{place}按照本程序办理，确认{document}齐全、有效，并在系统中记录办理时间。",
    "如发现信息不一致，应当场与相关岗位沟通核实，不得凭经验推断或先办理后补手续。",
    "办理过程中注意保护客户与公司信息，纸质{document}不得随意放置，电子文件按权限存取。",
    "遇到本程序未覆盖的特殊情况，及时向上级报告，并在交接班记录中写明处理经过。",
    "本步骤完成后，{role}应在{document}上签字确认，并将结果告知下一步骤的责任岗位。",
    "涉及金额、数量或时间节点的数据须逐项复核，复核人与经办人不得为同一人。",
    "作业前确认{place}的安全条件满足要求，必要时设置警示标识并安排专人监护。",
    "对于紧急情况，可先电话报告再补办书面手续，但须在当班内补齐{document}。",
)
"""Sentences the ``details`` paragraphs are made of."""
CHECK_ITEMS: tuple[str, ...] = (
    "核对{document}编号",
    "经办人、复核人签字齐全",
    "{place}现场条件符合要求",
    "相关岗位已收到通知",
    "时间节点与计划一致",
    "附件材料完整清晰",
    "异常情况已记录上报",
    "数量、金额无误",
    "{document}已归档",
    "安全防护措施到位",
)
"""Checklist line templates."""
CONTROL_POINTS: tuple[str, ...] = (
    "{document}未经复核不得进入下一步骤",
    "关键数据双人复核",
    "超时未办结须升级报告",
    "现场安全条件未确认不得开工",
    "审批权限与金额分级相符",
)
"""Control point templates."""
DURATIONS: tuple[str, ...] = ("10m", "15m", "30m", "45m", "1h", "2h", "4h", "1d")
"""Durations the steps take."""
DUTIES: tuple[str, ...] = (
    "按照本岗位相关程序办理业务并做好记录",
    "参加班前会，了解当日重点工作与风险提示",
    "发现异常及时报告并配合处置",
    "保管好本岗位使用的单证、印章与设备",
    "对新入职同事进行岗位带教",
)
"""Standing duty lines of the roles."""

_PLAIN_SAFE = re.compile(
    r"[^\x00-\x7f\x85\u2028\u2029\ufeff]"
    r"[^\x00-\x1f\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x9f\u2028\u2029\ufeff]*"
)
"""Text that YAML reads back as the same string without quotes: it starts with a
non-ASCII character and holds no ASCII punctuation, control or line-break characters."""


def _scalar(text: str) -> str:
    """Write *text* as a YAML scalar: plain when that is safe, else double-quoted."""
    if _PLAIN_SAFE.fullmatch(text) and not text.endswith(" "):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _flow_list(texts: list[str]) -> str:
    """Write a short YAML flow sequence, e.g. ``[船期表, 配载图]``."""
    return "[" + ", ".join(_scalar(text) for text in texts) + "]"


def _theme(index: int) -> DomainTheme:
    """The theme of the *index*-th domain; past the list, themes repeat with a number."""
    base = THEMES[index % len(THEMES)]
    lap = index // len(THEMES)
    if lap == 0:
        return base
    return DomainTheme(
        id=f"{base.id}-{lap + 1}",
        title=f"{base.title}（{lap + 1}）",
        summary=base.summary,
        roles=base.roles,
        subjects=base.subjects,
        documents=base.documents,
        places=base.places,
    )


def _domain_yaml(theme: DomainTheme, order: int) -> str:
    """The text of a domain.yaml."""
    return (
        f"title: {_scalar(theme.title)}\n"
        f"summary: {_scalar(theme.summary)}\n"
        f"owner: {theme.roles[0][0]}\n"
        f"order: {order}\n"
    )


def _roles_yaml(theme: DomainTheme, rng: random.Random) -> str:
    """The text of a roles.yaml: the first role leads, the others report to it."""
    lines = ["roles:"]
    for position, (role_id, name, summary) in enumerate(theme.roles):
        lines += [
            f"  - id: {role_id}",
            f"    name: {_scalar(name)}",
            f"    summary: {_scalar(summary)}",
        ]
        if position > 0:
            lines.append(f"    reports_to: {theme.roles[0][0]}")
        lines.append("    duties:")
        lines += [f"      - {_scalar(duty)}" for duty in rng.sample(DUTIES, 3)]
    return "\n".join(lines) + "\n"


def _details(rng: random.Random, role_name: str, theme: DomainTheme) -> list[str]:
    """A Markdown paragraph of one or two sentences, as indented block-scalar lines."""
    sentences = rng.sample(DETAIL_SENTENCES, 2 if rng.random() < 0.25 else 1)
    text = "".join(
        sentence.format(
            role=role_name, place=rng.choice(theme.places), document=rng.choice(theme.documents)
        )
        for sentence in sentences
    )
    return ["    details: |", f"      {text}"]


def _task_lines(
    rng: random.Random, theme: DomainTheme, role_index: int, *, with_raci: bool
) -> list[str]:
    """The keys every synthetic task has after ``id`` and ``name``."""
    role_id, role_name, _ = theme.roles[role_index]
    lines = [f"    role: {role_id}"]
    if with_raci:
        others = [role[0] for position, role in enumerate(theme.roles) if position != role_index]
        lines.append(f"    accountable: {others[0]}")
        lines.append(f"    consulted: [{rng.choice(others[1:3])}]")
        lines.append(f"    informed: [{rng.choice(others[3:])}]")
    if rng.random() < 0.5:
        lines += _details(rng, role_name, theme)
    lines.append("    checklist:")
    for template in rng.sample(CHECK_ITEMS, rng.randint(3, 4)):
        filled = template.format(
            document=rng.choice(theme.documents), place=rng.choice(theme.places)
        )
        lines.append(f"      - {_scalar(filled)}")
    if rng.random() < 0.4:
        control = rng.choice(CONTROL_POINTS).format(document=rng.choice(theme.documents))
        lines.append(f"    control: {_scalar(control)}")
    lines.append(f"    duration: {rng.choice(DURATIONS)}")
    if rng.random() < 0.4:
        documents = rng.sample(theme.documents, 3)
        lines.append(f"    inputs: {_flow_list(documents[:2])}")
        lines.append(f"    outputs: {_flow_list(documents[2:])}")
    return lines


def _flow_yaml(rng: random.Random, theme: DomainTheme, subject: str, effective: dt.date) -> str:
    """The text of one fifteen-step flow file."""
    # Each role works in at least one of the first six steps, so no role goes unused.
    role_order = rng.sample(range(ROLES_PER_DOMAIN), ROLES_PER_DOMAIN)
    role_order += [rng.randrange(ROLES_PER_DOMAIN) for _ in range(STEPS_PER_FLOW)]
    status = "draft" if rng.random() < 0.1 else "approved"
    review = effective.replace(year=effective.year + 20)
    version = f"{rng.randint(1, 3)}.{rng.randint(0, 9)}"
    lines = [
        f"title: {_scalar(subject)}",
        f"summary: {_scalar(f'规范{subject}的办理步骤、责任岗位与控制要求，确保过程可追溯。')}",
        f"owner: {theme.roles[role_order[0]][0]}",
        f'version: "{version}"',
        f"status: {status}",
        f"effective: {effective.isoformat()}",
        f"review: {review.isoformat()}",
        "history:",
        f'  - version: "{version}"',
        f"    date: {effective.isoformat()}",
        f"    approved_by: {_scalar(f'{theme.title}负责人')}",
        f"    summary: {_scalar(f'发布{subject}流程')}",
        f"trigger: {_scalar(f'收到{subject}申请或计划安排')}",
        f"outcome: {_scalar(f'{subject}办结，记录完整归档')}",
        f"tags: {_flow_list([subject, theme.title])}",
        "steps:",
    ]
    position = 0

    def task(shape: StepShape, *, extra: tuple[str, ...] = ()) -> None:
        nonlocal position
        lines.append(f"  - id: {shape.id}")
        lines.append(f"    name: {_scalar(shape.name.format(subject=subject))}")
        lines.extend(_task_lines(rng, theme, role_order[position], with_raci=position % 4 == 1))
        lines.extend(extra)
        position += 1

    for shape in TASK_SHAPES:
        task(shape)
    decider = theme.roles[role_order[position]][0]
    lines += [
        f"  - id: {DECISION_SHAPE.id}",
        "    kind: decision",
        f"    name: {_scalar(DECISION_SHAPE.name)}",
        f"    role: {decider}",
        "    branches:",
        "      - when: 通过",
        f"        next: {LATER_SHAPES[0].id}",
        "      - when: 不通过",
        f"        next: {REWORK_SHAPE.id}",
    ]
    position += 1
    task(REWORK_SHAPE, extra=(f"    next: {TASK_SHAPES[4].id}",))
    for shape in LATER_SHAPES:
        task(shape)
    lines += [
        f"  - id: {END_SHAPE.id}",
        "    kind: end",
        f"    name: {_scalar(END_SHAPE.name.format(subject=subject))}",
    ]
    return "\n".join(lines) + "\n"


def write_synthetic_flows(root: Path, count: int, *, seed: int = 0, domains: int = 10) -> None:
    """Write a valid ``flows/`` tree of *count* flows under *root* (``root/flows``).

    Flows are spread round-robin over ``min(domains, count)`` domains, so every
    domain has flows and every role is used. The same arguments write the same files.
    """
    if count < 0 or domains < 1:
        raise ValueError("count must be >= 0 and domains >= 1")
    rng = random.Random(seed)
    flows_root = root / "flows"
    flows_root.mkdir(parents=True, exist_ok=True)
    themes = [_theme(index) for index in range(min(domains, count))]
    for order, theme in enumerate(themes, start=1):
        folder = flows_root / theme.id
        folder.mkdir(exist_ok=True)
        (folder / "domain.yaml").write_text(_domain_yaml(theme, order * 10), encoding="utf-8")
        (folder / "roles.yaml").write_text(_roles_yaml(theme, rng), encoding="utf-8")
    for number in range(count):
        theme = themes[number % len(themes)]
        serial = number // len(themes)
        subject_id, subject = theme.subjects[serial % len(theme.subjects)]
        effective = dt.date(2026, 1 + rng.randrange(12), 1 + rng.randrange(28))
        text = _flow_yaml(rng, theme, subject, effective)
        path = flows_root / theme.id / f"{subject_id}-{serial + 1:04d}.yaml"
        path.write_text(text, encoding="utf-8")


def _main() -> None:
    """Command line: ``python -m bench.synth ROOT COUNT [--seed N] [--domains N]``."""
    parser = argparse.ArgumentParser(description="Write a synthetic flows/ tree.")
    parser.add_argument("root", type=Path, help="folder to create flows/ in")
    parser.add_argument("count", type=int, help="number of flows")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--domains", type=int, default=10)
    arguments = parser.parse_args()
    write_synthetic_flows(
        arguments.root, arguments.count, seed=arguments.seed, domains=arguments.domains
    )


if __name__ == "__main__":
    _main()
