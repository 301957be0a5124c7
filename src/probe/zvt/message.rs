//! What a terminal's APDU says, decoded by its control field (PA00P015):
//! Completion `06 0F` (§2.55 and others; after a Status Enquiry it starts
//! with the software version and the terminal status code), Abort `06 1E`
//! with its result code, Intermediate Status `04 FF` (§3.7), Status
//! Information `04 0F` (§3.1), Print Line `06 D1` (§3.5), Print Text Block
//! `06 D3` (§3.6), the acknowledgements `80 00` and `84 xx`. Card numbers
//! are masked in every text made here.

use super::apdu::{Apdu, hex};
use super::bmp::{self, Fields};
use super::tlv::Tlv;

/// A decoded message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// `80 00`: command accepted (or, with data, a vendor's extension).
    Ack,
    /// `84 xx`: command refused, with its reason byte.
    Nak(u8),
    /// `06 0F` after a Status Enquiry: software version, terminal status
    /// code, then fields.
    StatusCompletion { software: String, status: u8, fields: Fields },
    /// `06 0F` in its bitmap form.
    Completion(Fields),
    /// `06 1E`: the command ended in error with this result code.
    Abort { result: u8, fields: Fields },
    /// `04 FF`: what the terminal is doing; `timeout` in seconds.
    Intermediate { status: u8, timeout: Option<u8>, fields: Fields },
    /// `04 0F`.
    StatusInformation(Fields),
    /// `06 D1`: one line for a printer.
    PrintLine { attribute: u8, text: String },
    /// `06 D3`: a receipt as text lines; the receipt type from `1F07`.
    PrintTextBlock { receipt_type: Option<u8>, lines: Vec<String> },
    /// Anything else, as bitmap fields.
    Other(Fields),
}

/// The name of a control field, for evidence and notes.
pub fn command_name(class: u8, instr: u8) -> String {
    let name = match (class, instr) {
        (0x05, 0x01) => "Status Enquiry",
        (0x06, 0x00) => "Registration",
        (0x06, 0x70) => "Diagnosis",
        (0x06, 0x79) => "Selftest",
        (0x06, 0x1a) => "Print System Configuration",
        (0x06, 0x0f) => "Completion",
        (0x06, 0x1e) => "Abort",
        (0x04, 0xff) => "Intermediate Status",
        (0x04, 0x0f) => "Status Information",
        (0x06, 0xd1) => "Print Line",
        (0x06, 0xd3) => "Print Text Block",
        (0x80, 0x00) => "ACK",
        (0x84, _) => "NAK",
        _ => "APDU",
    };
    format!("{name} ({class:02X} {instr:02X})")
}

/// Text bytes as a string: ZVT texts are ISO 8859-1 unless a character
/// set was negotiated; each byte is its code point.
pub fn text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Decode an APDU from the terminal.
pub fn decode(apdu: &Apdu) -> Message {
    let data = apdu.data.as_slice();
    match (apdu.class, apdu.instr) {
        (0x80, 0x00) => Message::Ack,
        (0x84, reason) => Message::Nak(reason),
        (0x06, 0x0f) => match bmp::var_len(data, 0, 3) {
            Some(n) if data.len() > 3 + n => Message::StatusCompletion {
                software: text(&data[3..3 + n]),
                status: data[3 + n],
                fields: bmp::decode(&data[4 + n..]),
            },
            _ => Message::Completion(bmp::decode(data)),
        },
        (0x06, 0x1e) if !data.is_empty() => {
            Message::Abort { result: data[0], fields: bmp::decode(&data[1..]) }
        }
        (0x04, 0xff) if !data.is_empty() => {
            // The timeout byte is there when what follows is not a field.
            let (timeout, rest) = match data.get(1) {
                Some(&t) if data.len() == 2 || data.get(2) == Some(&0x06) => (Some(t), &data[2..]),
                _ => (None, &data[1..]),
            };
            Message::Intermediate { status: data[0], timeout, fields: bmp::decode(rest) }
        }
        (0x04, 0x0f) => Message::StatusInformation(bmp::decode(data)),
        (0x06, 0xd1) if !data.is_empty() => {
            Message::PrintLine { attribute: data[0], text: text(&data[1..]) }
        }
        (0x06, 0xd3) => {
            let fields = bmp::decode(data);
            let tlv = fields.tlv();
            let receipt_type = Tlv::find(tlv, 0x1f07).and_then(|t| t.value.first().copied());
            let mut lines = Vec::new();
            Tlv::find_all(tlv, 0x07, &mut lines);
            let lines = lines.into_iter().map(|t| text(&t.value)).collect();
            Message::PrintTextBlock { receipt_type, lines }
        }
        _ => Message::Other(bmp::decode(data)),
    }
}

