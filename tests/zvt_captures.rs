//! Golden tests on real ZVT captures: the 23 APDUs of Feig terminals and
//! their cash registers that the `zvt` 0.1.0 package ships
//! (`fixtures/captures/zvt/`, origin and licence in its `NOTICE.md`).
//! Every one decodes with posdiag's own codec, and what each says is
//! checked against the values that package's unit tests assert for it.

use std::path::Path;

use posdiag::probe::zvt::apdu::Apdu;
use posdiag::probe::zvt::bmp::{self, Fields};
use posdiag::probe::zvt::message::{self, Message};
use posdiag::probe::zvt::tlv::Tlv;

fn raw(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/captures/zvt").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The capture as one APDU that fills the file exactly.
fn apdu(name: &str) -> Apdu {
    let bytes = raw(name);
    let apdu = Apdu::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(apdu.encode(), bytes, "{name}: re-encodes to the same bytes");
    apdu
}

fn fields(name: &str) -> Fields {
    let f = bmp::decode(&apdu(name).data);
    assert!(f.rest.is_empty(), "{name}: {} byte(s) not decoded", f.rest.len());
    f
}

fn bcd(f: &Fields, n: u8) -> String {
    f.get(n).map(|x| bmp::bcd(&x.value)).unwrap_or_else(|| panic!("BMP {n:02X} missing"))
}

fn text(f: &Fields, n: u8) -> String {
    f.get(n).map(|x| message::text(&x.value)).unwrap_or_else(|| panic!("BMP {n:02X} missing"))
}

fn byte(f: &Fields, n: u8) -> u8 {
    f.get(n).and_then(|x| x.value.first().copied()).unwrap_or_else(|| panic!("BMP {n:02X}"))
}

fn tlv_value(list: &[Tlv], tag: u32) -> Vec<u8> {
    Tlv::find(list, tag).map(|t| t.value.clone()).unwrap_or_else(|| panic!("tag {tag:X} missing"))
}

#[test]
fn every_capture_is_one_whole_apdu() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/captures/zvt");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("captures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".blob"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 23, "{names:?}");
    for name in &names {
        let a = apdu(name);
        // Every description is printable and masks card numbers.
        let said = message::describe(&a);
        assert!(!said.is_empty(), "{name}");
        assert!(!said.contains("5598845555548074") && !said.contains("4711008005757038004"));
    }
}

#[test]
fn status_information_with_contactless_card_data() {
    // packets.rs test_status_information, first capture.
    let f = fields("1680728161.963129000_pt_ecr.blob");
    assert_eq!(byte(&f, 0x27), 0x00);
    let tlv = f.tlv();
    assert_eq!(tlv_value(tlv, 0x4c), [0, 0, 0, 0, 0, 0, 0x08, 0x1c, 0xa7, 0x2f]);
    assert_eq!(tlv_value(tlv, 0x1f45), [0x05, 0x78, 0x80, 0x70, 0x02]);
    assert_eq!(tlv_value(tlv, 0x1f4c), [0x01]);
    assert_eq!(tlv_value(tlv, 0x1f4d), [0xfe, 0x04]);
    assert_eq!(tlv_value(tlv, 0x1f4f), [0x04, 0x00]);
    assert_eq!(tlv_value(tlv, 0x1f50), [0x20]);
    assert_eq!(tlv_value(tlv, 0x43), [0xa0, 0, 0, 0, 0x04, 0x10, 0x10]);
}

#[test]
fn status_information_after_a_payment_masks_the_card() {
    // test_status_information, second capture: a MasterCard payment.
    let name = "1680728165.675509000_pt_ecr.blob";
    let f = fields(name);
    assert_eq!(bcd(&f, 0x04), "000000002500");
    assert_eq!(bcd(&f, 0x0b), "000975");
    assert_eq!(bcd(&f, 0x0c), "225558");
    assert_eq!(bcd(&f, 0x0d), "0405");
    assert_eq!(bcd(&f, 0x0e), "2405");
    // The terminal masked the middle digits itself (nibbles `E`); the
    // package's BCD decoder carries them into digits (5598845555548074).
    assert_eq!(bcd(&f, 0x22), "559883******8074");
    assert_eq!(bcd(&f, 0x29), "52523535");
    assert_eq!(bcd(&f, 0x49), "0978");
    assert_eq!(bcd(&f, 0x87), "0231");
    assert_eq!(byte(&f, 0x19), 0x60);
    assert_eq!(byte(&f, 0x8a), 6);
    assert_eq!(byte(&f, 0x8c), 1);
    assert_eq!(text(&f, 0x8b), "MasterCard\0");
    assert_eq!(text(&f, 0x2a), "804011926      ");
    assert!(text(&f, 0x3b).starts_with("750071"));
    let said = message::describe(&apdu(name));
    assert!(said.contains("card number ************8074"), "{said}");
    assert!(!said.contains("559883"), "{said}");
}

