# posdiag's messages in English (Fluent syntax, https://projectfluent.org).
# Every id here exists in the other catalogue too (tests check it).

## src/cli/diagnose.rs

diagnose-kept-aside = The earlier diagnosis was kept as `{ $path }`
diagnose-kept = The saved diagnosis is kept. To continue: { $command }

## src/cli/interactive.rs

interactive-good-diagnosis-finished = Good. Diagnosis finished.
interactive-this-is-the-first-question = This is the first question.
interactive-expected-effort = Likely, quick checks first; expected effort ≈ { $minutes } min
interactive-min = min
interactive-probe-found = { $label }  ← the probe found this
interactive-the-session-is-not-saved = The session is not saved (see the warning above).
interactive-saved-to = Saved to `{ $path }`
interactive-to-continue = To continue: { $command }
interactive-how-we-got-here = How we got here:

## src/cli/ports.rs

ports-no-serial-ports-found-check = No serial ports found. Check that the cable is plugged in; a USB serial adapter usually appears as /dev/ttyUSB0 or /dev/ttyACM0. For a serial server use tcp://HOST:PORT.
ports-port = Port
ports-type = Type
ports-details = Details

## src/cli/probe.rs

probe-start-from-code = the last transaction ended with response code { $code }; starting at `{ $node }`
probe-start-from-zvt-status = the ZVT terminal reports status { $code }; starting at `{ $node }`
probe-start-from-zvt-diagnosis = the ZVT terminal's Diagnosis ended with { $code }; starting at `{ $node }`
probe-start-from-zvt-lock = the ZVT terminal reports lock { $bit } ({ $meaning }); starting at `{ $node }`
probe-evidence = { $text } (evidence: { $evidence })
probe-probing = probing
probe-waiting-for-the-answer-to = waiting for the answer to

## src/cli/probe_view.rs

probe-view-device = Device:
probe-view-protocols = Protocols:
probe-view-no-answer-from = No answer from:
probe-view-nothing-the-terminal-said-points = {"Nothing the terminal said points at a fault.\u000A"}
probe-view-look-at = Look at:
probe-view-fact = Fact
probe-view-value = Value
probe-view-from = From
probe-view-evidence-bytes-received = {"Evidence (bytes received):\u000A"}
probe-view-refused-missing-facts = {"Refused (missing facts):\u000A"}
probe-view-not-answered-missing-facts = {"Not answered (missing facts):\u000A"}
probe-view-answered-but-not-understood = {"Answered but not understood:\u000A"}
probe-view-note = Note:

## src/cli/prompt.rs

prompt-dont-know = ? don't know
prompt-why-is-this-asked = ⓘ why is this asked?
prompt-back = ← back
prompt-to-move-enter-to-choose = ↑↓ to move, Enter to choose, Esc to quit
prompt-key-why = {"? why · "}
prompt-key-back = {"< back · "}
prompt-key-dont-know = {"- don't know · "}
prompt-esc-to-quit = Esc to quit
prompt-yes-it-is-fixed = Yes, it is fixed
prompt-no-not-yet = No, not yet
prompt-did-this-fix-it = Did this fix it?
prompt-resume-help = ↑↓ to move, Enter to choose, Esc to keep it and quit
# The mark on a question left with Esc.
prompt-canceled = <canceled>
# $when: the local time the session was saved
prompt-continue-saved = Continue the unfinished diagnosis ({ $when })
prompt-start-afresh = Start afresh
prompt-an-unfinished-diagnosis-was-found = An unfinished diagnosis was found.
prompt-quit-saved-resume-later = ✕ quit (saved, resume later)
prompt-quit-not-saved = ✕ quit (not saved)

## src/cli/stats.rs

stats-history = History:
stats-confirmed-faults = confirmed faults
stats-unreadable-lines-skipped = Unreadable lines skipped:
stats-nothing-recorded-yet-each-interactive = Nothing recorded yet: each interactive diagnosis that fixes the fault adds one.
stats-fault = Fault
stats-tree = Tree
stats-question = Question
stats-answer = Answer
stats-authored-prior = Authored prior
stats-learned = Learned
stats-priors-authored-and-learned = Priors, authored and learned:

## src/cli/why.rs

