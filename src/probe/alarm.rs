//! Which probed values point at a fault: a weak signal, no paper, a reader
//! fault, a tamper warning. The probe marks its facts with this, the
//! technician's summary flags them, and the walk puts first the area where
//! such a fact leads to a fault.

use crate::engine::Fact;

/// A fact a person states (`--fact`, a batch line, a case), marked as a
/// probed one would be when its value points at a fault.
pub fn stated(name: &str, value: &str) -> Fact {
    Fact::given(name, value).with_alarm(points_at_fault(name, value))
}

/// Whether the value of the fact `name` points at a fault.
pub fn points_at_fault(name: &str, value: &str) -> bool {
    match name {
        "modem.sim" => value != "ready",
        "modem.signal" => matches!(value, "none" | "marginal"),
        "modem.registration" => matches!(value, "denied" | "searching" | "not_registered"),
        "modem.attach" => value == "detached",
        "modem.operator" => value == "none",
        "printer.paper" => value == "out",
        "printer.temperature" => value == "overheated",
        "reader.magstripe" | "reader.chip" | "reader.contactless" | "terminal.modem" => {
            value == "fault"
        }
        "terminal.signed_on" => value == "no",
        "terminal.keys" => value == "missing",
        "terminal.tamper" => value == "yes",
        "terminal.battery" => value.parse::<u8>().is_ok_and(|p| p < 20),
        "last.response_code" => value != "00",
        // ZVT (`probe::zvt`): a terminal status other than ready, a failed
        // diagnosis or self-test, any lock bit set.
        "zvt.status" | "zvt.result" => value != "00",
        "zvt.diagnosis" | "zvt.selftest" => value != "ok",
        "zvt.locks" => value.bytes().any(|b| b.is_ascii_hexdigit() && b != b'0'),
        "power.state" => matches!(value, "low_voltage" | "low_battery"),
        "printer.state" => matches!(value, "not_ready" | "fault"),
        "operation.message" => value == "batch_full",
        "terminal.host" => value == "unreachable",
        _ => false,
    }
}
