# posdiag's messages in Chinese (Fluent syntax, https://projectfluent.org).
# Every id here exists in the other catalogue too (tests check it).

## src/cli/diagnose.rs

diagnose-kept-aside = 上次的诊断已另存为 `{ $path }`
diagnose-kept = 已保留上次的诊断。继续: { $command }

## src/cli/interactive.rs

interactive-good-diagnosis-finished = 好的，诊断结束。
interactive-this-is-the-first-question = 已经是第一个问题。
interactive-expected-effort = 可能性大、检查快的排在前面；预计用时 ≈ { $minutes } 分钟
interactive-min = 分钟
interactive-probe-found = { $label }  ← 终端探测发现
interactive-the-session-is-not-saved = 会话未能保存（见上面的警告）。
interactive-saved-to = 已保存到 `{ $path }`
interactive-to-continue = 继续诊断: { $command }
interactive-how-we-got-here = 排查过程:

## src/cli/ports.rs

ports-no-serial-ports-found-check = 没有找到串口。请检查数据线是否插好；USB 转串口线通常显示为 /dev/ttyUSB0 或 /dev/ttyACM0。串口服务器请用 tcp://主机:端口。
ports-port = 端口
ports-type = 类型
ports-details = 详情

## src/cli/probe.rs

probe-start-from-code = 终端上一笔交易以应答码 { $code } 结束；从 `{ $node }` 开始排查
probe-start-from-zvt-status = ZVT 终端报告状态码 { $code }；从 `{ $node }` 开始排查
probe-start-from-zvt-diagnosis = ZVT 终端的自检诊断以 { $code } 结束；从 `{ $node }` 开始排查
probe-start-from-zvt-lock = ZVT 终端报告锁定 { $bit }（{ $meaning }）；从 `{ $node }` 开始排查
probe-evidence = { $text }（依据: { $evidence }）
probe-probing = 正在读取终端
probe-waiting-for-the-answer-to = 等待回答

## src/cli/probe_view.rs

probe-view-device = 设备:
probe-view-protocols = 协议:
probe-view-no-answer-from = 未应答的协议:
probe-view-nothing-the-terminal-said-points = {"终端报告的内容中没有发现故障。\u000A"}
probe-view-look-at = 需要注意:
probe-view-fact = 事实
probe-view-value = 值
probe-view-from = 来自
probe-view-evidence-bytes-received = {"依据（收到的字节）:\u000A"}
probe-view-refused-missing-facts = {"终端拒绝的命令（缺少的事实）:\u000A"}
probe-view-not-answered-missing-facts = {"没有回答的命令（缺少的事实）:\u000A"}
probe-view-answered-but-not-understood = {"有回答但无法理解:\u000A"}
probe-view-note = 注意:

## src/cli/prompt.rs

prompt-dont-know = ？ 不确定
prompt-why-is-this-asked = ⓘ 为什么问这个
prompt-back = ← 返回上一步
prompt-to-move-enter-to-choose = ↑↓ 选择，回车确认，Esc 退出
prompt-key-why = {"? 为什么问 · "}
prompt-key-back = {"< 返回 · "}
prompt-key-dont-know = {"- 不确定 · "}
prompt-esc-to-quit = Esc 退出
prompt-yes-it-is-fixed = 是，已解决
prompt-no-not-yet = 否，还没解决
prompt-did-this-fix-it = 按上述步骤处理后，问题解决了吗？
prompt-resume-help = ↑↓ 选择，回车确认，Esc 保留并退出
# The mark on a question left with Esc.
prompt-canceled = <已取消>
# $when: the local time the session was saved
prompt-continue-saved = 继续上次未完成的诊断 ({ $when })
prompt-start-afresh = 重新开始
prompt-an-unfinished-diagnosis-was-found = 发现上次未完成的诊断。
prompt-quit-saved-resume-later = ✕ 退出（已保存，可继续）
prompt-quit-not-saved = ✕ 退出（未保存）

## src/cli/stats.rs

stats-history = 历史记录:
stats-confirmed-faults = 已确认的故障
stats-unreadable-lines-skipped = 跳过无法读取的行:
stats-nothing-recorded-yet-each-interactive = 还没有记录。每次交互诊断确认解决后会记录一次。
stats-fault = 故障
stats-tree = 树
stats-question = 问题
stats-answer = 回答
stats-authored-prior = 预设先验
stats-learned = 学习后
stats-priors-authored-and-learned = 先验概率（预设与学习后）:

## src/cli/why.rs