why-why-this-is-asked = Why this is asked:
why-so-far = So far:
why-check-order-probability-minutes-highest = Check order (probability ÷ minutes, highest first):
why-check-order-likeliest-and-quickest = Check order (likeliest and quickest first):
why-answered-by-the-probe-free = answered by the probe: free
why-effort = about { $minutes } min
# $p: the answer's probability, shown with --verbose
why-effort-verbose = p { $p } · { $minutes } min
why-what-your-answer-decides = What your answer decides:
why-a-code-posdiag-knows-straight = a code posdiag knows → straight to that code's own checks; any other code as below
why-leads-to-conclusion = conclusion: { $title }
why-leads-to-question = then asks: { $question }
why-don-t-know-every-possibility = don't know → every possibility stays open: the likeliest, quickest check comes first, the next if it does not fix it

## src/serve (the page of `posdiag serve`, and its messages on start)

serve-brand = posdiag · terminal help
serve-other-language = 中文
serve-title = What is wrong with the card terminal?
serve-intro = Answer a few questions about the card terminal; you get the likely fault, the steps to fix it, and who acts.
serve-start = Start the diagnosis
serve-new = Start a new diagnosis
serve-code-label = Or type the code or message the terminal's screen shows:
serve-code-go = Look the code up
serve-start-from-code = Find the fault from this code
serve-graphs = Decision graphs (for the helpdesk)
serve-send = Send
serve-dont-know = I don't know
serve-why = Why is this asked?
serve-why-none = It narrows down which part of the terminal is at fault.
serve-back = ← Back
serve-who-acts = Who acts: { $actor }
serve-nothing-left = Nothing left to try here: hand the fault on
serve-error = Something went wrong
serve-home = Back to the start
serve-not-found = This page does not exist.
serve-timeout = The request did not arrive in time, and nothing of it was done: send it again (a slow connection may be at fault).
serve-accept-failed = cannot accept connections: { $reason }; trying again every half second (is the limit of open files too low? `ulimit -n`)
serve-csrf = This form is not from this browser's page (or the page is old): go back, reload the page and try again.
serve-session-gone = This diagnosis is no longer here: it expired or never existed. Start a new one.
serve-listening = posdiag serve: listening on { $url } (sessions in { $database }; Ctrl-C to stop)
serve-not-loopback = warning: listening on { $addr }, reachable from other machines over plain HTTP; put it behind an HTTPS reverse proxy and listen on 127.0.0.1 (see the README)
serve-port-taken = cannot listen on { $addr }: another program already uses that port; stop it, or choose another port with --listen 127.0.0.1:PORT (port 0 picks a free one)
serve-cannot-listen = cannot listen on { $addr }: { $reason }
serve-bad-address = `{ $addr }` is not an address to listen on; write it as IP:PORT, e.g. 127.0.0.1:8080
serve-nothing-back = nothing to go back to: this is the first question
serve-no-remedy = no remedy is offered now; answer the open question first
error-serve-runtime = cannot start the server: { $reason }
error-store-open = cannot open the session database `{ $path }`: { $reason }
error-store-schema = the session database `{ $path }` was written by a newer posdiag (schema { $found }, this one reads { $reads }); use another `--database`
error-store-sql = the session database failed: { $reason }
error-store-damaged = stored session `{ $id }` is damaged ({ $reason })
serve-handoff-text = The sheet as text, to send the provider
serve-no-handoff = This diagnosis has no hand-off sheet: its remedy is for you to do.

## src/codes/model.rs

category-card = card
category-account = account
category-operation = operation
category-keys-security = keys/security
category-network = network
category-bank-system = bank system
category-terminal = terminal
category-success = success
category-card-reader = card reader
category-emv-chip-processing = EMV chip processing
category-printer = printer
category-modem-sim = modem/SIM
class-a-success = success
class-b-retry-allowed = failed, a retry is allowed
class-c-do-not-retry = failed, do not retry
class-d-operator-acts = failed, the operator must act
class-e-system-fault = failed, system fault, do not retry

## src/report/code.rs