#[test]
fn status_information_with_additional_text_and_totals() {
    let f = fields("1680728215.659492000_pt_ecr.blob");
    assert_eq!(bcd(&f, 0x87), "0232");
    assert_eq!(bcd(&f, 0x0b), "000977");
    assert_eq!(
        text(&f, 0x3c),
        "AS-Proc-Code= 00 076 06\rCapt.-Ref.= 0099\rAID59= 081520\r DAUER   7 TAGE"
    );
    // End of day: amount 958 over receipts 233 to 234, two Eurocard.
    let f = fields("1680761828.489701000_pt_ecr.blob");
    assert_eq!(bcd(&f, 0x04), "000000000958");
    assert_eq!(bcd(&f, 0x0b), "000982");
    assert_eq!(bcd(&f, 0x0c), "081706");
    let single = f.get(0x60).expect("single amounts").value.clone();
    assert_eq!(bmp::bcd(&single[..4]), "02330234");
    // The third card group (Eurocard): count 2, total 958.
    assert_eq!(single[4 + 14], 2);
    assert_eq!(bmp::bcd(&single[4 + 15..4 + 21]), "000000000958");
}

#[test]
fn status_information_of_a_girocard() {
    let f = fields("1682066249.409078000_pt_ecr.blob");
    assert_eq!(bcd(&f, 0x22), "4711008005757038004");
    assert_eq!(bcd(&f, 0x17), "0002");
    assert_eq!(bcd(&f, 0x0e), "2612");
    assert_eq!(bcd(&f, 0x0b), "001012");
    // The card name ends in a NUL byte the package drops.
    assert_eq!(text(&f, 0x8b), "girocard\0");
    assert_eq!(byte(&f, 0x8a), 5);
    assert_eq!(byte(&f, 0x8c), 0);
    let said = message::describe(&apdu("1682066249.409078000_pt_ecr.blob"));
    assert!(said.contains("***************8004"), "{said}");
}

#[test]
fn the_status_enquiry_completion_of_a_cvend_plug() {
    // test_receipt_printout_completion: software version, status 00, TLV.
    let a = apdu("1680728219.054216000_pt_ecr.blob");
    let Message::StatusCompletion { software, status, fields } = message::decode(&a) else {
        panic!("not a status completion: {:?}", message::decode(&a));
    };
    assert_eq!(software, "GER-APP-v2.0.9;cS02.01.01-10.10-2-2;CC26");
    assert_eq!(status, 0x00);
    assert!(fields.rest.is_empty());
    assert_eq!(message::terminal_id(&fields).as_deref(), Some("52523535"));
    let tlv = fields.tlv();
    assert_eq!(tlv_value(tlv, 0x1f40), b"cVEND plug");
    assert_eq!(tlv_value(tlv, 0x1f41), software.as_bytes());
    assert_eq!(tlv_value(tlv, 0x1f43), [0x00]);
    assert_eq!(tlv_value(tlv, 0x1f0e), [0x20, 0x23, 0x04, 0x05]);
    assert_eq!(tlv_value(tlv, 0x1f0f), [0x22, 0x56, 0x55]);
    // And as facts of a probe.
    let said = message::describe(&a);
    assert_eq!(
        said,
        "status completion: software `GER-APP-v2.0.9;cS02.01.01-10.10-2-2;CC26`, terminal status 00, terminal id 52523535"
    );
}

#[test]
fn completions_and_aborts() {
    // test_completion_data: status byte 10, terminal id, currency.
    let f = fields("1680761818.641601000_pt_ecr.blob");
    assert_eq!(byte(&f, 0x19), 0x10);
    assert_eq!(bcd(&f, 0x29), "52523535");
    assert_eq!(bcd(&f, 0x49), "0978");
    assert_eq!(message::decode(&apdu("1680728165.827009000_pt_ecr.blob")), {
        Message::Completion(Fields::default())
    });
    // test_partial_reversal_abort: result code B8, receipt number FFFF.
    let a = apdu("partial_reversal.blob");
    let Message::Abort { result, fields } = message::decode(&a) else { panic!("not an abort") };
    assert_eq!(result, 0xb8);
    assert_eq!(fields.get(0x87).map(|f| f.value.clone()), Some(vec![0xff, 0xff]));
    assert_eq!(message::describe(&a), "abort, result code B8");
    // Feig's enhanced system information: a completion of vendor text.
    let a = apdu("1680761818.768770000_pt_ecr.blob");
    assert_eq!(message::text(&a.data), "17FD1E3CGER-APP-v2.0.9   5252353524.4");
}

#[test]
fn intermediate_status() {
    let a = apdu("1680728162.647465000_pt_ecr.blob");
    // The package reads a timeout of 0 where no byte is sent; posdiag
    // reads none.
    assert_eq!(
        message::decode(&a),
        Message::Intermediate { status: 0x17, timeout: None, fields: Fields::default() }
    );
}