why-why-this-is-asked = 为什么问这个:
why-so-far = 到目前为止:
why-check-order-probability-minutes-highest = 检查顺序（可能性 ÷ 用时，越大越先查）:
why-check-order-likeliest-and-quickest = 检查顺序（最可能、最省时的先查）:
why-answered-by-the-probe-free = 终端已探测，无需检查
why-effort = 约 { $minutes } 分钟
# $p: the answer's probability, shown with --verbose
why-effort-verbose = p { $p } · { $minutes } 分钟
why-what-your-answer-decides = 您的回答决定下一步:
why-a-code-posdiag-knows-straight = posdiag 认识的代码 → 直接进入这个代码的排查；其他代码按下面的分类
why-leads-to-conclusion = 结论: { $title }
why-leads-to-question = 接着问: { $question }
why-don-t-know-every-possibility = 不确定 → 每种可能都保留，先查最可能、最省时的一项；没解决再查下一项

## src/serve (the page of `posdiag serve`, and its messages on start)

serve-brand = posdiag · 终端帮助
serve-other-language = English
serve-title = 刷卡终端出了什么问题？
serve-intro = 回答几个关于刷卡终端的问题，即可得到最可能的故障、处理步骤，以及由谁处理。
serve-start = 开始诊断
serve-new = 开始新的诊断
serve-code-label = 或者输入终端屏幕上显示的代码或提示：
serve-code-go = 查询代码
serve-start-from-code = 从这个代码开始查找故障
serve-graphs = 决策图（供客服使用）
serve-send = 提交
serve-dont-know = 我不知道
serve-why = 为什么问这个？
serve-why-none = 这能缩小终端故障部位的范围。
serve-back = ← 返回上一步
serve-who-acts = 由谁处理：{ $actor }
serve-nothing-left = 这里已无可尝试的办法：请转交处理
serve-error = 出错了
serve-home = 回到开始页面
serve-not-found = 此页面不存在。
serve-timeout = 请求没有按时送达，没有执行任何操作：请重新发送（可能是网络太慢）。
serve-accept-failed = 无法接受连接：{ $reason }；每半秒重试一次（打开文件数的上限是否太低？`ulimit -n`）
serve-csrf = 此表单不是来自本浏览器的页面（或页面已过期）：请返回、刷新页面后再试。
serve-session-gone = 这次诊断已不存在：已过期或从未开始。请开始新的诊断。
serve-listening = posdiag serve：正在监听 { $url }（会话保存在 { $database }；按 Ctrl-C 停止）
serve-not-loopback = 警告：正在监听 { $addr }，其他机器可通过未加密的 HTTP 访问；请放在 HTTPS 反向代理之后并只监听 127.0.0.1（见 README）
serve-port-taken = 无法监听 { $addr }：该端口已被其他程序占用；请停止该程序，或用 --listen 127.0.0.1:端口 换一个端口（端口 0 会自动选一个空闲端口）
serve-cannot-listen = 无法监听 { $addr }：{ $reason }
serve-bad-address = `{ $addr }` 不是可监听的地址；请写成 IP:端口，例如 127.0.0.1:8080
serve-nothing-back = 没有可以返回的上一步：这是第一个问题
serve-no-remedy = 现在没有给出处理办法；请先回答当前的问题
error-serve-runtime = 无法启动服务器：{ $reason }
error-store-open = 无法打开会话数据库 `{ $path }`：{ $reason }
error-store-schema = 会话数据库 `{ $path }` 由更新版本的 posdiag 写入（结构版本 { $found }，本程序读取 { $reads }）；请用 `--database` 指定另一个文件
error-store-sql = 会话数据库出错：{ $reason }
error-store-damaged = 保存的会话 `{ $id }` 已损坏（{ $reason }）
serve-handoff-text = 以文字形式获取此单，发送给服务商
serve-no-handoff = 这次诊断没有转交单：处理步骤由您自己完成。

## src/codes/model.rs

category-card = 卡片
category-account = 账户
category-operation = 操作
category-keys-security = 密钥/安全
category-network = 网络
category-bank-system = 银行系统
category-terminal = 终端
category-success = 成功
category-card-reader = 读卡器
category-emv-chip-processing = 芯片卡处理
category-printer = 打印机
category-modem-sim = 通讯模块/SIM卡
class-a-success = 交易成功
class-b-retry-allowed = 交易失败，可重试
class-c-do-not-retry = 交易失败，不需要重试
class-d-operator-acts = 交易失败，终端操作员处理
class-e-system-fault = 交易失败，系统故障，不需要重试

## src/report/code.rs

code-vendor-overlay-bracketed = （厂商覆盖文件）
code-vendor-overlay-listed = ，厂商覆盖文件
code-unknown-code = 未知代码
code-no-code-table-knows-it = 代码表中没有这个代码。
code-known-codes-close-to-it = 相近的已知代码:
code-another-table-has = 其他代码表有:
code-checks-follow-the-general-checks = 按交易失败的一般情况排查
code-mark = 。
code-screen-message = 屏幕提示
code-code = 代码
code-typed = 输入的
code-taken-as = 按
code-nobody-a-success = 无需处理（交易成功）
code-who-acts = 由谁处理:
code-category = 类别:
code-class = 类
code-table = 来源:
code-replaces-built-in-in = 替代了内置含义
code-replaces-built-in = 替代了内置含义:
code-checks-start-at = 从这里开始排查:

## src/report/emv.rs

emv-bits-set = 个位置位
emv-reserved-for-future-use-rfu = 保留位（RFU），应为0
emv-check-the-value-was-copied = 核对数值是否抄错；若确实置位，终端的EMV内核或日志可能有误。
emv-no-bit-is-set-the = 没有任何位置位：终端没有记录失败的检查。
emv-no-bit-is-set-no = 没有任何位置位：没有记录任何处理步骤。
emv-zvt-lock-not-in-the-tables = posdiag 的代码表还没有这个锁定位的含义
emv-zvt-lock-look-it-up = 在终端厂商的 ZVT 文档（终端锁定表）里查这一位；把它写进代码覆盖文件（用 `--codes` 给出的文件里的 `zvt_locks:`），以后 posdiag 就能说出它的含义。
emv-no-lock-is-set = 没有任何锁定：终端没有报告妨碍它工作的原因。
emv-zvt-locks = ZVT 锁定
emv-bit = 位
emv-mask = 掩码
emv-meaning = 含义
emv-what-to-check = 检查什么
emv-walk-from = 从这里排查
emv-meanings-from = 含义来源:
emv-source-of = { $bits } 的含义出处：
emv-to-walk-from-a-node = 从某个节点开始排查:

## src/report/handoff.rs

handoff-please-find-the-cause-from = 请根据以上情况查明原因并处理；如需终端编号、商户编号和故障出现的时间，请向商户索取。

## src/report/markdown.rs

markdown-posdiag-diagnosis = posdiag 诊断记录
markdown-concluded = 已得出结论
markdown-no-remedy-fixed-it-escalate = 未解决，需要转交
markdown-unfinished = 未完成
markdown-status = 状态:
markdown-unknown-code = 未知代码
markdown-code = 代码:
markdown-started-at = 起点:
markdown-some-answers-were-don-t = 部分问题回答了"不确定"：结论是其中最可能的原因。
markdown-fault = 故障:
markdown-what-to-do = 处理步骤
markdown-these-steps-should-fix-it = 按步骤处理后应可恢复
markdown-must-be-taken-further = 需要转交处理
markdown-outcome = 结果:
markdown-hand-off = 转交说明
markdown-contact = 联系:
markdown-code-seen = 代码:
markdown-checked = 已检查:
markdown-could-not-be-checked = 未能确认:
markdown-tried-without-success = 已尝试但无效:
markdown-please = 请求:
markdown-waiting-for-an-answer = 待回答
markdown-how-it-was-reached = 排查过程
markdown-source = 来源
markdown-did-not-fix-it = ✗ 未解决
markdown-don-t-know = 不确定
markdown-facts = 终端信息

## src/report/names.rs

names-merchant = 商户
names-cardholder = 持卡人
names-technician = 维修技术员
names-acquirer-pos-provider = 收单机构/POS服务商
names-card-issuer = 发卡银行
names-answers-file = 答案文件
names-command-line = 命令行
names-you = 您的回答
names-probe = 终端探测
names-fact = 已知事实
names-answered-earlier = 前面已回答过

## src/report/table.rs

table-who-acts = 由谁处理
table-outcome = 结果

## src/report/text.rs

text-evidence = 依据:
text-did-not-fix-it = ✗ 未解决:
text-what-to-do = 处理步骤:
text-following-these-steps-should-fix = 按上述步骤处理后应可恢复。
text-this-must-be-taken-further = 需要转交处理。
text-needs-an-answer = 需要回答:
text-node = 节点:
text-why = 原因:
text-type-a-value = 请输入:
text-no-remedy-fixed-it-this = 未能找到解决办法，需要转交处理。
text-note-some-answers-were-don = 注意: 有些问题回答了"不确定"，这是目前最可能的原因；如果没解决，请选"否，还没解决"，会接着查下一个可能。
text-hand-off-show-or-send = 转交说明（可出示或发给服务商）:
text-codes-seen = 代码:

## src/i18n/errors.rs, src/i18n/device.rs: the errors a command can end with