code-vendor-overlay-bracketed = {" (vendor overlay)"}
code-vendor-overlay-listed = , vendor overlay
code-unknown-code = Unknown code
code-no-code-table-knows-it = no code table knows it.
code-known-codes-close-to-it = Known codes close to it:
code-another-table-has = another table has:
code-checks-follow-the-general-checks = Checks follow the general checks for a declined transaction
code-mark = {"."}
code-screen-message = Screen message
code-code = Code
code-typed = typed
code-taken-as = taken as
code-nobody-a-success = nobody (a success)
code-who-acts = Who acts:
code-category = Category:
code-class = class
code-table = Table:
code-replaces-built-in-in = replaces the built-in meaning in
code-replaces-built-in = replaces the built-in meaning:
code-checks-start-at = Checks start at:

## src/report/emv.rs

emv-bits-set =
    { $count ->
        [one] bit set
       *[other] bits set
    }
emv-reserved-for-future-use-rfu = reserved for future use (RFU); should be 0
emv-check-the-value-was-copied = Check the value was copied correctly; if it really is set, the terminal's EMV kernel or its log may be at fault.
emv-no-bit-is-set-the = no bit is set: the terminal recorded no failed check.
emv-no-bit-is-set-no = no bit is set: no processing step was recorded.
emv-zvt-lock-not-in-the-tables = a lock posdiag's tables do not name yet
emv-zvt-lock-look-it-up = Look the bit up in the terminal maker's ZVT documentation (the table of terminal locks); add it to a codes overlay (`zvt_locks:` in a file given with `--codes`) and posdiag names it from then on.
emv-no-lock-is-set = no lock is set: the terminal reports nothing that keeps it from working.
emv-zvt-locks = ZVT locks
emv-bit = Bit
emv-mask = Mask
emv-meaning = Meaning
emv-what-to-check = What to check
emv-walk-from = Walk from
emv-meanings-from = Meanings from:
emv-source-of = Source of { $bits }:
emv-to-walk-from-a-node = To walk from a node:

## src/report/handoff.rs

handoff-please-find-the-cause-from = Please find the cause from the above and deal with it; ask the merchant for the terminal ID, merchant ID and when the fault began if you need them.

## src/report/markdown.rs

markdown-posdiag-diagnosis = posdiag diagnosis
markdown-concluded = concluded
markdown-no-remedy-fixed-it-escalate = no remedy fixed it: escalate
markdown-unfinished = unfinished
markdown-status = Status:
markdown-unknown-code = unknown code
markdown-code = Code:
markdown-started-at = Started at:
markdown-some-answers-were-don-t = Some answers were "don't know": the conclusion is the most likely cause.
markdown-fault = Fault:
markdown-what-to-do = What to do
markdown-these-steps-should-fix-it = these steps should fix it
markdown-must-be-taken-further = must be taken further
markdown-outcome = Outcome:
markdown-hand-off = Hand-off
markdown-contact = Contact:
markdown-code-seen = Code seen:
markdown-checked = Checked:
markdown-could-not-be-checked = Could not be checked:
markdown-tried-without-success = Tried without success:
markdown-please = Please:
markdown-waiting-for-an-answer = Waiting for an answer
markdown-how-it-was-reached = How it was reached
markdown-source = Source
markdown-did-not-fix-it = ✗ did not fix it
markdown-don-t-know = don't know
markdown-facts = Facts

## src/report/names.rs

names-merchant = merchant
names-cardholder = cardholder
names-technician = technician
names-acquirer-pos-provider = acquirer / POS provider
names-card-issuer = card issuer
names-answers-file = answers file
names-command-line = command line
names-you = you
names-probe = probe
names-fact = fact
names-answered-earlier = answered earlier

## src/report/table.rs

table-who-acts = Who acts
table-outcome = Outcome

## src/report/text.rs

text-evidence = evidence:
text-did-not-fix-it = ✗ did not fix it:
text-what-to-do = What to do:
text-following-these-steps-should-fix = Following these steps should fix it.
text-this-must-be-taken-further = This must be taken further.
text-needs-an-answer = Needs an answer:
text-node = node:
text-why = why:
text-type-a-value = type a value:
text-no-remedy-fixed-it-this = No remedy fixed it: this must be escalated.
text-note-some-answers-were-don = Note: some answers were "don't know", so this is the most likely cause so far; if it does not fix it, say so and the next candidate follows.
text-hand-off-show-or-send = Hand-off (show or send it to them):
text-codes-seen = Codes seen:

## src/i18n/errors.rs, src/i18n/device.rs: the errors a command can end with

error-with-hint = { $message }; { $hint }
error-did-you-mean = did you mean `{ $candidate }`?
error-and-more = … and { $count } more
error-list-or = { $first } or { $second }
error-source-folder = cannot read folder `{ $path }`: { $reason }
error-source-file = cannot read `{ $path }`: { $reason }
error-source-too-large = `{ $path }` is { $size } bytes, more than the limit of { $limit }
error-source-empty = folder `{ $path }` holds no .yaml or .json files
error-rules = the rules have { $count } problem(s); run `{ $check }` to see them all:
error-unknown-node = unknown node `{ $node }`
error-fact-syntax = `{ $arg }` is not of the form NAME=VALUE
error-write = cannot write `{ $path }`: { $reason }
error-standard-output = standard output
error-interrupted = interrupted
error-given-unknown-node = answer for unknown node `{ $node }`
error-not-an-answer = `{ $value }` is not an answer of `{ $node }`; allowed: { $allowed }
error-bad-input = `{ $value }` is not valid for `{ $node }`: { $reason }
error-answer-syntax = `{ $arg }` is not of the form NODE=VALUE
error-not-current = `{ $node }` is not a question open in this walk
error-answer-not-single = { $path }: the answer for `{ $node }` must be a single value, not `{ $value }`
input-empty = a value is required
input-not-a-number = a number is required
input-pattern = it must match `{ $pattern }`
input-no-answer = no answer of this question accepts it
input-not-single = an answer is a single text, number or boolean
error-report-extension = report `{ $path }` must end in .md or .json
error-report-write = cannot write report `{ $path }`: { $reason }
error-session-missing = no saved session at `{ $path }`; start one with `posdiag`
error-session-corrupt = saved session `{ $path }` is damaged ({ $reason }); start afresh with `posdiag` (the file is left as it is)
error-session-outdated = saved session `{ $path }` no longer fits the rules ({ $reason }); start afresh with `posdiag`
error-session-write = cannot save the session to `{ $path }`: { $reason }
error-session-read = cannot read saved session `{ $path }`: { $reason }
error-session-no-state-dir = no place to save sessions: set POSDIAG_STATE_DIR or HOME
error-damage-json = not JSON: line { $line }, column { $column }
error-damage-not-a-session = not a posdiag session file
error-damage-fields = { $detail }
error-misfit-version = saved by session format { $found }, this posdiag reads { $reads }
error-misfit-start = unknown start node `{ $node }`
error-misfit-node = unknown node `{ $node }`
error-misfit-answer = `{ $value }` is no longer an answer of `{ $node }`
error-misfit-jump = a code led to unknown node `{ $node }`
error-misfit-step = step `{ $kind }` does not fit node `{ $node }`
error-misfit-walk = the steps no longer form a walk: { $detail }
error-lock-busy = another posdiag session is running in `{ $dir }` (pid { $pid }); finish it first, or, if that process is gone, remove `{ $lock }`
error-history-read = cannot read history `{ $path }`: { $reason }
error-history-write = cannot write history `{ $path }`: { $reason }
error-history-no-data-dir = no place for the history: set POSDIAG_DATA_DIR or HOME
error-code-empty = no code given; type the code or message as the screen shows it, e.g. `51`, `A0` or `请签到`
error-code-too-long = `{ $shown }…` is { $chars } characters long and no screen message; a code has at most { $max } characters
error-code-ambiguous = code `{ $typed }` could be { $candidates }; type it in full
error-hex-empty = no { $word } given; it takes { $digits } hex digits, e.g. `{ $example }`
error-hex-not-hex = `{ $ch }` in `{ $input }` is not a hex digit; a { $word } is { $digits } hex digits (0-9, A-F), e.g. `{ $example }`
error-hex-wrong-length = a { $word } is { $bytes } bytes, { $digits } hex digits (e.g. `{ $example }`), but `{ $input }` has { $found }
hex-word-zvt-locks = ZVT lock value
error-unknown-tree = unknown tree `{ $tree }`
error-trees-are = trees are: { $trees }
error-graphviz-missing = SVG needs Graphviz's `dot`, which is not installed: install graphviz (e.g. `apt-get install graphviz`), or use `--format dot` or `--format mermaid`
error-graphviz-run = cannot run Graphviz `dot`: { $reason }
error-graphviz-send = cannot send the graph to Graphviz: { $reason }
error-graphviz-failed = Graphviz `dot` failed: { $reason }
error-batch-stopped = batch stopped: { $reason }
error-replay-and-port = give a port or `--replay RECORD`, not both: a replay reads no port
error-replay-settings = line settings (`--baud`, `--parity`…) apply to a port; a replay uses the record's line
error-no-port = give the terminal's port (`/dev/ttyUSB0`, `tcp://HOST:PORT`) or `--replay RECORD`
error-zvt-password = `--zvt-password { $given }` is not a ZVT password; give its six digits, e.g. `--zvt-password 000000`
error-zvt-service-byte = `--zvt-service-byte { $given }` is not a byte; give two hex digits, e.g. `--zvt-service-byte 01`
error-tcp-settings = line settings (`--baud`, `--parity`…) apply to serial devices; for `tcp://` set them on the serial server
error-no-terminal = no terminal to ask on
error-terminal = { $reason }
error-not-saved = { $message }; the session is not saved
error-saved-to = { $message }; the session was saved to `{ $path }`
error-ports = cannot list serial ports: { $reason }