/// The terminal id of a message: BMP `29`, or TLV `1F44`.
pub fn terminal_id(fields: &Fields) -> Option<String> {
    fields
        .get(0x29)
        .map(|f| bmp::bcd(&f.value))
        .or_else(|| Tlv::find(fields.tlv(), 0x1f44).map(|t| bmp::bcd(&t.value)))
}

/// A card number shown with its last four digits only.
fn masked_card(digits: &str) -> String {
    let keep = digits.len().saturating_sub(4);
    format!("{}{}", "*".repeat(keep), &digits[keep..])
}

/// The fields as `name value` pairs, one text.
pub fn describe_fields(fields: &Fields) -> String {
    let mut parts = Vec::new();
    for f in &fields.fields {
        let name = bmp::known(f.bmp).map_or("BMP", |(_, n)| n);
        let value = match f.bmp {
            0x22 => masked_card(&bmp::bcd(&f.value)),
            0x23 | 0x24 | 0x2d => "(masked track data)".to_string(),
            0x04 | 0x0b | 0x0c | 0x0d | 0x0e | 0x17 | 0x29 | 0x37 | 0x49 | 0x87 | 0x88 | 0xaa => {
                bmp::bcd(&f.value)
            }
            0x2a | 0x3b | 0x3c | 0x8b => {
                text(&f.value).trim_end_matches(['\0', ' ']).replace('\r', " / ")
            }
            0x06 => format!("{} object(s)", f.tlv.len()),
            _ => hex(&f.value),
        };
        parts.push(format!("{name} {value}"));
    }
    if !fields.rest.is_empty() {
        parts.push(format!("{} byte(s) not decoded", fields.rest.len()));
    }
    crate::mask::mask_pans(&parts.join(", ")).into_owned()
}

/// One line saying what the message is, for evidence and logs.
pub fn describe(apdu: &Apdu) -> String {
    let text = match decode(apdu) {
        Message::Ack => "accepted (80 00)".to_string(),
        Message::Nak(reason) => format!("refused (84 {reason:02X})"),
        Message::StatusCompletion { software, status, fields } => {
            let mut s =
                format!("status completion: software `{software}`, terminal status {status:02X}");
            if let Some(tid) = terminal_id(&fields) {
                s.push_str(&format!(", terminal id {tid}"));
            }
            s
        }
        Message::Completion(fields) if fields.fields.is_empty() && fields.rest.is_empty() => {
            "completion".to_string()
        }
        Message::Completion(fields) => format!("completion: {}", describe_fields(&fields)),
        Message::Abort { result, .. } => format!("abort, result code {result:02X}"),
        Message::Intermediate { status, timeout, .. } => match timeout {
            Some(t) => format!("intermediate status {status:02X} (timeout {t} s)"),
            None => format!("intermediate status {status:02X}"),
        },
        Message::StatusInformation(fields) => {
            format!("status information: {}", describe_fields(&fields))
        }
        Message::PrintLine { text, .. } => format!("print line `{}`", text.trim_end()),
        Message::PrintTextBlock { receipt_type, lines } => format!(
            "print text block: {} line(s){}",
            lines.len(),
            receipt_type.map(|t| format!(", receipt type {t}")).unwrap_or_default()
        ),
        Message::Other(fields) => {
            format!("{}: {}", command_name(apdu.class, apdu.instr), describe_fields(&fields))
        }
    };
    crate::mask::mask_pans(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_completion_and_abort() {
        let mut data = vec![0xf0, 0xf0, 0xf3];
        data.extend_from_slice(b"1.0");
        data.push(0xbf);
        data.extend(bmp::encode(&[(0x29, bmp::to_bcd("52523535", 4))]));
        let apdu = Apdu::new(0x06, 0x0f, data);
        assert_eq!(
            describe(&apdu),
            "status completion: software `1.0`, terminal status BF, terminal id 52523535"
        );
        assert_eq!(describe(&Apdu::new(0x06, 0x1e, [0xa3])), "abort, result code A3");
        assert_eq!(describe(&Apdu::nak(0x83)), "refused (84 83)");
    }

    #[test]
    fn card_numbers_are_masked() {
        let data = bmp::encode(&[(0x22, vec![0x55, 0x98, 0x84, 0x55, 0x55, 0x54, 0x80, 0x74])]);
        let text = describe(&Apdu::new(0x04, 0x0f, data));
        assert_eq!(text, "status information: card number ************8074");
    }
}