error-with-hint = { $message }；{ $hint }
error-did-you-mean = 是不是 `{ $candidate }`？
error-and-more = …… 另有 { $count } 条
error-list-or = { $first } 或 { $second }
error-source-folder = 无法读取文件夹 `{ $path }`: { $reason }
error-source-file = 无法读取 `{ $path }`: { $reason }
error-source-too-large = `{ $path }` 有 { $size } 字节，超过上限 { $limit }
error-source-empty = 文件夹 `{ $path }` 里没有 .yaml 或 .json 文件
error-rules = 规则有 { $count } 个问题；运行 `{ $check }` 查看全部:
error-unknown-node = 没有节点 `{ $node }`
error-fact-syntax = `{ $arg }` 的格式应为 名称=值（NAME=VALUE）
error-write = 无法写入 `{ $path }`: { $reason }
error-standard-output = 标准输出
error-interrupted = 已中断
error-given-unknown-node = 答案给了不存在的节点 `{ $node }`
error-not-an-answer = `{ $value }` 不是 `{ $node }` 的答案；可选: { $allowed }
error-bad-input = `{ $value }` 对 `{ $node }` 无效: { $reason }
error-answer-syntax = `{ $arg }` 的格式应为 节点=值（NODE=VALUE）
error-not-current = `{ $node }` 不是本次诊断中待回答的问题
error-answer-not-single = { $path }: `{ $node }` 的答案必须是单个值，而不是 `{ $value }`
input-empty = 需要输入一个值
input-not-a-number = 需要输入数字
input-pattern = 须符合格式 `{ $pattern }`
input-no-answer = 这个问题没有哪个答案接受它
input-not-single = 答案须是单个文字、数字或布尔值
error-report-extension = 报告 `{ $path }` 的文件名须以 .md 或 .json 结尾
error-report-write = 无法写入报告 `{ $path }`: { $reason }
error-session-missing = `{ $path }` 没有保存的诊断；运行 `posdiag` 开始新的诊断
error-session-corrupt = 保存的诊断 `{ $path }` 已损坏（{ $reason }）；运行 `posdiag` 重新开始（该文件保持原样）
error-session-outdated = 保存的诊断 `{ $path }` 与现在的规则不再相符（{ $reason }）；运行 `posdiag` 重新开始
error-session-write = 无法把诊断保存到 `{ $path }`: { $reason }
error-session-read = 无法读取保存的诊断 `{ $path }`: { $reason }
error-session-no-state-dir = 没有保存诊断的位置: 请设置 POSDIAG_STATE_DIR 或 HOME
error-damage-json = 不是有效的 JSON: 第 { $line } 行第 { $column } 列
error-damage-not-a-session = 不是 posdiag 的诊断文件
error-damage-fields = 内容不完整: { $detail }
error-misfit-version = 由第 { $found } 版会话格式保存，本程序读取第 { $reads } 版
error-misfit-start = 起点节点 `{ $node }` 已不存在
error-misfit-node = 节点 `{ $node }` 已不存在
error-misfit-answer = `{ $value }` 已不再是 `{ $node }` 的答案
error-misfit-jump = 一个代码指向了不存在的节点 `{ $node }`
error-misfit-step = 步骤 `{ $kind }` 与节点 `{ $node }` 不符
error-misfit-walk = 这些步骤已无法连成一次诊断: { $detail }
error-lock-busy = `{ $dir }` 中已有另一个 posdiag 诊断在运行（进程号 { $pid }）；请先结束它；如果该进程已不存在，请删除 `{ $lock }`
error-history-read = 无法读取历史记录 `{ $path }`: { $reason }
error-history-write = 无法写入历史记录 `{ $path }`: { $reason }
error-history-no-data-dir = 没有存放历史记录的位置: 请设置 POSDIAG_DATA_DIR 或 HOME
error-code-empty = 没有输入代码；请按屏幕显示输入代码或提示，例如 `51`、`A0` 或 `请签到`
error-code-too-long = `{ $shown }…` 长 { $chars } 个字符，也不是屏幕提示；代码最多 { $max } 个字符
error-code-ambiguous = 代码 `{ $typed }` 可能是 { $candidates }；请输入完整代码
error-hex-empty = 没有输入 { $word }；需要 { $digits } 位十六进制数，例如 `{ $example }`
error-hex-not-hex = `{ $input }` 中的 `{ $ch }` 不是十六进制数字；{ $word } 是 { $digits } 位十六进制数（0-9、A-F），例如 `{ $example }`
error-hex-wrong-length = { $word } 是 { $bytes } 字节、{ $digits } 位十六进制数（例如 `{ $example }`），而 `{ $input }` 有 { $found } 位
hex-word-zvt-locks = ZVT 锁定值
error-unknown-tree = 没有规则树 `{ $tree }`
error-trees-are = 规则树有: { $trees }
error-graphviz-missing = 输出 SVG 需要 Graphviz 的 `dot`，但它未安装: 请安装 graphviz（例如 `apt-get install graphviz`），或改用 `--format dot` 或 `--format mermaid`
error-graphviz-run = 无法运行 Graphviz `dot`: { $reason }
error-graphviz-send = 无法把图发送给 Graphviz: { $reason }
error-graphviz-failed = Graphviz `dot` 运行失败: { $reason }
error-batch-stopped = 批量诊断中止: { $reason }
error-replay-and-port = 端口和 `--replay RECORD` 只能给一个: 回放不读取端口
error-replay-settings = 线路设置（`--baud`、`--parity` 等）只用于端口；回放使用记录中的线路设置
error-no-port = 请给出终端的端口（`/dev/ttyUSB0`、`tcp://主机:端口`）或 `--replay RECORD`
error-zvt-password = `--zvt-password { $given }` 不是 ZVT 密码；请给出六位数字，例如 `--zvt-password 000000`
error-zvt-service-byte = `--zvt-service-byte { $given }` 不是一个字节；请给出两位十六进制数字，例如 `--zvt-service-byte 01`
error-tcp-settings = 线路设置（`--baud`、`--parity` 等）只用于串口设备；`tcp://` 请在串口服务器上设置
error-no-terminal = 没有可以提问的终端窗口
error-terminal = 终端出错: { $reason }
error-not-saved = { $message }；诊断未能保存
error-saved-to = { $message }；诊断已保存到 `{ $path }`
error-ports = 无法列出串口: { $reason }