## io errors, by kind (Chinese names them; English keeps the system's words)

io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-read-only = Read-only file system
io-storage-full = No space left on device
io-invalid-data = the content is not valid (not UTF-8 text, or not in the expected form)
io-not-regular = it is not a regular file; posdiag reads only regular files
io-too-large = it is larger than the limit
io-other = { $reason }

## device errors: the port, the line, the simulator, records

error-url-empty = the port is empty; give a serial device such as `/dev/ttyUSB0` or `tcp://HOST:PORT`
error-url-scheme = unknown scheme `{ $scheme }://`; use a device path, `serial://PATH` or `tcp://HOST:PORT`
error-url-missing-port = `{ $url }` has no port number; write `tcp://HOST:PORT`, e.g. `tcp://127.0.0.1:4001`
error-url-missing-host = `{ $url }` has no host; write `tcp://HOST:PORT`, e.g. `tcp://127.0.0.1:4001`
error-url-bad-port = `{ $value }` in `{ $url }` is not a TCP port number (1–65535)
error-url-unknown-option = unknown option `{ $name }` in the port URL; known: baud, data, parity, stop, flow
error-url-bad-option = `{ $name }={ $value }` is not valid; use { $allowed }
error-url-options-on-tcp = line options (`?{ $query }`) apply to serial devices, not to `tcp://`
error-allowed-baud = a rate such as 9600 or 115200
error-allowed-data = 5, 6, 7 or 8
error-allowed-parity = none, even or odd
error-allowed-stop = 1 or 2
error-allowed-flow = none, software or hardware
error-transport-not-found = serial port `{ $device }` does not exist; check the cable and run `{ $ports }` to see the ports this system has
error-transport-busy = serial port `{ $device }` is in use by another program; close it (a terminal emulator, ModemManager, another posdiag) and try again
error-transport-permission = no permission to open `{ $device }`; add your user to the `dialout` group (`sudo usermod -aG dialout $USER`, then log in again)
error-transport-refused = nothing accepts connections at `{ $device }`; check the serial server's address and port and that it is running
error-transport-timeout = `{ $device }` did not answer within { $after } while waiting for { $waiting }; check the cable, that the terminal is on, and the line settings (`--baud`)
error-transport-disconnected = `{ $device }` was disconnected during the probe; check the cable and the terminal's power, then probe again
error-transport-not-serial = `{ $device }` is not a serial port (not a terminal device); give the terminal's port, e.g. `/dev/ttyUSB0`, and run `{ $ports }` to see the ports this system has
error-transport-io = cannot use `{ $device }`: { $reason }
error-probe-link = `{ $device }`: { $error }
error-probe-no-protocol = nothing on `{ $device }` answered an AT command (`ATE0Q0V1`) or an ECR status request (nor a ZVT Status Enquiry) within { $after }; check the cable, that the terminal is on, and the line settings (`--baud`)
error-probe-echo-only = `{ $device }` sends back only what posdiag sends and answers nothing: a loopback plug, a cable with send and receive joined, or a modem that ignores commands; check the cable and the port
error-link-refused = the terminal refused `{ $command }` { $naks } times (NAK); check the line settings (`--baud`, `--parity`) and the cable
error-zvt-refused = the terminal refused the block of `{ $command }` { $naks } times (NAK); check the line settings (ZVT uses 9600 8N2 unless set otherwise: `--baud`, `--stop-bits 2`) and the cable
error-zvt-corrupt = the terminal's blocks for `{ $command }` were corrupt { $tries } times (bad CRC); check the cable and the line settings
error-zvt-endless = the terminal sent more than { $max } messages for `{ $command }` without ending it; it may be stuck: switch it off and on, then probe again
error-zvt-not-zvt = the terminal sent bytes that are no ZVT APDU ({ $bytes }); is this a ZVT port?
error-link-corrupt = the terminal's reply to `{ $command }` was corrupt { $tries } times ({ $error }); check the cable and the line settings
waiting-reply = the reply to `{ $command }`
waiting-replies = the replies to `{ $command }` and to `AT` after it
waiting-ack = an ACK for `{ $command }` ({ $tries } tries)
waiting-line = the line to accept data (check the flow control setting)
waiting-connection = the connection to open
waiting-server = the server to accept data
framing-bad-lrc = checksum mismatch: the frame says LRC { $found }, its bytes give { $expected }
framing-missing-etx = no ETX where the length puts it (found { $found })
framing-bad-length = length { $len } is outside 2–{ $max }
framing-short = the data is { $len } byte(s), too short for a command
framing-bad-command = `{ $bytes }` is not a command code (two upper-case letters or digits)
framing-missing-separator = the command is followed by { $found }, not the field separator FS
record-bad-timeout = bad timeout `{ $value }`
record-bad-count = bad byte count `{ $value }`
record-short = { $announced } bytes announced, { $found } found
record-not-hex = `{ $value }` is not a hex byte
error-record-read = cannot read the record `{ $path }`: { $reason }
error-record-not-a-record = `{ $path }` is not a posdiag record (it does not start with `{ $magic }`); give a file written by `--record`
error-record-format = `{ $path }` is a record of format { $found }; this posdiag reads formats 1 to { $reads }
error-record-bad = `{ $path }` line { $line }: { $problem }
error-sim-pty = cannot open a pseudo-terminal: { $reason }
error-sim-listen = cannot listen on `{ $addr }`: { $reason }; pick another port, or 0 for any free one
error-fixture-unknown = no fixture `{ $name }`; give a file path or one of: { $known }
error-fixture-garbage = { $file }: bad `faults.garbage` byte `{ $byte }`; write bytes as hex, e.g. "ff fe 00"
error-fixture-zvt = { $file }: { $problem }

