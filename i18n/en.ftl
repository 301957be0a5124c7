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
serve-csrf = This form is not from this browser's page (or the page is old): go back, reload the page and try again.
serve-session-gone = This diagnosis is no longer here: it expired or never existed. Start a new one.
serve-listening = posdiag serve: listening on { $url } (sessions in { $database }; Ctrl-C to stop)
serve-not-loopback = warning: listening on { $addr }, reachable from other machines over plain HTTP; put it behind an HTTPS reverse proxy and listen on 127.0.0.1 (see the README)
serve-port-taken = cannot listen on { $addr }: another program already uses that port; stop it, or choose another port with --listen 127.0.0.1:PORT (port 0 picks a free one)
serve-cannot-listen = cannot listen on { $addr }: { $reason }
serve-bad-address = `{ $addr }` is not an address to listen on; write it as IP:PORT, e.g. 127.0.0.1:8080
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
emv-bit = Bit
emv-mask = Mask
emv-meaning = Meaning
emv-what-to-check = What to check
emv-walk-from = Walk from
emv-meanings-from = Meanings from:
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

## src/output.rs

# The head of the final error line; the error itself is English for now.
output-error-prefix = posdiag: error:

# The graph picture: the edge from a remedy to what follows when it fails.
graph-not-fixed = not fixed
