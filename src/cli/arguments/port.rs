//! The command line's options for a terminal's port: how to talk to it
//! (`probe`, `diagnose --port`), the probe itself and the simulator.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Format;

/// How to talk to a terminal: shared by `probe` and `diagnose --port`.
#[derive(Debug, Clone, Default, Args)]
pub struct PortOptions {
    /// Protocol: `at` (the GPRS/4G modem), `ecr` (the payment application),
    /// `zvt` (a ZVT terminal), `auto` (every one that answers).
    #[arg(long, value_enum, default_value_t)]
    pub protocol: ProtocolArg,

    /// Baud rate [default: 9600, or `baud=` in the URL].
    #[arg(long, value_name = "RATE")]
    pub baud: Option<u32>,

    /// Data bits [default: 8].
    #[arg(long, value_name = "BITS", value_parser = clap::value_parser!(u8).range(5..=8))]
    pub data_bits: Option<u8>,

    /// Parity [default: none].
    #[arg(long, value_enum)]
    pub parity: Option<ParityArg>,

    /// Stop bits [default: 1].
    #[arg(long, value_name = "BITS", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub stop_bits: Option<u8>,

    /// Flow control [default: none].
    #[arg(long, value_enum)]
    pub flow: Option<FlowArg>,

    /// Wait this long for an answer, in milliseconds; slow commands (SIM
    /// check, self-test) get five times as long.
    #[arg(long, value_name = "MS", default_value_t = 2000,
          value_parser = clap::value_parser!(u64).range(50..=600_000))]
    pub timeout_ms: u64,

    /// Write every byte exchanged, timestamped, as hex and text, to FILE
    /// (a new file, mode 0600, card numbers masked).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// Read the terminal from a `--record` file instead of a port: the
    /// same facts, offline (with the record's protocol and timeout).
    #[arg(long, value_name = "RECORD", conflicts_with = "record")]
    pub replay: Option<PathBuf>,

    /// The ZVT terminal's password, six digits [default: 000000].
    #[arg(long, value_name = "DIGITS")]
    pub zvt_password: Option<String>,
    /// Also run the ZVT Selftest (06 79): the terminal may print the result.
    #[arg(long)]
    pub zvt_selftest: bool,
    /// Also run ZVT Print System Configuration (06 1A): the terminal prints.
    #[arg(long)]
    pub zvt_print_config: bool,
    /// Send the ZVT Status Enquiry with this service byte (BMP 03, two hex
    /// digits, e.g. `01`), for terminals that answer differently with it.
    #[arg(long, value_name = "HEX")]
    pub zvt_service_byte: Option<String>,
    /// How ZVT travels: `auto` (serial blocks on a serial line, bare APDUs
    /// on `tcp://`), `blocks` (a serial terminal behind a serial-to-TCP
    /// server such as ser2net), `apdu`.
    #[arg(long, value_enum, value_name = "HOW", default_value_t)]
    pub zvt_framing: ZvtFramingArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ZvtFramingArg {
    #[default]
    Auto,
    Blocks,
    Apdu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ProtocolArg {
    #[default]
    Auto,
    At,
    Ecr,
    Zvt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParityArg {
    None,
    Even,
    Odd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowArg {
    None,
    Software,
    Hardware,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The terminal's port: `/dev/ttyUSB0`, `COM3`,
    /// `serial:///dev/ttyUSB0?baud=115200&parity=even`, or `tcp://HOST:PORT`.
    #[arg(value_name = "URL", env = "POSDIAG_PORT", required_unless_present = "replay")]
    pub url: Option<String>,

    #[command(flatten)]
    pub line: PortOptions,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A fixture file (`fixtures/terminals/healthy.yaml`) or the name of a
    /// built-in one (`healthy`).
    #[arg(value_name = "FIXTURE")]
    pub fixture: String,

    /// Serve on this TCP address (`127.0.0.1:7000`; port 0 picks a free
    /// one) instead of a pseudo-terminal.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,

    /// `auto`: the modem's AT commands and the ECR protocol; `zvt`: a ZVT
    /// terminal (serial blocks on the pseudo-terminal, bare APDUs on TCP).
    #[arg(long, value_enum, default_value_t)]
    pub protocol: SimProtocolArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SimProtocolArg {
    #[default]
    Auto,
    Zvt,
}