#[test]
fn print_text_blocks() {
    // test_print_text_block: a customer receipt of 33 lines.
    let a = apdu("1680728215.585561000_pt_ecr.blob");
    let Message::PrintTextBlock { receipt_type, lines } = message::decode(&a) else {
        panic!("not a text block")
    };
    assert_eq!(receipt_type, Some(2));
    assert_eq!(lines.len(), 33);
    let f = bmp::decode(&a.data);
    assert_eq!(tlv_value(f.tlv(), 0x09), [0xff]);
    // test_text_block_system_information: the 4093-byte configuration.
    let a = apdu("print_system_configuration_reply.blob");
    assert_eq!(raw("print_system_configuration_reply.blob").len(), 4093);
    let Message::PrintTextBlock { receipt_type, lines } = message::decode(&a) else {
        panic!("not a text block")
    };
    assert_eq!(receipt_type, Some(3));
    assert_eq!(lines.len(), 118);
    assert!(Tlv::find(bmp::decode(&a.data).tlv(), 0x09).is_none());
}

#[test]
fn the_cash_registers_commands() {
    // test_registration: password 123456, config byte DE, currency 978.
    let a = apdu("1681273860.511128000_ecr_pt.blob");
    assert_eq!((a.class, a.instr), (0x06, 0x00));
    assert_eq!(bmp::bcd(&a.data[..3]), "123456");
    assert_eq!(a.data[3], 0xde);
    assert_eq!(bmp::bcd(&a.data[4..6]), "0978");
    // test_end_of_day: password 123456.
    let a = apdu("1681282621.302434000_ecr_pt.blob");
    assert_eq!((a.class, a.instr, bmp::bcd(&a.data)), (0x06, 0x50, "123456".to_string()));
    // test_read_card: timeout 15 s, card type 16, dialog control 2, TLV.
    let a = apdu("1680722649.972316000_ecr_pt.blob");
    assert_eq!(a.data[0], 15);
    let f = bmp::decode(&a.data[1..]);
    assert!(f.rest.is_empty());
    assert_eq!((byte(&f, 0x19), byte(&f, 0xfc)), (16, 2));
    assert_eq!(tlv_value(f.tlv(), 0x1f15), [0xd0]);
    assert_eq!(tlv_value(f.tlv(), 0x1f60), [0x07]);
    // test_pre_auth_data: payment type 40, EUR, 25.00, BMP 60 in TLV.
    let f = fields("1680728162.033575000_ecr_pt.blob");
    assert_eq!(
        (byte(&f, 0x19), bcd(&f, 0x49), bcd(&f, 0x04)),
        (0x40, "0978".into(), "000000002500".into())
    );
    assert_eq!(tlv_value(f.tlv(), 0x1f62), b"AC");
    assert_eq!(tlv_value(f.tlv(), 0x1f63), b"384HH2");
    // test_pre_auth_reversal: receipt 231.
    let f = fields("1680728213.562478000_ecr_pt.blob");
    assert_eq!((byte(&f, 0x19), bcd(&f, 0x87)), (0x40, "0231".into()));
    // test_partial_reversal: receipt 491, 12.95.
    let f = fields("1681455683.221609000_ecr_pt.blob");
    assert_eq!((bcd(&f, 0x87), bcd(&f, 0x04)), ("0491".into(), "000000001295".into()));
    assert_eq!(tlv_value(f.tlv(), 0x1f63), b"MF2246");
}

#[test]
fn feig_file_transfer() {
    // test_write_file: password 123456, seven files with their sizes.
    let a = apdu("1682080275.594788000_192.168.0.139_192.168.0.59.blob");
    assert_eq!((a.class, a.instr, bmp::bcd(&a.data[..3])), (0x08, 0x14, "123456".into()));
    let f = bmp::decode(&a.data[3..]);
    assert!(f.rest.is_empty());
    let mut files = Vec::new();
    Tlv::find_all(f.tlv(), 0x2d, &mut files);
    let got: Vec<(u8, u32)> = files
        .iter()
        .map(|file| {
            let id = tlv_value(&file.children, 0x1d)[0];
            let size = tlv_value(&file.children, 0x1f00);
            (id, u32::from_be_bytes(size.try_into().expect("4 bytes")))
        })
        .collect();
    assert_eq!(
        got,
        [
            (0x23, 3_357_255),
            (0x22, 3611),
            (0x12, 125_825),
            (0x10, 3_479_044),
            (0x11, 10_909_539),
            (0x13, 1068),
            (0x14, 1160)
        ]
    );
    // test_request_for_data: file 23 from offset 65000.
    let f = fields("1682080275.777628000_192.168.0.59_192.168.0.139.blob");
    assert_eq!(tlv_value(f.tlv(), 0x1d), [0x23]);
    assert_eq!(tlv_value(f.tlv(), 0x1e), 65000u32.to_be_bytes());
    // test_write_data: file 13 from offset 0, 0x42C payload bytes.
    let f = fields("1682080310.907262000_192.168.0.139_192.168.0.59.blob");
    assert_eq!(tlv_value(f.tlv(), 0x1d), [0x13]);
    assert_eq!(tlv_value(f.tlv(), 0x1c).len(), 0x042c);
    // test_cvend_functions: instruction 0001.
    let a = apdu("1680761818.690979000_ecr_pt.blob");
    assert_eq!((a.class, a.instr, a.data.clone()), (0x0f, 0xa1, vec![0x00, 0x01]));
}