## io errors, by kind (Chinese names them; English keeps the system's words)

io-not-found = 文件或文件夹不存在
io-permission-denied = 没有权限
io-already-exists = 文件已存在（posdiag 不覆盖已有的文件: 请换一个名字，或删除旧文件）
io-is-a-directory = 这是一个文件夹
io-not-a-directory = 路径中有一项不是文件夹
io-read-only = 文件系统是只读的
io-storage-full = 磁盘空间已满
io-invalid-data = 内容无效（不是 UTF-8 文本，或格式不对）
io-not-regular = 这不是普通文件（posdiag 只读取普通文件）
io-too-large = 文件超过大小上限
io-other = 系统错误: { $reason }

## device errors: the port, the line, the simulator, records

error-url-empty = 端口为空；请给出串口设备，例如 `/dev/ttyUSB0`，或 `tcp://主机:端口`
error-url-scheme = 不认识的协议 `{ $scheme }://`；请用设备路径、`serial://路径` 或 `tcp://主机:端口`
error-url-missing-port = `{ $url }` 缺少端口号；请写成 `tcp://主机:端口`，例如 `tcp://127.0.0.1:4001`
error-url-missing-host = `{ $url }` 缺少主机；请写成 `tcp://主机:端口`，例如 `tcp://127.0.0.1:4001`
error-url-bad-port = `{ $url }` 中的 `{ $value }` 不是 TCP 端口号（1–65535）
error-url-unknown-option = 端口地址中有不认识的选项 `{ $name }`；可用: baud、data、parity、stop、flow
error-url-bad-option = `{ $name }={ $value }` 无效；可用: { $allowed }
error-url-options-on-tcp = 线路选项（`?{ $query }`）只用于串口设备，不能用于 `tcp://`
error-allowed-baud = 波特率，例如 9600 或 115200
error-allowed-data = 5、6、7 或 8
error-allowed-parity = none（无）、even（偶）或 odd（奇）
error-allowed-stop = 1 或 2
error-allowed-flow = none（无）、software（软件）或 hardware（硬件）
error-transport-not-found = 串口 `{ $device }` 不存在；请检查数据线，并运行 `{ $ports }` 查看本机的串口
error-transport-busy = 串口 `{ $device }` 正被其他程序占用；请关闭它（终端仿真程序、ModemManager、另一个 posdiag）后重试
error-transport-permission = 没有权限打开 `{ $device }`；请把当前用户加入 `dialout` 组（`sudo usermod -aG dialout $USER`，然后重新登录）
error-transport-refused = `{ $device }` 不接受连接；请检查串口服务器的地址和端口，并确认它在运行
error-transport-timeout = `{ $device }` 在 { $after } 内没有应答（等待: { $waiting }）；请检查数据线、终端是否开机以及线路设置（`--baud`）
error-transport-disconnected = 探测过程中 `{ $device }` 断开了；请检查数据线和终端电源，然后重新探测
error-transport-not-serial = `{ $device }` 不是串口（不是终端设备）；请给出终端的端口，例如 `/dev/ttyUSB0`，并运行 `{ $ports }` 查看本机的串口
error-transport-io = 无法使用 `{ $device }`: { $reason }
error-probe-link = `{ $device }`: { $error }
error-probe-no-protocol = `{ $device }` 上在 { $after } 内既没有应答 AT 命令（`ATE0Q0V1`），也没有应答 ECR 状态查询（也没有应答 ZVT 状态查询）；请检查数据线、终端是否开机以及线路设置（`--baud`）
error-probe-echo-only = `{ $device }` 只把 posdiag 发出的内容原样送回，不作任何应答: 可能是环回插头、收发短接的数据线，或不响应命令的调制解调器；请检查数据线和端口
error-link-refused = 终端拒绝了 `{ $command }` { $naks } 次（NAK）；请检查线路设置（`--baud`、`--parity`）和数据线
error-zvt-refused = 终端拒绝了 `{ $command }` 的数据块 { $naks } 次（NAK）；请检查线路设置（ZVT 默认 9600 8N2：`--baud`、`--stop-bits 2`）和数据线
error-zvt-corrupt = 终端发来的 `{ $command }` 数据块 { $tries } 次校验错误（CRC 不符）；请检查数据线和线路设置
error-zvt-endless = 终端为 `{ $command }` 发来超过 { $max } 条消息仍未结束；它可能卡住了：请关机再开机，然后重新检测
error-zvt-not-zvt = 终端发来的字节不是 ZVT 报文（{ $bytes }）；这是 ZVT 端口吗？
error-link-corrupt = 终端对 `{ $command }` 的应答损坏了 { $tries } 次（{ $error }）；请检查数据线和线路设置
waiting-reply = `{ $command }` 的应答
waiting-replies = `{ $command }` 及其后 `AT` 的应答
waiting-ack = `{ $command }` 的 ACK（已试 { $tries } 次）
waiting-line = 线路接受数据（请检查流控设置）
waiting-connection = 连接建立
waiting-server = 服务器接受数据
framing-bad-lrc = 校验和不符: 帧中的 LRC 是 { $found }，按其字节算应为 { $expected }
framing-missing-etx = 按长度应为 ETX 的位置不是 ETX（而是 { $found }）
framing-bad-length = 长度 { $len } 超出 2–{ $max }
framing-short = 数据只有 { $len } 字节，不够一个命令
framing-bad-command = `{ $bytes }` 不是命令码（应为两个大写字母或数字）
framing-missing-separator = 命令后面是 { $found }，而不是字段分隔符 FS
record-bad-timeout = 超时值 `{ $value }` 无效
record-bad-count = 字节数 `{ $value }` 无效
record-short = 声明 { $announced } 字节，只找到 { $found } 字节
record-not-hex = `{ $value }` 不是十六进制字节
error-record-read = 无法读取记录 `{ $path }`: { $reason }
error-record-not-a-record = `{ $path }` 不是 posdiag 的记录（开头不是 `{ $magic }`）；请给出由 `--record` 写下的文件
error-record-format = `{ $path }` 是第 { $found } 版格式的记录；本程序读取第 1 到第 { $reads } 版
error-record-bad = `{ $path }` 第 { $line } 行: { $problem }
error-sim-pty = 无法打开伪终端: { $reason }
error-sim-listen = 无法在 `{ $addr }` 上监听: { $reason }；请换一个端口，或用 0 自动选择空闲端口
error-fixture-unknown = 没有模拟终端 `{ $name }`；请给出文件路径，或以下之一: { $known }
error-fixture-garbage = { $file }: `faults.garbage` 中的字节 `{ $byte }` 无效；请用十六进制写字节，例如 "ff fe 00"
error-fixture-zvt = { $file }：{ $problem }

