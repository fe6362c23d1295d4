"""The one translation table: every word the generated handbook shows comes from here.

Each label is written once with all its languages side by side, so a missing
translation is visible in review (and :func:`labels` refuses it at import time).
Templates receive the labels of one language as ``t`` and write ``{{ t.owner }}``;
no template or module writes a UI word of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

LANGUAGES: tuple[str, ...] = ("zh", "en")
"""The supported handbook languages; the first is the default."""

DEFAULT_LANGUAGE = LANGUAGES[0]
"""The language used when mkdocs.yml does not choose one."""


@dataclass(frozen=True)
class Label:
    """One UI text in every supported language."""

    zh: str
    """Simplified Chinese."""
    en: str
    """English."""


_TABLE: dict[str, Label] = {
    # -- document control -------------------------------------------------------------
    "status": Label("状态", "Status"),
    "status.draft": Label("草稿", "Draft"),
    "status.approved": Label("已批准", "Approved"),
    "status.retired": Label("已废止", "Retired"),
    "approved_by": Label("批准人", "Approved by"),
    "author": Label("编写人", "Author"),
    "revision_summary": Label("修订说明", "Summary of changes"),
    "revisions": Label("修订记录", "Revision history"),
    "recent_revisions": Label("最近修订", "Recent revisions"),
    "no_revisions": Label("尚无修订记录。", "No revision history yet."),
    "current_approval": Label(
        "现行版本 {version} 由{approver}批准。", "Version {version} was approved by {approver}."
    ),
    "draft_banner": Label("草稿 — 未生效", "Draft — not in force"),
    "draft_banner_note": Label(
        "本流程尚未批准，仅供编写与审阅，不得作为作业依据。",
        "This flow is not approved yet: for writing and review only, not for use at work.",
    ),
    "retired_banner": Label("已废止 — 不再执行", "Retired — no longer in force"),
    "retired_replaced_by": Label("现由以下流程取代：", "Replaced by: "),
    "retired_no_replacement": Label("本流程已废止，无替代流程。", "Retired without a replacement."),
    "archive": Label("归档（已废止）", "Archive (retired)"),
    "archive_intro": Label(
        "以下流程已废止，仅供查阅历史，不得作为作业依据。",
        "These flows are retired: kept for reference, not for use at work.",
    ),
    "archive_empty": Label("没有已废止的流程。", "No retired flows."),
    "replaced_by": Label("取代流程", "Replaced by"),
    "review_overdue_banner": Label("复审已逾期", "Review overdue"),
    "review_overdue_note": Label(
        "复审日期 {review} 已过，请向流程负责人确认现行要求。",
        "The review date {review} has passed: check with the process owner what applies.",
    ),
    "printed_on": Label("打印日期", "Printed on"),
    "print_notice": Label(
        "打印件仅供当日参考，以在线版本为准",
        "Printed copy valid on the day printed only; the online version governs",
    ),
    "controlled_copy": Label(
        "受控副本 {number}/{count} · {location}", "Controlled copy {number}/{count} · {location}"
    ),
    "verify_title": Label("版本核验", "Version check"),
    "verify_current": Label("现行有效版本", "Current version in force"),
    "verify_superseded": Label(
        "已被 {version} 版（{date}）取代", "Superseded by version {version} ({date})"
    ),
    "verify_retired": Label("本流程已废止", "This flow is retired"),
    "verify_draft": Label("草稿 — 未生效", "Draft — not in force"),
    "verify_link": Label("查看现行流程", "Open the flow in force"),
    "verify_intro": Label(
        "本页用于核对纸质标准作业卡：卡上的二维码指向所印版本的核验页。",
        "This page checks a printed SOP card: its QR code opens the page of the printed version.",
    ),
    "verify_of": Label("{title} · 版本 {version}", "{title} · version {version}"),
    "flow_owner": Label("流程负责人", "Process owner"),
    "domain_owner": Label("领域负责人", "Domain owner"),
    "version": Label("版本", "Version"),
    "effective": Label("生效日期", "Effective"),
    "review": Label("复审日期", "Review by"),
    "trigger": Label("触发条件", "Trigger"),
    "outcome": Label("完成标准", "Outcome"),
    "tags": Label("关键词", "Keywords"),
    "flow_id": Label("流程编号", "Flow id"),
    # -- page sections ------------------------------------------------------------------
    "summary": Label("概述", "Summary"),
    "diagram": Label("流程图", "Flow diagram"),
    "diagram_hint": Label(
        "点击图中的步骤可跳转到步骤说明。",
        "Click a step in the diagram to jump to its description.",
    ),
    "steps": Label("步骤", "Steps"),
    "step": Label("步骤", "Step"),
    "raci": Label("RACI 职责矩阵", "RACI matrix"),
    "raci_legend": Label(
        "R 执行：做这一步的岗位，没有另标 A 时也由它对结果负责"
        " · A 批准：对结果负责到底的岗位，只在不是执行岗位时标出（每步至多一个）"
        " · C 咨询：事前征求意见 · I 知会：事后通知",
        "R Responsible: does the step, and answers for it unless an A is shown"
        " · A Accountable: answers for the result, shown only when it is not the doer"
        " (at most one per step) · C Consulted: asked before · I Informed: told after",
    ),
    "raci_scroll_cue": Label(
        "表格较宽：左右滑动可查看全部 {count} 个岗位，第一列保持不动。",
        "Wide table: scroll sideways to see all {count} roles; the first column stays put.",
    ),
    "raci_region": Label("RACI 职责矩阵（可横向滚动）", "RACI matrix (scrolls sideways)"),
    "related": Label("关联流程", "Related flows"),
    "calls": Label("调用的子流程", "Calls"),
    "called_by": Label("被以下流程调用", "Called by"),
    "no_related": Label(
        "本流程不调用其他流程，也未被其他流程调用。",
        "This flow calls no flow and no flow calls it.",
    ),
    "sop_card": Label("标准作业卡（SOP）", "SOP card"),
    "sop_link": Label("打开可打印的标准作业卡", "Open the printable SOP card"),
    "flow_page_link": Label("返回流程说明", "Back to the flow page"),
    # -- RACI roles of a step -----------------------------------------------------------
    "responsible": Label("执行（R）", "Responsible (R)"),
    "accountable": Label("批准（A）", "Accountable (A)"),
    "consulted": Label("咨询（C）", "Consulted (C)"),
    "informed": Label("知会（I）", "Informed (I)"),
    "letters": Label("职责", "RACI"),
    # -- step fields --------------------------------------------------------------------
    "kind.task": Label("任务", "Task"),
    "kind.decision": Label("判断", "Decision"),
    "kind.subflow": Label("子流程", "Sub-flow"),
    "kind.end": Label("结束", "End"),
    "checklist": Label("检查清单", "Checklist"),
    "control": Label("关键控制点", "Control point"),
    "duration": Label("预计时长", "Duration"),
    "inputs": Label("输入", "Inputs"),
    "outputs": Label("输出", "Outputs"),
    "next": Label("下一步", "Next"),
    "branches": Label("分支", "Branches"),
    "calls_flow": Label("调用流程", "Calls flow"),
    "flow_ends": Label("流程到此结束。", "The flow ends here."),
    "unit.minute": Label("分钟", "min"),
    "unit.hour": Label("小时", "h"),
    "unit.day": Label("天", "d"),
    # -- diagram words ------------------------------------------------------------------
    "diagram.start": Label("开始", "Start"),
    "diagram.end": Label("结束", "End"),
    "diagram.unassigned": Label("未指定岗位", "No role"),
    "diagram.subflow": Label("子流程", "Sub-flow"),
    # -- BPMN export and import -----------------------------------------------------------
    "bpmn.download": Label("下载 BPMN 文件", "Download BPMN file"),
    "bpmn.download_hint": Label(
        "BPMN 2.0 格式（含泳道布局），可在 Camunda、Signavio、bpmn.io 等建模工具中打开。",
        "BPMN 2.0 with the swimlane layout: opens in Camunda, Signavio, bpmn.io"
        " and other modellers.",
    ),
    "bpmn.imported_from": Label(
        "由 `handbook import bpmn` 从 BPMN 文件导入的草稿：请补充检查清单并复核后再批准。",
        "Draft imported from BPMN by `handbook import bpmn`: add checklists and review it"
        " before approval.",
    ),
    "bpmn.default_role": Label("流程负责人", "Process owner"),
    "bpmn.boundary": Label("异常", "Exception"),
    "bpmn.split_name": Label("{name}：走哪条路径？", "{name}: which way?"),
    "bpmn.note": Label("（BPMN 导入说明：{note}）", "(Imported from BPMN: {note})"),
    "bpmn.note.split": Label(
        "原模型中该步骤有多条出线，导入时补充了此判断。",
        "the step had several outgoing flows in the model; this decision was added.",
    ),
    "bpmn.note.extra_start": Label(
        "原模型中另一开始事件“{name}”也从此处开始。",
        "another start event, '{name}', also started here in the model.",
    ),
    "bpmn.note.event": Label("原为 {kind} 类型的事件。", "this was a {kind} event in the model."),
    "bpmn.note.gateway": Label(
        "原为 {kind}（可能同时走多条分支），导入为单选判断。",
        "this was a {kind} (maybe several branches at once), imported as a decision.",
    ),
    "bpmn.note.call": Label(
        "原为调用活动，调用的“{called}”不在本手册中。",
        "this was a call activity of '{called}', which is not in the handbook.",
    ),
    "bpmn.note.subprocess": Label(
        "原为内嵌子流程，包含：{inner}。", "this was an embedded sub-process of: {inner}."
    ),
    "bpmn.note.element": Label(
        "原为 {kind}，导入为任务。", "this was a {kind}, imported as a task."
    ),
    "bpmn.note.message": Label("消息流：{message}。", "message flow: {message}."),
    "diagram_title": Label("{title}：泳道流程图", "{title}: swimlane diagram"),
    "diagram_fullscreen": Label("全屏查看（可缩放）", "Full screen (zoom)"),
    "diagram_svg": Label("打开 SVG 原图", "Open the SVG"),
    "diagram_scroll_hint": Label(
        "图较宽时可左右滑动；点“全屏查看”可缩放和拖动。",
        "Scroll a wide diagram sideways; “Full screen” zooms and pans.",
    ),
    "diagram_text": Label("流程图的文字说明", "The diagram in words"),
    "diagram_views": Label("流程图视图", "Diagram view"),
    "diagram_view_swimlane": Label("泳道视图", "Swimlanes"),
    "diagram_view_compact": Label("紧凑视图", "Compact"),
    "diagram_compact_title": Label(
        "{title}：紧凑流程图（每步标明岗位）", "{title}: compact diagram (each step names its role)"
    ),
    "diagram_compact_hint": Label(
        "紧凑视图把全部步骤排成一列，每个步骤上方标明所属岗位（泳道）；泳道视图每个岗位占一列。",
        "The compact view puts the steps in one column, each naming its role (lane) above it;"
        " the swimlane view gives each role a column.",
    ),
    "diagram_compact_note": Label(
        "紧凑流程图：每个步骤上方标明所属岗位。完整泳道图见网页版。",
        "Compact diagram: each step names its role above it. The full swimlane diagram is on"
        " the web page.",
    ),
    "diagram_compact_note_at": Label(
        "紧凑流程图：每个步骤上方标明所属岗位。完整泳道图见网页版：{address}",
        "Compact diagram: each step names its role above it. The full swimlane diagram is on"
        " the web page: {address}",
    ),
    "viewer_help": Label(
        "拖动平移，滚轮或双指缩放；键盘：+ − 缩放，0 适应窗口，1 原始大小，方向键平移，Esc 关闭。",
        "Drag to pan, wheel or pinch to zoom; keys: + − zoom, 0 fit, 1 full size,"
        " arrows pan, Esc closes.",
    ),
    "viewer_close": Label("关闭", "Close"),
    "viewer_zoom_in": Label("放大", "Zoom in"),
    "viewer_zoom_out": Label("缩小", "Zoom out"),
    "viewer_fit": Label("适应窗口", "Fit to window"),
    "viewer_actual": Label("原始大小", "Full size"),
    "describe.lanes": Label(
        "图中共 {count} 条泳道，每个岗位一条（泳道视图中从左到右排列，"
        "紧凑视图中写在每个步骤上方）：{names}。各步骤依次如下：",
        "The diagram has {count} lanes, one per role (left to right in the swimlane view, "
        "named above each step in the compact view): {names}. The steps in order:",
    ),
    "describe.role": Label("（{role}）", " ({role})"),
    "describe.to": Label("转到第 {number} 步", "go to step {number}"),
    "describe.branch": Label("若“{label}”，{target}", "if “{label}”, {target}"),
    "describe.loop": Label("（返回前面的步骤，形成循环）", " (back to an earlier step: a loop)"),
    "describe.call": Label("执行子流程“{title}”", "run the sub-flow “{title}”"),
    "describe.end": Label("流程结束", "the flow ends"),
    "describe.separator": Label("；", "; "),
    # -- domains, flows, roles ----------------------------------------------------------
    "domain": Label("业务领域", "Domain"),
    "domains": Label("业务领域", "Domains"),
    "flow": Label("流程", "Flow"),
    "flows": Label("流程", "Flows"),
    "flow_count": Label("流程数", "Flows"),
    "raci_overview": Label("职责分配总览", "RACI overview"),
    "raci_overview_hint": Label(
        "每格列出该岗位在该流程各步骤中承担的职责。",
        "Each cell lists the letters a role holds in the steps of a flow.",
    ),
    "role": Label("岗位", "Role"),
    "roles": Label("岗位", "Roles"),
    "role_of_domain": Label("所属领域", "Domain"),
    "reports_to": Label("直接上级", "Reports to"),
    "subordinates": Label("直接下属", "Direct reports"),
    "duties": Label("岗位职责", "Duties"),
    "no_duties": Label("未列出常设职责。", "No standing duties listed."),
    "involvement": Label("参与的流程步骤", "Steps in flows"),
    "no_involvement": Label("该岗位未参与任何流程步骤。", "This role takes part in no step."),
    "owned_flows": Label("负责的流程文件", "Flows owned"),
    "none": Label("无", "None"),
    "list_separator": Label("、", ", "),
    "colon": Label("：", ": "),
    # -- handbook-wide pages ------------------------------------------------------------
    "index_section": Label("手册索引", "Handbook index"),
    "maintainer_section": Label("维护者：编写与开发", "For maintainers"),
    "not_found_title": Label("页面不存在（404）", "Page not found (404)"),
    "not_found_text": Label(
        "找不到这个页面：链接可能已过期，或流程已改名、废止。"
        "请从首页、全部流程或上方的搜索框重新查找。",
        "This page does not exist: the link may be old, or the flow renamed or retired."
        " Start again from the home page, all flows or the search box above.",
    ),
    "home": Label("首页", "Home"),
    "all_flows": Label("全部流程", "All flows"),
    "all_flows_intro": Label(
        "手册中所有业务领域的流程。在输入框中键入关键字可筛选表格。",
        "Every flow of every domain. Type in the box to filter the table.",
    ),
    "filter_placeholder": Label(
        "筛选：流程、领域、岗位、状态……", "Filter: flow, domain, role, status…"
    ),
    "filter_label": Label("筛选表格", "Filter the table"),
    "review_report": Label("复审报告", "Review report"),
    "review_intro": Label(
        "统计日期 {today}。已废止的流程不在此列。",
        "As of {today}. Retired flows are not listed.",
    ),
    "overdue": Label("已逾期", "Overdue"),
    "due_soon": Label("{days} 天内到期", "Due within {days} days"),
    "days_overdue": Label("逾期天数", "Days overdue"),
    "days_left": Label("剩余天数", "Days left"),
    "nothing_due": Label("无。", "None."),
    "diagnostics_reference": Label("诊断代码参考", "Diagnostic codes"),
    "diagnostics_intro": Label(
        "handbook validate 与 handbook build 报告的每一个问题都带有以下稳定代码之一。"
        "以 E 开头的是错误（构建中止），以 W 开头的是警告（使用 --strict 时视为错误）。",
        "Every problem that handbook validate and handbook build report carries one of these"
        " stable codes. E codes are errors (the build stops); W codes are warnings"
        " (errors under --strict).",
    ),
    "code": Label("代码", "Code"),
    "severity": Label("级别", "Severity"),
    "severity.error": Label("错误", "error"),
    "severity.warning": Label("警告", "warning"),
    "problem": Label("问题", "Problem"),
    "remedy": Label("处理建议", "What to do"),
    # -- SOP card -----------------------------------------------------------------------
    "sop_title": Label("标准作业卡", "Standard operating procedure"),
    "sop_checklist": Label("作业检查清单", "Checklist"),
    "sop_do_step": Label("完成本步骤", "Do this step"),
    "sop_decide": Label("判断结果", "Outcome"),
    "sop_call": Label("执行子流程", "Run the sub-flow"),
    "signoff": Label("签核", "Sign-off"),
    "performed_by": Label("执行人", "Performed by"),
    "date": Label("日期", "Date"),
    "checked_by": Label("复核人", "Checked by"),
    "signoff_note": Label(
        "本卡对应流程版本 {version}；流程更新后请使用新版本作业卡。",
        "This card belongs to version {version} of the flow; use the new card after an update.",
    ),
    "page_url": Label("在线版本", "Online version"),
    "print": Label("打印", "Print"),
    # -- printed decks (generator/printing) ---------------------------------------------
    "print_pdf": Label("打印 / 下载 PDF", "Print / download PDF"),
    "print_pdf_flow_hint": Label(
        "PDF 是本流程的标准作业卡；本领域全部流程的作业卡见领域页。",
        "The PDF is this flow's SOP card; the domain page has every card of the domain.",
    ),
    "page_of": Label("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "role_card": Label("岗位作业卡", "Role card"),
    "role_key": Label("岗位编号", "Role id"),
    "handbook_date": Label("手册日期", "Handbook date"),
    "role_signoff_note": Label(
        "本卡依据 {date} 的手册生成；流程更新后请使用新版本岗位作业卡。",
        "This card was made from the handbook of {date}; use the new card after an update.",
    ),
    "all_sop_cards": Label("全部标准作业卡", "All SOP cards"),
    # -- process metrics (generator/metrics) --------------------------------------------
    "metrics": Label("流程指标", "Process metrics"),
    "metrics.dashboard": Label("指标看板", "Metrics dashboard"),
    "metrics.workload": Label("工作负荷", "Workload"),
    "metrics.figure": Label("指标", "Figure"),
    "metrics.value": Label("数值", "Value"),
    "metrics.steps": Label("步骤数", "Steps"),
    "metrics.steps_detail": Label(
        "任务 {task} · 判断 {decision} · 子流程 {subflow} · 结束 {end}",
        "{task} tasks · {decision} decisions · {subflow} sub-flows · {end} ends",
    ),
    "metrics.lanes": Label("泳道（岗位）", "Lanes (roles)"),
    "metrics.handoffs": Label("交接次数", "Handoffs"),
    "metrics.longest_run": Label("同一岗位最长连续步骤", "Longest run by one role"),
    "metrics.loops": Label("循环（返工）", "Loops (rework)"),
    "metrics.coverage": Label("控制点覆盖率", "Control coverage"),
    "metrics.coverage_detail": Label(
        "{controlled} / {tasks} 个任务有关键控制点", "{controlled} of {tasks} tasks have a control"
    ),
    "metrics.critical_path": Label("关键路径", "Critical path"),
    "metrics.expected": Label("期望周期", "Expected cycle time"),
    "metrics.no_duration": Label("缺少时长的步骤", "Steps without a duration"),
    "metrics.guessed": Label(
        "{count} 个判断没有写分支概率，按各分支等可能计算。",
        "{count} decisions give no branch probabilities; their branches count as equally likely.",
    ),
    "metrics.hint": Label(
        "交接：相邻两步由不同岗位执行；期望周期按每步时长 × 期望经过次数计算（循环精确求解，"
        "子流程取其期望周期）；关键路径是按时长最长、每个循环只走一次的路径。",
        "Handoff: two consecutive steps done by different roles. Expected cycle time: each"
        " step's duration × its expected visits per run (loops solved exactly, sub-flows at"
        " their own expected time). Critical path: the longest path by time, each loop once.",
    ),
    "metrics.chart_flows": Label(
        "各流程交接次数与控制点覆盖率", "Handoffs and control coverage per flow"
    ),
    "metrics.chart_workload": Label(
        "岗位 × 流程工作负荷（每次运行的期望分钟数）",
        "Workload by role and flow (expected minutes per run)",
    ),
    "metrics.role_minutes": Label("每次运行的期望工时", "Expected work per run"),
    "metrics.role_counts": Label(
        "执行 {r} 步 · 批准 {a} 步 · 咨询 {c} 步 · 知会 {i} 步",
        "does {r} steps · accountable for {a} · consulted on {c} · informed of {i}",
    ),
    "metrics.flows_involved": Label("参与的流程", "Flows involved"),
    "metrics.aside": Label("{main}（{aside}）", "{main} ({aside})"),
    # -- semantic diff (handbook diff: markdown comment, visual diff) -------------------
    "diff.title": Label("流程变更", "Process changes"),
    "diff.presence.added": Label("新增", "Added"),
    "diff.presence.removed": Label("已删除", "Removed"),
    "diff.presence.changed": Label("修改", "Changed"),
    "diff.changes": Label("改动", "Changes"),
    "diff.no_changes": Label(
        "两侧的流程、领域与岗位没有差异。", "No differences in flows, domains or roles."
    ),
    "diff.domains": Label("业务领域与岗位", "Domains and roles"),
    "diff.removed_steps": Label("已删除的步骤", "Removed steps"),
    "diff.removed_flows": Label("已删除的流程", "Removed flows"),
    "diff.legend": Label("图例", "Legend"),
    "diff.marker.added": Label("✚ 新增", "✚ New"),
    "diff.marker.changed": Label("✎ 修改", "✎ Changed"),
    "diff.marker.removed": Label("✖ 删除", "✖ Removed"),
    "diff.overview": Label("变更总览", "Overview"),
    "diff.back": Label("返回变更总览", "Back to the overview"),
    "diff.version_check": Label("版本检查", "Version check"),
    "diff.kind.step-added": Label("新增步骤", "Step added"),
    "diff.kind.step-removed": Label("删除步骤", "Step removed"),
    "diff.kind.step-renamed": Label("步骤更名", "Step renamed"),
    "diff.kind.step-role-changed": Label("执行岗位变更", "Role changed"),
    "diff.kind.raci-changed": Label("职责（RACI）变更", "RACI changed"),
    "diff.kind.checklist-changed": Label("检查清单变更", "Checklist changed"),
    "diff.kind.control-changed": Label("关键控制点变更", "Control point changed"),
    "diff.kind.links-changed": Label("流转变更", "Links changed"),
    "diff.kind.kind-changed": Label("步骤类型变更", "Step kind changed"),
    "diff.kind.duration-changed": Label("预计时长变更", "Duration changed"),
    "diff.kind.io-changed": Label("输入输出变更", "Inputs/outputs changed"),
    "diff.kind.details-changed": Label("步骤说明变更", "Details changed"),
    "diff.kind.metadata-changed": Label("流程信息变更", "Flow metadata changed"),
    "diff.kind.domain-changed": Label("领域信息变更", "Domain changed"),
    "diff.kind.role-added": Label("新增岗位", "Role added"),
    "diff.kind.role-removed": Label("删除岗位", "Role removed"),
    "diff.kind.role-changed": Label("岗位信息变更", "Role changed"),
}


def _checked(table: Mapping[str, Label]) -> Mapping[str, Label]:
    """Refuse empty translations: every label needs a text in every language."""
    for key, label in table.items():
        for language in LANGUAGES:
            if not getattr(label, language).strip():
                raise ValueError(f"label '{key}' has no {language} text")
    return MappingProxyType(dict(table))


TABLE: Mapping[str, Label] = _checked(_TABLE)
"""Every label by key, in every language."""


def labels(language: str) -> Mapping[str, str]:
    """The labels of one language, by key; raises ``ValueError`` for an unknown language."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language '{language}': use one of {', '.join(LANGUAGES)}")
    return MappingProxyType({key: getattr(label, language) for key, label in TABLE.items()})


def handbook_language(configured: str | None) -> str:
    """Map a configured language (``zh``, ``zh-CN``, ``en_US``, ...) to a supported one.

    ``None`` gives the default; an unsupported language raises ``ValueError``.
    """
    if configured is None or not configured.strip():
        return DEFAULT_LANGUAGE
    base = configured.strip().replace("_", "-").split("-")[0].lower()
    if base not in LANGUAGES:
        raise ValueError(
            f"unsupported handbook language '{configured}': use one of {', '.join(LANGUAGES)}"
        )
    return base
