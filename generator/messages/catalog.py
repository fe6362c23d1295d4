"""Chinese for every English message template the ``handbook`` command uses (gettext-style).

The key is the English template exactly as written at :func:`~generator.messages.text.msg`
(a test finds every literal template in ``generator/`` and requires it here, with
the same ``{fields}``). A template missing from the table is shown in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

ZH: Mapping[str, str] = MappingProxyType(
    {
        # -- what a value is, inside other messages ------------------------------------------
        "step": "步骤",
        "flow": "流程",
        "branch": "分支",
        "role": "岗位",
        "roles file": "岗位文件",
        "domain": "领域",
        "the {record}": "{record}",
        "{record} '{id}'": "{record}“{id}”",
        "'{key}' of {owner}": "{owner}的“{key}”",
        "item {item} of {value}": "{value}第 {item} 项",
        "'{value}'": "“{value}”",
        "a mapping": "映射（键值对）",
        "a list": "列表",
        "a {kind}": "{kind}",
        "an {kind}": "{kind}",
        "use lowercase ASCII letters, digits and '-'": "只能用小写 ASCII 字母、数字和“-”",
        # -- reading files (E100–E109, E120–E123) ---------------------------------------------
        "cannot read file: {reason}": "无法读取文件：{reason}",
        "'{name}' is a symbolic link to '{target}', which does not exist": (
            "“{name}”是指向“{target}”的符号链接，但目标不存在"
        ),
        "'{name}' is a symbolic link that leads back to itself (via '{target}')": (
            "“{name}”是绕回自身的符号链接（经由“{target}”）"
        ),
        "'{name}' is a symbolic link to '{target}' that cannot be read: {reason}": (
            "“{name}”是指向“{target}”的符号链接，无法读取：{reason}"
        ),
        "file is not UTF-8 (byte {byte} cannot be decoded); save it as UTF-8": (
            "文件不是 UTF-8 编码（字节 {byte} 无法解码）；请另存为 UTF-8"
        ),
        "file is larger than {limit} KiB; split it into smaller flows": (
            "文件超过 {limit} KiB；请拆分为更小的流程"
        ),
        "file contains NUL bytes; it looks binary, not YAML": (
            "文件含有 NUL 字节，像是二进制文件而不是 YAML"
        ),
        "file is empty; it needs the keys of its kind": "文件为空；请写上该类文件的键",
        "more than one YAML document (`---`); keep one document per file": (
            "有多个 YAML 文档（`---`）；每个文件只写一个文档"
        ),
        "YAML nested too deeply ({problem})": "YAML 嵌套过深（{problem}）",
        "YAML nested too deeply to read": "YAML 嵌套过深，无法读取",
        "YAML nested more than {limit} levels deep": "YAML 嵌套超过 {limit} 层",
        "YAML expands to too many values (aliases?); write the values out": (
            "YAML 展开后的值过多（别名？）；请把值直接写出来"
        ),
        "tab character in indentation; indent with spaces": "缩进中有制表符；请用空格缩进",
        "flow has {count} steps, more than the limit of {limit}; use sub-flows": (
            "流程有 {count} 个步骤，超过上限 {limit}；请使用子流程"
        ),
        "invisible control character {character} in the file; delete it": (
            "文件中有看不见的控制字符 {character}；请删除"
        ),
        "full-width colon '：' after key '{key}'; write an ASCII colon and a space: '{key}: '": (
            "键“{key}”后是全角冒号“：”；请改为英文冒号加空格：“{key}: ”"
        ),
        "list item indented {found} spaces, but the list it continues (line {line}) is "
        "indented {expected}; start every item of a list in the same column": (
            "列表项缩进了 {found} 个空格，但它所属的列表（第 {line} 行）缩进 {expected} 个空格；"
            "同一列表的各项要从同一列开始"
        ),
        "line indented {found} spaces, but the key above it (line {line}) is indented "
        "{expected}; start every key of a mapping in the same column": (
            "这一行缩进了 {found} 个空格，但上方的键（第 {line} 行）缩进 {expected} 个空格；"
            "同级的键要从同一列开始"
        ),
        "line indented deeper than the key above it (line {line}), so it reads as part of "
        "that value; start it in column {column} like that key": (
            "这一行比上方的键（第 {line} 行）缩进更深，因而被读成那个值的一部分；"
            "请像那个键一样从第 {column} 列开始"
        ),
        "': ' inside the value of '{key}' reads as a second key; put the value in quotes: "
        '{key}: "…"': '“{key}”的值中有“: ”，被读成了第二个键；请给值加引号：{key}: "…"',
        "{problem} ({context})": "{problem}（{context}）",
        # libyaml's own words for the common syntax errors
        "mapping values are not allowed in this context": "此处不能出现键值对（多余的“: ”？）",
        "could not find expected ':'": "找不到应有的“:”",
        "while scanning a simple key": "读取键时",
        "while scanning a quoted scalar": "读取带引号的值时",
        "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
        "while parsing a block collection": "读取列表时",
        "while parsing a block mapping": "读取映射时",
        "did not find expected '-' indicator": "找不到应有的“-”列表标记",
        "did not find expected key": "找不到应有的键",
        "while parsing a flow sequence": "读取方括号列表时",
        "while parsing a flow mapping": "读取花括号映射时",
        "did not find expected ',' or ']'": "找不到应有的“,”或“]”",
        "did not find expected ',' or '}'": "找不到应有的“,”或“}”",
        # -- the shape of values (E110–E117, E121, W120) ---------------------------------------
        "{value} must be text, found {found}": "{value}应为文本，实际是{found}",
        "{value} must be a list, found {found}": "{value}应为列表，实际是{found}",
        "{value} must be a mapping of keys, found {found}": "{value}应为键值映射，实际是{found}",
        "{value} must be a whole number, found '{text}'": "{value}应为整数，实际是“{text}”",
        "{value} must be a number, found '{text}'": "{value}应为数字，实际是“{text}”",
        "{value} is {text}, out of range: write 0 < p <= 1": (
            "{value}为 {text}，超出范围：应满足 0 < p <= 1"
        ),
        "keys must be text, found {found}": "键应为文本，实际是{found}",
        "{value} is empty": "{value}为空",
        "{value} needs at least {count} item(s)": "{value}至少需要 {count} 项",
        "missing required key '{key}' in {owner}": "{owner}缺少必填键“{key}”",
        "unknown key '{key}' in {record}": "{record}中有未知的键“{key}”",
        "duplicate key '{key}' (first at line {line})": "重复的键“{key}”（首次出现在第 {line} 行）",
        "merge key '<<' in {record}: write the keys it would bring in out here": (
            "{record}中有合并键“<<”：请把它要引入的键在此逐一写出"
        ),
        "invalid id '{text}' for {value}: {rule}": "{value}的编号“{text}”无效：{rule}",
        "invalid id '{text}' for {value}: {problem}": "{value}的编号“{text}”无效：{problem}",
        "invalid reference '{text}' for {value}: {problem}": "{value}的引用“{text}”无效：{problem}",
        "invalid reference '{text}' for {value}: ids are kebab-case ASCII; another domain's id "
        "is written domain/id": (
            "{value}的引用“{text}”无效：编号只能用 kebab-case ASCII；其他领域的编号写作 领域/编号"
        ),
        "'{character}' is {name}, not an ASCII letter; ids are written in ASCII": (
            "“{character}”是 {name}，不是 ASCII 字母；编号只能用 ASCII 书写"
        ),
        "'next' names a step of this flow, so it has no '/'; to continue in another flow, add "
        "a step with 'kind: subflow' and 'flow: {text}'": (
            "“next”指向本流程的步骤，不能含“/”；要转到其他流程，"
            "请加一个“kind: subflow”且“flow: {text}”的步骤"
        ),
        "an id has no '/'; use lowercase ASCII letters, digits and '-'": (
            "编号不能含“/”；只能用小写 ASCII 字母、数字和“-”"
        ),
        "invalid date '{text}' for {value}: write a real date as YYYY-MM-DD": (
            "{value}的日期“{text}”无效：请按 YYYY-MM-DD 写一个真实存在的日期"
        ),
        "invalid duration '{text}' for {value}: write e.g. 15m, 2h, 1d or 1h30m": (
            "{value}的时长“{text}”无效：请写成 15m、2h、1d 或 1h30m 这样的形式"
        ),
        "invalid value '{text}' for {value}: use one of {allowed}": (
            "{value}的取值“{text}”无效：请使用 {allowed} 之一"
        ),
        "{value} contains the control character {character}, which pages cannot show; "
        "remove it": "{value}含有控制字符 {character}，页面无法显示；请删除",
        # -- the tree of files (E113, E118, E119, W101) -----------------------------------------
        "invalid domain folder name '{name}': {rule}": "领域文件夹名“{name}”无效：{rule}",
        "invalid flow id '{flow}' (the file name): {rule}": (
            "流程编号“{flow}”（文件名）无效：{rule}"
        ),
        "domain '{domain}' has no {file}": "领域“{domain}”缺少 {file}",
        "'{name}' is not in a domain folder; move it to flows/<domain>/": (
            "“{name}”不在领域文件夹中；请移到 flows/<领域>/ 下"
        ),
        "ignored folder '{name}': flows are <flow-id>.yaml files": (
            "已忽略文件夹“{name}”：流程是 <流程编号>.yaml 文件"
        ),
        "ignored file '{name}': flows are <flow-id>.yaml files": (
            "已忽略文件“{name}”：流程是 <流程编号>.yaml 文件"
        ),
        "flows folder '{folder}' does not exist": "流程文件夹“{folder}”不存在",
        "flows folder '{folder}' is not a folder": "流程文件夹“{folder}”不是文件夹",
        "'{folder}' is a domain folder; check its parent '{parent}' instead: references cross "
        "domains, so the whole flows folder is checked at once": (
            "“{folder}”是一个领域文件夹；请改为校验它的上级“{parent}”："
            "引用会跨领域，所以整个流程文件夹要一起校验"
        ),
        # -- references (E2xx) -----------------------------------------------------------------
        "duplicate role id '{role}' (first defined at line {line})": (
            "岗位编号“{role}”重复（首次定义在第 {line} 行）"
        ),
        "duplicate step id '{step}' (first used at line {line})": (
            "步骤编号“{step}”重复（首次使用在第 {line} 行）"
        ),
        "unknown step '{step}'": "未知的步骤“{step}”",
        "unknown role '{role}'": "未知的岗位“{role}”",
        "domain owner '{role}' is not a role of domain '{domain}'": (
            "领域负责人“{role}”不是领域“{domain}”的岗位"
        ),
        "{problem}, also used at {lines}": "{problem}，另见{lines}",
        "line {line}": "第 {line} 行",
        "lines {lines} and {last}": "第 {lines} 和 {last} 行",
        "lines {lines} and {more} more": "第 {lines} 行等另外 {more} 处",
        "unknown flow '{flow}'": "未知的流程“{flow}”",
        "role '{role}' reports to itself": "岗位“{role}”向自己汇报",
        "reporting cycle {cycle}": "汇报关系成环：{cycle}",
        "flow '{flow}' calls itself": "流程“{flow}”调用了自身",
        "flow '{flow}' calls itself through sub-flows: {cycle}": (
            "流程“{flow}”经由子流程调用了自身：{cycle}"
        ),
        # -- step kinds and the graph (E3xx) ----------------------------------------------------
        "step '{step}' has 'branches' but is {kind} step, not a decision": (
            "步骤“{step}”有“branches”，但它是 {kind} 步骤，不是判断步骤（decision）"
        ),
        "step '{step}' has 'flow' but is {kind} step, not a subflow": (
            "步骤“{step}”有“flow”，但它是 {kind} 步骤，不是子流程步骤（subflow）"
        ),
        "end step '{step}' has 'next' '{next}'; an end step finishes the flow": (
            "结束步骤“{step}”有“next: {next}”；结束步骤即流程终点"
        ),
        "decision '{step}' has 'next' '{next}'; its branches say where to go": (
            "判断步骤“{step}”有“next: {next}”；去向应由分支决定"
        ),
        "only one branch": "只有一个分支",
        "no branches": "没有分支",
        "decision '{step}' has {count}; it needs at least two": (
            "判断步骤“{step}”{count}；至少需要两个"
        ),
        "branch label '{label}' of decision '{step}' repeats the branch at line {line}": (
            "判断步骤“{step}”的分支标签“{label}”与第 {line} 行的分支重复"
        ),
        "step '{step}' cannot be reached from the first step '{first}'": (
            "从第一步“{first}”无法到达步骤“{step}”"
        ),
        "step '{step}' cannot be reached from the first step '{first}' (nor can {after} after "
        "it)": "从第一步“{first}”无法到达步骤“{step}”（其后的 {after} 也无法到达）",
        "no end step can be reached from step '{step}'; it loops {loop}": (
            "从步骤“{step}”到达不了任何结束步骤；它在此循环：{loop}"
        ),
        "last step '{step}' is not an end step and has no 'next'": (
            "最后一步“{step}”不是结束步骤，也没有“next”"
        ),
        # -- document control (E401, W301, W201, W401) ------------------------------------------
        "review date '{review}' is not after effective date '{effective}'": (
            "复审日期“{review}”不晚于生效日期“{effective}”"
        ),
        "review date '{review}' has passed ({days} overdue)": (
            "复审日期“{review}”已过（逾期 {days}）"
        ),
        "{count} day": "{count} 天",
        "{count} days": "{count} 天",
        "task step '{step}' has no checklist, but the flow is approved": (
            "任务步骤“{step}”没有检查清单，但流程已批准"
        ),
        "role '{role}' is defined but never used": "岗位“{role}”已定义但未被使用",
        # -- the command line: help (generator/cli.py, generator/clitext.py) ----------------------
        "usage: ": "用法：",
        "arguments": "参数",
        "options": "选项",
        "commands": "命令",
        "show this help and exit": "显示本帮助并退出",
        "show the version and exit": "显示版本号并退出",
        "Process handbook generator: checks the flows and builds the staff handbook.": (
            "流程手册生成器：校验流程并生成员工流程手册。"
        ),
        "check process definitions": "校验流程定义",
        "build the handbook site": "生成手册网站",
        "build and serve it, rebuilding on changes": "生成并在本地预览，修改后自动重建",
        "scaffold a new flow: DOMAIN/FLOW": "生成新流程草稿：领域/流程",
        "print the JSON Schema of a file kind": "输出某类文件的 JSON Schema",
        "flows folder (default: {default})": "流程文件夹（默认：{default}）",
        "the same, as an option": "同上，以选项形式给出",
        "project folder (with mkdocs.yml)": "项目文件夹（含 mkdocs.yml）",
        "output folder (default: <project>/site)": "输出文件夹（默认：<项目>/site）",
        "skip the PDF decks": "不生成 PDF 作业卡",
        "publish draft flows too (for review)": "同时发布草稿流程（供审阅）",
        "the site engine (default: mkdocs)": "生成网站所用的引擎（默认：mkdocs）",
        "a site that works opened from file:// without network": (
            "生成不联网也能直接从文件（file://）打开的网站"
        ),
        "also build the PDF decks": "同时生成 PDF 作业卡",
        "address to serve on": "监听地址",
        "port to serve on": "监听端口",
        "no progress lines (shown only on a terminal, never in CI)": (
            "不显示进度（进度只在终端中显示，CI 中从不显示）"
        ),
        "domain-id/flow-id": "领域编号/流程编号",
        "file kind": "文件类别",
        "write all three schema files into DIR": "把三个 Schema 文件写入 DIR",
        "treat warnings as errors": "把警告当作错误",
        "drop diagnostics with this code (repeatable)": "忽略该代码的诊断（可重复）",
        "the date overdue reviews are judged against (default: today)": (
            "判断复审是否逾期所用的日期（默认：今天）"
        ),
        "output format": "输出格式",
        "language of messages (default: the handbook's, from mkdocs.yml)": (
            "提示信息的语言（默认：mkdocs.yml 中手册的语言）"
        ),
        # -- the command line: what it says (generator/cli.py, generator/commands.py) ------------
        "FLOWS and --flows name different folders: {both}": (
            "FLOWS 与 --flows 指向不同的文件夹：{both}"
        ),
        "handoffs, control coverage, critical path and cycle time of each flow": (
            "每个流程的交接次数、控制点覆盖率、关键路径和周期"
        ),
        "flows folder (default: flows)": "流程文件夹（默认：flows）",
        "only this flow (repeatable); default: every flow": (
            "只看这个流程（可重复）；默认：全部流程"
        ),
        "the flows have errors; fix them first": "流程有错误，请先修正",
        "no flow '{key}' (write DOMAIN/FLOW)": "没有流程“{key}”（写成 领域/流程）",
        "interrupted": "已中断",
        "terminated": "已终止",
        "stopped": "已停止",
        "the site folder holds the last complete build": "网站文件夹保留上一次完整构建的结果",
        "the flows have problems; nothing was built": "流程有问题，未生成任何内容",
        "built {site} ({flows} flows; {rendered} diagrams rendered, {cached} cached; {stages})": (
            "已生成 {site}（{flows} 个流程；新绘制 {rendered} 张图，"
            "复用缓存 {cached} 张；{stages}）"
        ),
        "wrote {count} schema files to {folder}": "已把 {count} 个 Schema 文件写入 {folder}",
        "expected DOMAIN/FLOW, got '{target}'": "应为 领域/流程，实际是“{target}”",
        "created {path}": "已创建 {path}",
        "invalid domain id '{value}': use kebab-case ASCII (lowercase letters, digits and single "
        "'-'), e.g. 'container-import'": (
            "领域编号“{value}”无效：请用 kebab-case ASCII（小写字母、数字和单个“-”），"
            "例如“container-import”"
        ),
        "invalid flow id '{value}': use kebab-case ASCII (lowercase letters, digits and single "
        "'-'), e.g. 'container-import'": (
            "流程编号“{value}”无效：请用 kebab-case ASCII（小写字母、数字和单个“-”），"
            "例如“container-import”"
        ),
        "cannot read {path}: {problem}; run 'handbook validate'": (
            "无法读取 {path}：{problem}；请运行“handbook validate”"
        ),
        "{path} defines no role to use; add one, then run this again": (
            "{path} 中没有可用的岗位；请先添加一个，再重新运行"
        ),
        "{path} is not a folder": "{path} 不是文件夹",
        "{path} already exists; choose another flow id": "{path} 已存在；请换一个流程编号",
        "cannot write {path}: {reason}": "无法写入 {path}：{reason}",
        # -- the command line: usage errors (argparse's, generator/clitext.py) -----------------
        "the following arguments are required: {names}": "缺少必需的参数：{names}",
        "unrecognized arguments: {names}": "无法识别的参数：{names}",
        "argument {name}: invalid choice: {value} (choose from {choices})": (
            "参数 {name}：无效的取值 {value}（可选：{choices}）"
        ),
        "argument {name}: expected one value": "参数 {name}：需要一个值",
        "argument {name}: invalid {kind} value: {value}": "参数 {name}：无效的 {kind} 值：{value}",
        "argument {name}: invalid date '{value}': use YYYY-MM-DD": (
            "参数 {name}：无效的日期“{value}”：请用 YYYY-MM-DD"
        ),
        "argument {name}: unknown diagnostic code '{value}'": (
            "参数 {name}：未知的诊断代码“{value}”"
        ),
        "ambiguous option: {option} could match {matches}": (
            "选项 {option} 有歧义，可能是 {matches}"
        ),
        # -- build progress (generator/progress.py) ------------------------------------------------
        "checking the flows…": "校验流程…",
        "drawing the diagrams…": "绘制图表…",
        "writing the pages…": "生成页面…",
        "building the site with MkDocs…": "MkDocs 构建网站…",
        "building the site with Zensical…": "Zensical 构建网站…",
        "printing the PDF decks…": "打印 PDF…",
        # -- handbook diff (generator/diff) -------------------------------------------------------
        "compare two versions of the flows: git revisions or folders": (
            "比较两个版本的流程：git 版本或文件夹"
        ),
        "git revision (main, HEAD~1, a tag) or folder": "git 版本（main、HEAD~1、标签）或文件夹",
        "git revision or folder (default: the flows folder as it is now)": (
            "git 版本或文件夹（默认：当前的流程文件夹）"
        ),
        "flows folder, also its place in the repository for revisions (default: flows)": (
            "流程文件夹，也是比较 git 版本时它在仓库中的位置（默认：flows）"
        ),
        "exit 1 when a flow's content changed but its version or history did not": (
            "流程内容有改动、但版本号或修订记录未更新时，退出码为 1"
        ),
        "also write the visual diff into DIR": "同时把可视化差异写入 DIR",
        "git is not installed; install git, or compare two folders": (
            "未安装 git；请安装 git，或比较两个文件夹"
        ),
        "git {command} took longer than {seconds} s": "git {command} 超过 {seconds} 秒仍未完成",
        "revision '{revision}' is not in this shallow clone: fetch more history"
        " (git fetch --deepen=50, or git fetch --unshallow) and run again": (
            "版本“{revision}”不在这个浅克隆中：请获取更多历史"
            "（git fetch --deepen=50 或 git fetch --unshallow）后重试"
        ),
        "'{name}' is neither a folder nor a revision of the git repository": (
            "“{name}”既不是文件夹，也不是 git 仓库中的版本"
        ),
        "git {command} failed: {reason}": "git {command} 失败：{reason}",
        "git cannot read {path}: {reason}": "git 无法读取 {path}：{reason}",
        "flows folder '{flows}' is outside the git repository": (
            "流程文件夹“{flows}”不在 git 仓库中"
        ),
        "'{name}' is not a folder (and this is not a git repository)": (
            "“{name}”不是文件夹（当前目录也不在 git 仓库中）"
        ),
        "revision '{revision}' has no '{folder}' folder": "版本“{revision}”中没有“{folder}”文件夹",
        "still {version}": "仍为 {version}",
        "{flow}: content changed but version not bumped ({detail})": (
            "{flow}：内容有改动，但版本号未提高（{detail}）"
        ),
        "{flow}: version {version} but its history lacks it": (
            "{flow}：版本为 {version}，但修订记录（history）中没有这一版"
        ),
        "{side} ({name}) has {count} error:": "{side}（{name}）有 {count} 个错误：",
        "{side} ({name}) has {count} errors:": "{side}（{name}）有 {count} 个错误：",
        "… and {count} more (run handbook validate)": (
            "……另有 {count} 个（请运行 handbook validate）"
        ),
        "cannot write the visual diff: {reason}": "无法写入可视化差异：{reason}",
        "wrote {count} pages to {folder}": "已写入 {count} 个页面到 {folder}",
        # -- around the diagnostics ---------------------------------------------------------------
        " (did you mean '{suggestion}'?)": "（是否应为“{suggestion}”？）",
        "error": "错误",
        "warning": "警告",
        "hint: {hint}": "提示：{hint}",
        "{checked}: no problems found": "{checked}：未发现问题",
        "{checked}: {errors}, {warnings}": "{checked}：{errors}，{warnings}",
        "{count} error": "{count} 个错误",
        "{count} errors": "{count} 个错误",
        "{count} warning": "{count} 个警告",
        "{count} warnings": "{count} 个警告",
        # -- document control (E130, E41x, W13x, W21x, W41x, W420) ---------------------------
        "'{key}' of a branch of step '{step}'": "步骤“{step}”某个分支的“{key}”",
        "'{key}' of domain '{domain}'": "领域“{domain}”的“{key}”",
        "'{key}' of history entry {item}": "第 {item} 条修订记录的“{key}”",
        "'{key}' of role '{role}'": "岗位“{role}”的“{key}”",
        "'{key}' of step '{step}'": "步骤“{step}”的“{key}”",
        "approved flow '{flow}' does not say who approved version '{version}'": (
            "已批准的流程“{flow}”没有写明版本“{version}”的批准人"
        ),
        "approved flow '{flow}' has no history: who approved version '{version}' is not recorded": (
            "已批准的流程“{flow}”没有修订记录：没有记录谁批准了版本“{version}”"
        ),
        "effective date '{effective}' is before '{date}', when version '{version}' was approved": (
            "生效日期“{effective}”早于版本“{version}”的批准日期“{date}”"
        ),
        "flow '{flow}' is replaced by itself": "流程“{flow}”被自己取代",
        "flow '{flow}' is {status} but names a replacement '{replacement}'": (
            "流程“{flow}”的状态是 {status}，却写了取代流程“{replacement}”"
        ),
        "history date '{date}' of version '{version}' is after '{above_date}' of version "
        "'{above}' listed above it": (
            "版本“{version}”的修订日期“{date}”晚于上一条版本“{above}”的日期“{above_date}”"
        ),
        "history version '{version}' appears twice (first at line {line})": (
            "修订版本“{version}”出现了两次（第一次在第 {line} 行）"
        ),
        "history version '{version}' is listed below the lower version '{above}': list "
        "revisions newest first": (
            "修订版本“{version}”排在更低的版本“{above}”之下：修订记录应最新的在最前"
        ),
        "history version '{version}' is not a dotted number such as 1.2": (
            "修订版本“{version}”不是 1.2 这样的点分数字"
        ),
        "newest history entry is version '{newest}', but the flow is version '{version}'": (
            "最新一条修订记录是版本“{newest}”，但流程的版本是“{version}”"
        ),
        "placeholder text ('{mark}') in {value}": "{value}中有占位文字（“{mark}”）",
        "placeholder text ('{mark}') in {value} of {status} flow '{flow}'": (
            "{status} 流程“{flow}”的{value}中有占位文字（“{mark}”）"
        ),
        "replaced_by names unknown flow '{replacement}'": (
            "replaced_by 指向不存在的流程“{replacement}”"
        ),
        "replacement '{replacement}' is {status}, not in force": (
            "取代流程“{replacement}”的状态是 {status}，并未生效"
        ),
        "revision": "修订记录",
        "site_url '{url}' is an example address: printed QR codes and links would lead nowhere": (
            "site_url“{url}”是示例地址：打印出的二维码和链接无法打开"
        ),
        "site_url is not set: printed QR codes and links cannot point at the handbook": (
            "没有设置 site_url：打印出的二维码和链接无法指向手册"
        ),
        "step '{step}' of approved flow '{flow}' calls draft '{called}', which staff do not see": (
            "已批准流程“{flow}”的步骤“{step}”调用了草稿“{called}”，员工看不到草稿"
        ),
        "step '{step}' of approved flow '{flow}' calls retired flow '{called}'": (
            "已批准流程“{flow}”的步骤“{step}”调用了已废止的流程“{called}”"
        ),
        "{value} and {count} more": "{value}等 {count} 处",
        "{value} is placeholder text ('{mark}'), but flow '{flow}' is approved": (
            "{value}是占位文字（“{mark}”），但流程“{flow}”已批准"
        ),
    }
)
"""Chinese message templates by their English template."""

CATALOGS: Mapping[str, Mapping[str, str]] = MappingProxyType({"zh": ZH, "en": {}})
"""The template tables by language; English needs none (its templates are the keys)."""


def translate(template: str, language: str) -> str:
    """*template* in *language*; the English template when there is no translation."""
    return CATALOGS[language].get(template, template)