## src/i18n/problems.rs: a problem of the rules, as `check` lists it

problem-node = 节点 `{ $node }`
problem-hint = 提示
check-ok = 正常: { $trees } 棵规则树（{ $ids }），{ $nodes } 个节点，{ $conclusions } 个结论{ $tables }
check-problems = { $files } 个文件中有 { $count } 个问题；{ $nodes } 个节点，{ $conclusions } 个结论{ $tables }
check-tables = ；{ $count } 张代码表（{ $ids }），{ $codes } 个代码，{ $bits } 个状态字位（TVR、TSI、ZVT 锁定）

## src/batch.rs: why a line of a batch was not diagnosed

batch-summary = 共 { $lines } 行: { $concluded } 行得出结论，{ $none } 行没有结论，{ $input } 行需要回答，{ $errors } 行出错
batch-too-long = 这一行超过 { $max } 字节；请拆开
batch-not-utf8 = 这一行不是有效的 UTF-8（第 { $byte } 字节）
batch-not-json = 第 { $column } 列不是有效的 JSON（{ $detail }）；每行是一个含 `answers`、`facts`、`start`、`id` 的对象
batch-fact-value = 事实 `{ $name }` 须是非空的文字、数字或布尔值
batch-fact-name = 事实需要名称
output-warning-prefix = posdiag: 警告:
warning-lock = 无法锁定 `{ $path }` 的诊断: { $reason }；可能有另一个 posdiag 在同一文件夹中诊断
warning-signals-raw = 无法处理信号；关闭窗口时终端可能停留在原始模式
warning-signals = 无法处理信号
warning-priors = { $message }；使用规则中原有的先验概率
warning-not-saved = { $message }；诊断继续，但不会保存（请把 POSDIAG_STATE_DIR 设为可写的文件夹）
output-cannot-write-stdout = 无法写入标准输出: { $reason }

