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
serve-csrf = 此表单不是来自本浏览器的页面（或页面已过期）：请返回、刷新页面后再试。
serve-session-gone = 这次诊断已不存在：已过期或从未开始。请开始新的诊断。
serve-listening = posdiag serve：正在监听 { $url }（会话保存在 { $database }；按 Ctrl-C 停止）
serve-not-loopback = 警告：正在监听 { $addr }，其他机器可通过未加密的 HTTP 访问；请放在 HTTPS 反向代理之后并只监听 127.0.0.1（见 README）
serve-port-taken = 无法监听 { $addr }：该端口已被其他程序占用；请停止该程序，或用 --listen 127.0.0.1:端口 换一个端口（端口 0 会自动选一个空闲端口）
serve-cannot-listen = 无法监听 { $addr }：{ $reason }
serve-bad-address = `{ $addr }` 不是可监听的地址；请写成 IP:端口，例如 127.0.0.1:8080
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
emv-bit = 位
emv-mask = 掩码
emv-meaning = 含义
emv-what-to-check = 检查什么
emv-walk-from = 从这里排查
emv-meanings-from = 含义来源:
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

## src/output.rs

# The head of the final error line; the error itself is English for now.
output-error-prefix = posdiag: 错误:

# The graph picture: the edge from a remedy to what follows when it fails.
graph-not-fixed = 未解决
