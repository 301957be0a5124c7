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
    let ports =
        crate::probe::serial::list_ports().map_err(|e| Error::Ports { reason: e.to_string() })?;
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
            lang.t("ports-no-serial-ports-found-check")
        ))?,
        Format::Text => {
            let mut t = Table::new();
            t.load_style(UTF8_FULL_CONDENSED);
            t.set_header(vec![lang.t("ports-port"), lang.t("ports-type"), lang.t("ports-details")]);
            for p in &ports {
                t.add_row(vec![
                    p.name.clone(),
                    p.kind.clone(),
                    p.detail.clone().unwrap_or_default(),
                ]);
            }
            super::probe_view::print_out(&format!("{t}\n"))?;
        }
    }
    Ok(Exit::Ok)
}
