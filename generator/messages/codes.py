"""The Chinese title and hint of every diagnostic code.

The registry in :mod:`generator.diagnostics` holds each code's severity and its
English title and hint; this table holds the Chinese ones beside the code, so a
missing translation shows in review (a test requires one for every code).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class CodeText:
    """A code's title and hint in one language."""

    title: str
    """A short name of the problem (the reference table's 问题 column)."""
    hint: str
    """What the author should do about it."""


ZH: Mapping[str, CodeText] = MappingProxyType(
    {
        "E100": CodeText("无法读取文件", "确认文件存在且可以读取；符号链接须指向存在的文件。"),
        "E101": CodeText("文件不是 UTF-8 编码", "把文件另存为 UTF-8（带不带 BOM 均可）。"),
        "E102": CodeText("YAML 语法错误", "按提示位置修正 YAML 语法。"),
        "E103": CodeText("制表符", "YAML 缩进只能用空格；把制表符换成空格。"),
        "E104": CodeText("重复的键", "删除或改名其中一个键。"),
        "E105": CodeText("多个 YAML 文档", "每个文件只写一个文档；删掉 `---`。"),
        "E106": CodeText("空文件", "写上必填的键，或删除该文件。"),
        "E107": CodeText("文件过大", "拆分文件；流程文件有大小上限。"),
        "E108": CodeText("YAML 过于复杂", "去掉别名或过深的嵌套，把值直接写出来。"),
        "E109": CodeText("步骤过多", "把流程拆成若干子流程。"),
        "E110": CodeText("类型错误", "按该键要求的类型书写值。"),
        "E111": CodeText("缺少必填键", "补上这个键。"),
        "E112": CodeText("未知的键", "删除该键或更正拼写。"),
        "E113": CodeText("编号无效", "编号只能用小写 ASCII 字母、数字和 `-`（kebab-case）。"),
        "E114": CodeText("日期无效", "按 YYYY-MM-DD 写一个真实存在的日期。"),
        "E115": CodeText("时长无效", "写数字加单位：15m、2h、1d。"),
        "E116": CodeText("取值无效", "使用允许的取值之一。"),
        "E117": CodeText("值为空", "写上值；若该键可选，也可以删掉它。"),
        "E118": CodeText("缺少领域文件", "每个领域文件夹都需要 domain.yaml 和 roles.yaml。"),
        "E119": CodeText("文件位置不对", "流程文件应放在 flows/<领域>/<流程编号>.yaml。"),
        "E120": CodeText("文件中有控制字符", "删除这个看不见的字符。"),
        "E121": CodeText("合并键", "不要用 `<<` 合并，把键逐一写出来。"),
        "E122": CodeText("缩进不一致", "同级的键、同一列表的各项要缩进到同一列。"),
        "E123": CodeText("全角冒号", "键后面要用英文冒号加一个空格。"),
        "E201": CodeText("岗位编号重复", "同一领域的每个岗位使用不同的编号。"),
        "E202": CodeText("步骤编号重复", "同一流程的每个步骤使用不同的编号。"),
        "E203": CodeText("未知的步骤", "让 `next` 或分支指向本流程中的步骤编号。"),
        "E204": CodeText("未知的岗位", "在 roles.yaml 中定义该岗位，或更正编号。"),
        "E205": CodeText("未知的流程", "让 `flow` 指向已有的流程编号或 领域/流程编号。"),
        "E206": CodeText("汇报关系成环", "`reports_to` 不能绕回同一个岗位。"),
        "E207": CodeText("子流程成环", "流程不能经由子流程调用自身。"),
        "E301": CodeText("判断需要两个分支", "给判断步骤至少写两个分支。"),
        "E302": CodeText("非判断步骤有分支", "改用 `kind: decision`，或删掉 `branches`。"),
        "E303": CodeText("非子流程步骤有 flow", "改用 `kind: subflow`，或删掉 `flow`。"),
        "E304": CodeText("结束步骤有 next", "结束步骤即流程终点；删掉 `next`。"),
        "E305": CodeText("判断步骤有 next", "判断步骤按分支继续；删掉 `next`。"),
        "E310": CodeText("步骤无法到达", "从其他步骤链接到该步骤，或删除它。"),
        "E311": CodeText("到达不了结束步骤", "加一条通向 `kind: end` 步骤的路径。"),
        "E312": CodeText("最后一步没有去向", "给最后一步写 `next`，或把它设为结束步骤。"),
        "E320": CodeText("概率超出范围", "分支概率是一个数，0 < p <= 1。"),
        "E321": CodeText(
            "只有部分分支写了概率", "判断的每个分支都写 `probability`，或都不写（视为等可能）。"
        ),
        "E322": CodeText("概率之和不为 1", "让判断各分支的概率加起来等于 1。"),
        "E401": CodeText("复审日期不晚于生效日期", "把 `review` 设为晚于 `effective` 的日期。"),
        "W101": CodeText("文件被忽略", "流程文件以 .yaml 结尾；改名或移走该文件。"),
        "W120": CodeText("文本中有控制字符", "删除该字符，或写出你本来想写的字符。"),
        "W201": CodeText("岗位未被使用", "在某个步骤中使用该岗位，或删除它。"),
        "W301": CodeText("任务没有检查清单", "补上检查清单，标准作业卡才会列出该任务。"),
        "W302": CodeText("分支标签重复", "让每个分支的 `when` 标签互不相同。"),
        "W401": CodeText("复审已逾期", "复审该流程，并把 `review` 往后调整。"),
        "W501": CodeText(
            "岗位只被咨询或知会", "给该岗位分配执行（R）或批准（A），或把它从各步骤的 RACI 中删掉。"
        ),
        "W502": CodeText(
            "执行者又被咨询或知会",
            "执行该步骤的岗位不必再是该步骤的 C 或 I；把它从 `consulted`/`informed` 中删掉。",
        ),
        "W503": CodeText(
            "岗位承担的步骤过多",
            "分担工作，或调高 extra.handbook.metrics 下的 `max_role_share`。",
        ),
        "W504": CodeText(
            "判断路径上没有控制点", "在路径上的某个步骤加 `control`，或加一个复核判断的分支。"
        ),
        "W505": CodeText(
            "难以结束的循环", "给循环的判断写一个切合实际的离开循环的 `probability`。"
        ),
        "W506": CodeText("交接过多", "交接越少，出错越少；或调高 `max_handoffs`。"),
        "E130": CodeText(
            "已批准流程中有占位文字",
            "把 `handbook new` 写入的 TODO 文字换成实际内容，或把状态改回 draft。",
        ),
        "E410": CodeText("修订记录版本重复", "每条 `history` 使用不同的版本号。"),
        "E411": CodeText(
            "修订记录版本顺序不对",
            "`history` 最新的在最前：每条的版本都低于上一条（1.10 大于 1.9）。",
        ),
        "E412": CodeText(
            "修订记录日期顺序不对", "`history` 最新的在最前：每条的日期不晚于上一条。"
        ),
        "E413": CodeText(
            "最新修订不是流程的版本",
            "在 `history` 最前面补上当前 `version` 的记录，或更正 `version`。",
        ),
        "E414": CodeText(
            "已批准流程缺少批准人", "在最新一条 `history` 上写 `approved_by`（或写在流程上）。"
        ),
        "E415": CodeText("修订版本不是点分数字", "修订版本写成点分数字，例如 1.2 或 1.10。"),
        "E416": CodeText(
            "取代流程不存在", "让 `replaced_by` 指向另一个已有的流程：flow-id 或 领域/flow-id。"
        ),
        "W130": CodeText(
            "草稿中有占位文字",
            "把 `handbook new` 写入的 TODO 文字换成实际内容；流程批准后这是错误。",
        ),
        "W131": CodeText(
            "领域或岗位文件中有占位文字",
            "把 `handbook new` 写入 domain.yaml 或 roles.yaml 的 TODO 文字换成实际内容。",
        ),
        "W210": CodeText(
            "已批准流程调用草稿", "先批准被调用的流程，或改为调用已批准的流程：员工看不到草稿。"
        ),
        "W211": CodeText("已批准流程调用已废止流程", "改为调用取代它的流程。"),
        "W212": CodeText(
            "取代流程并未生效", "让 `replaced_by` 指向已批准的流程；草稿和已废止流程都未生效。"
        ),
        "W410": CodeText(
            "生效日期早于最新修订", "把 `effective` 设为不早于最新一条 `history` 的日期。"
        ),
        "W411": CodeText("已批准流程没有修订记录", "补上 `history`，至少写明当前版本及其批准人。"),
        "W412": CodeText(
            "现行流程写了 replaced_by",
            "只有已废止的流程才被取代：把状态改为 retired，或删掉 `replaced_by`。",
        ),
        "W420": CodeText(
            "site_url 缺失或仍是示例域名",
            "在 mkdocs.yml 中把 `site_url` 设为员工实际访问的地址：打印卡片的二维码指向那里。",
        ),
    }
)
"""Chinese title and hint by code."""