## src/i18n/problems.rs: a problem of the rules, as `check` lists it

problem-node = node `{ $node }`
problem-hint = hint
check-ok = ok: { $trees } trees ({ $ids }), { $nodes } nodes, { $conclusions } conclusions{ $tables }
check-problems = { $count } problem(s) in { $files } file(s); { $nodes } nodes, { $conclusions } conclusions{ $tables }
check-tables = ; { $count } code tables ({ $ids }), { $codes } codes, { $bits } status-word bits (TVR, TSI, ZVT locks)

## src/batch.rs: why a line of a batch was not diagnosed

batch-summary = { $lines } line(s): { $concluded } concluded, { $none } no conclusion, { $input } need input, { $errors } error(s)
batch-too-long = line is longer than { $max } bytes; split it
batch-not-utf8 = line is not valid UTF-8 (byte { $byte })
batch-not-json = not valid at column { $column }: { $detail }; a line is an object with `answers`, `facts`, `start`, `id`
batch-fact-value = fact `{ $name }` must be a non-empty text, number or boolean
batch-fact-name = a fact needs a name
output-warning-prefix = posdiag: warning:
warning-lock = cannot lock the session at `{ $path }`: { $reason }; another posdiag may walk in the same folder
warning-signals-raw = cannot handle signals; a closed window may leave the terminal raw
warning-signals = cannot handle signals
warning-priors = { $message }; priors are the authored ones
warning-not-saved = { $message }; the walk goes on, but it is not saved (set POSDIAG_STATE_DIR to a folder that can be written)
output-cannot-write-stdout = cannot write to standard output: { $reason }

