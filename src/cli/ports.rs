//! `posdiag ports`: the serial ports this system sees, or a plain
//! statement that it sees none and what to check.

use comfy_table::Table;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use serde::{Deserialize, Serialize};

use super::arguments::{Format, PortsArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::lang::Lang;

/// One port as `ports --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortOut {
    pub name: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: String,
    /// For USB: `VID:PID manufacturer product`.
    pub detail: Option<String>,
}

pub fn run(lang: Lang, args: &PortsArgs) -> Result<Exit, Error> {
    let ports = crate::probe::serial::list_ports()
        .map_err(|e| Error::Device(format!("cannot list serial ports: {e}")))?;
    let ports: Vec<PortOut> = ports
        .into_iter()
        .map(|p| PortOut { name: p.name, kind: p.kind.to_string(), detail: p.detail })
        .collect();
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&ports).unwrap_or_default();
            super::probe_view::print_out(&format!("{json}\n"))?;
        }
        Format::Text if ports.is_empty() => super::probe_view::print_out(&format!(
            "{}\n",
            lang.pick(
                "没有找到串口。请检查数据线是否插好；USB 转串口线通常显示为 /dev/ttyUSB0 或 /dev/ttyACM0。串口服务器请用 tcp://主机:端口。",
                "No serial ports found. Check that the cable is plugged in; a USB serial adapter usually appears as /dev/ttyUSB0 or /dev/ttyACM0. For a serial server use tcp://HOST:PORT."
            )
        ))?,
        Format::Text => {
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED);
            t.set_header(vec![lang.pick("端口", "Port"), lang.pick("类型", "Type"), lang.pick("详情", "Details")]);
            for p in &ports {
                t.add_row(vec![p.name.clone(), p.kind.clone(), p.detail.clone().unwrap_or_default()]);
            }
            super::probe_view::print_out(&format!("{t}\n"))?;
        }
    }
    Ok(Exit::Ok)
}