## src/cli/help.rs: clap's help and argument errors in Chinese (English keeps clap's own)

help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    用法: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-heading-commands = 命令
help-heading-arguments = 参数
help-heading-options = 选项
help-default = 默认
help-env = 环境变量
help-values = 可选
help-arg-help = 显示帮助
help-arg-version = 显示版本
help-about-help = 显示本帮助，或指定命令的帮助
help-about-posdiag = POS 刷卡终端故障诊断
help-long-about-posdiag = POS 刷卡终端故障诊断。

    不带命令在终端窗口里运行时，posdiag 逐个提问，直到找到故障和解决办法；不带命令时 posdiag 接受 `posdiag diagnose` 的选项（`posdiag --resume`、`posdiag --format json`）。脚本使用答案文件和 `--format json`。
help-after-posdiag = 退出码: 0 得出结论 · 1 没有结论（需上报）· 2 用法或输入错误 · 3 需要一个回答 · 4 无法连接终端 · 130 已中断 · 128+n 被信号 n 终止
help-about-diagnose = 沿决策图排查，找到故障和解决办法
help-about-check = 检查规则: 列出每个问题及其 文件:行:列
help-about-test = 运行知识库的回归用例
help-about-probe = 读取终端能报告的信息: 每条事实及其背后的字节
help-about-simulate = 按测试夹具在伪终端或 TCP 端口上模拟一台终端
help-about-serve = 通过 HTTP 提供排查：给商户手机用的网页、给客服工具用的 JSON 接口，会话存于 SQLite（运行 `posdiag serve`，再打开 http://127.0.0.1:8080/）
help-arg-serve-listen = 监听的地址；端口 0 表示任选一个空闲端口（启动时显示）。请只监听本机回环地址，放在 HTTPS 反向代理之后（见 README）
help-arg-serve-database = 保存会话和已确认故障的 SQLite 文件 [默认：数据目录中历史记录旁的 serve.sqlite]
help-arg-serve-session_ttl = 最后一次回答后会话保留多久（`30m`、`24h`）
help-arg-serve-timeout = 客户端发送一个请求（请求头和正文）最多可用的时间；空闲这么久的连接会被关闭（`10s`、`1m`）
help-about-ports = 列出本机能看到的串口
help-about-graph = 画出规则图（DOT、Mermaid 或 SVG）
help-about-stats = 本地历史中的故障频率，以及从中学到的先验概率
help-about-code = 屏幕上的代码是什么意思、该由谁处理，然后从这里开始排查（`posdiag code 51`、`posdiag code A0`、`posdiag code "+CME ERROR: 10"`）
help-about-tvr = 解读 EMV TVR（标签 95，5 字节，10 位十六进制）: 每个置位、要检查什么、从哪里开始排查
help-about-tsi = 解读 EMV TSI（标签 9B，2 字节，4 位十六进制）
help-about-zvt-locks = 解读 ZVT 终端的锁定（状态查询的 TLV 1F55，2 字节，4 位十六进制）: 每个置位、要检查什么、从哪里开始排查
help-about-completions = 输出 shell 补全脚本（`posdiag completions bash > ~/.local/share/bash-completion/completions/posdiag`）
help-about-man = 输出手册页（`posdiag man > posdiag.1`；`man ./posdiag.1`）
help-arg-rules = 从这个文件夹读取规则，而不用内置规则
help-arg-lang = 提问和结果的语言 [默认: 按系统语言环境]
help-arg-color = 提示中的颜色: `auto`（终端窗口，且未设置 NO_COLOR 或 CLICOLOR=0）、`always`（CLICOLOR_FORCE 同此）、`never`
help-arg-codes = 厂商代码表，补充或覆盖代码（见 rules/README.md）
help-arg-verbose = 在文本输出中显示内部信息: 节点编号、代码表文件和类别、排查顺序背后的概率（供规则作者和技术人员使用；JSON 总是包含它们）
help-arg-answers = YAML 文件，把节点编号对应到答案
help-arg-answer = 一个答案，节点=值（NODE=VALUE）；可重复；优先于答案文件
help-arg-fact = 一条已知事实，名称=值（NAME=VALUE，例如 modem.csq=7）；可重复
help-arg-report = 同时把排查记录写入 FILE（.md 为 Markdown，.json 为 JSON）
help-arg-code = 屏幕或日志上显示的代码；多个词会连在一起（`posdiag code +CME ERROR: 10`）
help-arg-format = 输出格式
help-arg-hex = 十六进制值，大小写均可，可含空格和 `0x`（`0000048000`、`00 00 04 80 00`）
help-arg-tree = 只画这棵规则树（以及它通向的其他树的节点）
help-arg-graph-format = 输出格式；SVG 需要 Graphviz 的 `dot`
help-arg-start = 从这个节点开始，而不是从分诊起点开始
help-arg-resume = 继续上次未完成的交互式诊断
help-arg-batch = 批量诊断多台终端: FILE 的每一行是一组 JSON 答案（`-` 表示标准输入），每行结果以一行 JSON 按顺序写到标准输出。同时给出的答案、事实和 `--start` 适用于每一行
help-arg-no_history = 既不从本地已确认故障的历史中学习，也不向其中添加
help-arg-port = 先探测这个端口上的终端（`/dev/ttyUSB0`、`serial:///dev/ttyS0?baud=115200`、`tcp://主机:端口`）；探测到的事实直接回答问题，不再提问
help-arg-protocol = 协议: `at`（GPRS/4G 调制解调器）、`ecr`（支付应用）、`zvt`（ZVT 终端）、`auto`（所有能应答的）
help-arg-simulate-protocol = `auto`：调制解调器的 AT 命令和 ECR 协议；`zvt`：ZVT 终端（伪终端上用串口数据块，TCP 上用裸 APDU）
help-arg-zvt_password = ZVT 终端的密码，六位数字 [默认：000000]
help-arg-zvt_selftest = 同时运行 ZVT 自检（06 79）：终端可能会打印结果
help-arg-zvt_print_config = 同时运行 ZVT 打印系统配置（06 1A）：终端会打印
help-arg-zvt_service_byte = 发送 ZVT 状态查询时带上这个服务字节（BMP 03，两位十六进制数字，例如 `01`），用于带上它时应答不同的终端
help-arg-zvt_framing = ZVT 的传输方式：`auto`（串口上用串口数据块，`tcp://` 上用裸 APDU）、`blocks`（串口终端接在 ser2net 等串口转 TCP 服务器后面）、`apdu`
help-arg-baud = 波特率 [默认: 9600，或 URL 中的 `baud=`]
help-arg-data_bits = 数据位 [默认: 8]
help-arg-parity = 校验位 [默认: none（无）]
help-arg-stop_bits = 停止位 [默认: 1]
help-arg-flow = 流控 [默认: none（无）]
help-arg-timeout_ms = 等待应答的时间（毫秒）；慢的命令（SIM 卡检查、自检）等待五倍时间
help-arg-record = 把收发的每个字节带时间戳、以十六进制和文本写入 FILE（新文件，权限 0600，卡号已遮蔽）
help-arg-replay = 从 `--record` 文件而不是端口读取终端: 离线得到同样的事实（使用记录中的协议和超时）
help-arg-url = 终端的端口: `/dev/ttyUSB0`、`COM3`、`serial:///dev/ttyUSB0?baud=115200&parity=even` 或 `tcp://主机:端口`
help-arg-fixture = 测试夹具文件（`fixtures/terminals/healthy.yaml`）或内置夹具的名称（`healthy`）
help-arg-listen = 在这个 TCP 地址上提供服务（`127.0.0.1:7000`；端口 0 自动选择空闲端口），而不用伪终端
help-arg-dir = 用例文件所在的文件夹 [默认: 内置的 fixtures/cases]
help-arg-shell = 要补全的 shell
help-arg-subcommand = 要查看帮助的命令
clap-unknown-argument = 不认识的参数 `{ $arg }`
clap-unknown-command = 不认识的命令 `{ $command }`
clap-invalid-value = `{ $value }` 不是 `{ $arg }` 的有效值
clap-missing = 缺少必需的参数: { $args }
clap-conflict = `{ $arg }` 不能和 `{ $prior }` 一起使用
clap-too-many = `{ $arg }` 只能给一次（多出的值 `{ $value }`）
clap-value-count = `{ $arg }` 的值的个数不对
clap-no-equals = `{ $arg }` 的值要用等号给出（`{ $arg }=值`）
clap-missing-command = 缺少命令；`{ $command }` 后面需要一个命令
clap-not-utf8 = 参数不是有效的 UTF-8 文本
clap-other = 命令行参数有误
clap-tip = 提示
clap-did-you-mean = 是不是 { $candidates }？
clap-possible = 可选的值: { $values }
clap-trailing = 要把 `{ $arg }` 当作值传入，请写成 `-- { $arg }`
clap-value-missing = `{ $arg }` 需要一个值
clap-range = 范围是 { $range }
clap-usage = 用法
clap-more = 更多信息请运行 `{ $command } --help`。

## src/output.rs

# The head of the final error line; the error itself is English for now.
output-error-prefix = posdiag: 错误:

# The graph picture: the edge from a remedy to what follows when it fails.
graph-not-fixed = 未解决