## src/cli/help.rs: clap's help and argument errors in Chinese (English keeps clap's own)

help-template = {"{"}before-help{"}"}{"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-default = default
help-env = env
help-values = possible values
help-arg-help = Print help
help-arg-version = Print version
help-about-help = Print this message or the help of the given subcommand(s)
help-about-posdiag = Diagnose faults of POS card-payment terminals
help-long-about-posdiag = Diagnose faults of POS card-payment terminals.

    Run without a command on a terminal to be asked questions until the fault and its fix are found; without a command posdiag takes the options of `posdiag diagnose` (`posdiag --resume`, `posdiag --format json`). Scripts use answer files and `--format json`.
help-after-posdiag = Exit codes: 0 conclusion reached · 1 no conclusion (escalate) · 2 usage or input error · 3 an answer is needed · 4 terminal unreachable · 130 interrupted · 128+n stopped by signal n
help-about-diagnose = Walk the decision graph to a fault and its remedy
help-about-check = Check the rules: every problem, with file:line:column
help-about-test = Run the knowledge base's regression cases
help-about-probe = Read what a terminal can tell: every fact, with the bytes behind it
help-about-simulate = Play a simulated terminal from a fixture on a pseudo-terminal or TCP port
help-about-serve = Serve the walk over HTTP: a page for the merchant's phone, a JSON API for helpdesk tools, sessions in SQLite (`posdiag serve`, then open http://127.0.0.1:8080/)
help-arg-serve-listen = Address to listen on; port 0 picks a free one (printed on start). Keep it on loopback, behind an HTTPS reverse proxy (see the README)
help-arg-serve-database = The SQLite file of sessions and confirmed faults [default: serve.sqlite beside the history, in the data directory]
help-arg-serve-session_ttl = How long a session is kept after its last answer (`30m`, `24h`)
help-arg-serve-timeout = How long a client may take to send a request, its head and its body; a connection idle that long is closed (`10s`, `1m`)
help-about-ports = List the serial ports this system sees
help-about-graph = Draw the rule graph (DOT, Mermaid or SVG)
help-about-stats = Fault frequencies from the local history, and the priors learned from them
help-about-code = What a code from the screen means and who acts, then the walk from it (`posdiag code 51`, `posdiag code A0`, `posdiag code "+CME ERROR: 10"`)
help-about-tvr = Decode an EMV TVR (tag 95, 5 bytes, 10 hex digits): every set bit, what to check, where to walk from
help-about-tsi = Decode an EMV TSI (tag 9B, 2 bytes, 4 hex digits)
help-about-zvt-locks = Decode a ZVT terminal's locks (TLV 1F55 of the Status Enquiry, 2 bytes, 4 hex digits): every set bit, what to check, where to walk from
help-about-completions = Print a shell completion script (`posdiag completions bash > ~/.local/share/bash-completion/completions/posdiag`)
help-about-man = Print the manual page (`posdiag man > posdiag.1`; `man ./posdiag.1`)
help-arg-rules = Load rules from this folder instead of the embedded ones
help-arg-lang = Language of questions and results [default: from the locale]
help-arg-color = Colour in prompts: `auto` (a terminal, and neither NO_COLOR nor CLICOLOR=0), `always` (also CLICOLOR_FORCE), `never`
help-arg-codes = A vendor code table that adds or overrides codes (see rules/README.md)
help-arg-verbose = Show internals in text output: node ids, table files and classes, the probabilities behind the check order (for rule authors and technicians; JSON always has them)
help-arg-answers = YAML file mapping node id to answer value
help-arg-answer = An answer, NODE=VALUE; repeatable; overrides the answers file
help-arg-fact = A known fact, NAME=VALUE (e.g. modem.csq=7); repeatable
help-arg-report = Also write the transcript to FILE (.md for Markdown, .json for JSON)
help-arg-code = The code as the screen or log shows it; words are joined (`posdiag code +CME ERROR: 10`)
help-arg-format = Output format
help-arg-hex = The value in hex, either case, spaces and `0x` allowed (`0000048000`, `00 00 04 80 00`)
help-arg-tree = Draw only this tree (with the nodes of other trees it leads into)
help-arg-graph-format = Output format; SVG needs Graphviz's `dot`
help-arg-start = Start at this node instead of the triage root
help-arg-resume = Continue the unfinished interactive session
help-arg-batch = Diagnose many terminals: one JSON answer set per line of FILE (`-` for stdin), one JSON result per line on stdout, in order. Answers, facts and `--start` given beside it apply to every line
help-arg-no_history = Neither learn from nor add to the local history of confirmed faults
help-arg-port = Probe the terminal on this port first (`/dev/ttyUSB0`, `serial:///dev/ttyS0?baud=115200`, `tcp://HOST:PORT`); its facts answer questions without asking
help-arg-protocol = Protocol: `at` (the GPRS/4G modem), `ecr` (the payment application), `zvt` (a ZVT terminal), `auto` (every one that answers)
help-arg-simulate-protocol = `auto`: the modem's AT commands and the ECR protocol; `zvt`: a ZVT terminal (serial blocks on the pseudo-terminal, bare APDUs on TCP)
help-arg-zvt_password = The ZVT terminal's password, six digits [default: 000000]
help-arg-zvt_selftest = Also run the ZVT Selftest (06 79): the terminal may print the result
help-arg-zvt_print_config = Also run ZVT Print System Configuration (06 1A): the terminal prints
help-arg-zvt_service_byte = Send the ZVT Status Enquiry with this service byte (BMP 03, two hex digits, e.g. `01`), for terminals that answer differently with it
help-arg-zvt_framing = How ZVT travels: `auto` (serial blocks on a serial line, bare APDUs on `tcp://`), `blocks` (a serial terminal behind a serial-to-TCP server such as ser2net), `apdu`
help-arg-baud = Baud rate [default: 9600, or `baud=` in the URL]
help-arg-data_bits = Data bits [default: 8]
help-arg-parity = Parity [default: none]
help-arg-stop_bits = Stop bits [default: 1]
help-arg-flow = Flow control [default: none]
help-arg-timeout_ms = Wait this long for an answer, in milliseconds; slow commands (SIM check, self-test) get five times as long
help-arg-record = Write every byte exchanged, timestamped, as hex and text, to FILE (a new file, mode 0600, card numbers masked)
help-arg-replay = Read the terminal from a `--record` file instead of a port: the same facts, offline (with the record's protocol and timeout)
help-arg-url = The terminal's port: `/dev/ttyUSB0`, `COM3`, `serial:///dev/ttyUSB0?baud=115200&parity=even`, or `tcp://HOST:PORT`
help-arg-fixture = A fixture file (`fixtures/terminals/healthy.yaml`) or the name of a built-in one (`healthy`)
help-arg-listen = Serve on this TCP address (`127.0.0.1:7000`; port 0 picks a free one) instead of a pseudo-terminal
help-arg-dir = Folder of case files [default: the embedded fixtures/cases]
help-arg-shell = The shell to complete in
help-arg-subcommand = The command to show the help of
clap-unknown-argument = unexpected argument `{ $arg }`
clap-unknown-command = unrecognized subcommand `{ $command }`
clap-invalid-value = `{ $value }` is not a valid value for `{ $arg }`
clap-missing = the following required arguments were not provided: { $args }
clap-conflict = `{ $arg }` cannot be used with `{ $prior }`
clap-too-many = `{ $arg }` takes one value (another was `{ $value }`)
clap-value-count = wrong number of values for `{ $arg }`
clap-no-equals = `{ $arg }` takes its value after an equals sign (`{ $arg }=VALUE`)
clap-missing-command = a command is needed after `{ $command }`
clap-not-utf8 = an argument is not valid UTF-8
clap-other = the command line is not valid
clap-tip = tip
clap-did-you-mean = did you mean { $candidates }?
clap-possible = possible values: { $values }
clap-trailing = to pass `{ $arg }` as a value, write `-- { $arg }`
clap-value-missing = `{ $arg }` needs a value
clap-range = the range is { $range }
clap-usage = Usage
clap-more = For more information, run `{ $command } --help`.

## src/output.rs

# The head of the final error line; the error itself is English for now.
output-error-prefix = posdiag: error:

# The graph picture: the edge from a remedy to what follows when it fails.
graph-not-fixed = not fixed
