//! Unit tests of the card-number detector: the spellings it must catch and
//! the numbers it must leave alone.

use super::*;

#[track_caller]
fn case(input: &str, expected: &str) {
    assert_eq!(mask_pans(input), expected);
}

#[test]
fn masks_card_numbers() {
    case("4111111111111111", "411111******1111");
    case("card 6222 0212 3456 7894 declined", "card 622202******7894 declined");
    case("6222-0212-3456-7894", "622202******7894");
    case("a:4111111111111111,b", "a:411111******1111,b");
    case("13 digits 4222222222222", "13 digits 422222***2222");
}

#[test]
fn masks_every_separator_and_full_width_digits() {
    for text in [
        "4111  1111  1111  1111",
        "4111.1111.1111.1111",
        "4111/1111/1111/1111",
        "4111_1111_1111_1111",
        "4111\t1111\t1111\t1111",
        "4111 - 1111 - 1111 - 1111",
        "４１１１１１１１１１１１１１１１",
        "４１１１　１１１１　１１１１　１１１１",
        "4111－1111－1111－1111",
        "4111\\t1111\\t1111\\t1111",
    ] {
        case(text, "411111******1111");
    }
}

#[test]
fn masks_a_card_number_next_to_other_numbers() {
    case("4111111111111111 2512", "411111******1111 2512");
    case("RC=4111111111111111 51", "RC=411111******1111 51");
    case("12 4111 1111 1111 1111 2512", "12 411111******1111 2512");
    case("4111111111111111.5", "411111******1111.5");
    case("x 4111111111111111 4111111111111111", "x 411111******1111 411111******1111");
}

#[test]
fn a_nineteen_digit_number_is_masked_whole() {
    // Its first 16 digits pass Luhn too; the longest span wins, so no
    // digit between the first 6 and the last 4 is left.
    let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<_>>();
    assert!(luhn(&digits("6212345678901232")));
    assert!(luhn(&digits("6212345678901232001")));
    case("6212 3456 7890 1232 001", "621234*********2001");
}

#[test]
fn leaves_other_numbers() {
    case("4111111111111112", "4111111111111112"); // fails Luhn
    case("code 51, csq 7,99", "code 51, csq 7,99");
    case("123456789012", "123456789012"); // 12 digits
    case("41111111111111111111111", "41111111111111111111111"); // too long
    case("", "");
    case("中文 4111111111111111 中文", "中文 411111******1111 中文");
    // Decimal fractions stay numbers (this one passes Luhn).
    case("\"learned\": 0.4111111111111111,", "\"learned\": 0.4111111111111111,");
    case("2026-12-02T06:25:28Z", "2026-12-02T06:25:28Z");
    // Too far apart to be one number.
    case("4111 1111 1111     1111", "4111 1111 1111     1111");
}

#[test]
fn masked_text_is_left_as_it_is() {
    let once = mask_pans("4111 1111 1111 1111 2512").into_owned();
    assert_eq!(mask_pans(&once), once);
}

#[test]
fn an_imei_fact_stays_readable_by_name() {
    let imei = "356938035643809"; // passes Luhn
    assert!(luhn(&imei.bytes().map(|b| b - b'0').collect::<Vec<_>>()));
    assert!(!keep_readable("modem.csq", imei));
    assert!(!keep_readable("modem.imei", "4111111111111111")); // not 15 digits
    assert_ne!(mask_pans("35693803564380 9"), "35693803564380 9");
    assert!(keep_readable("modem.imei", imei));
    case("IMEI 356938035643809", "IMEI 356938035643809");
}

#[test]
fn bytes_that_are_not_utf8_are_kept() {
    let masked = mask_bytes(b"\xff4111111111111111\xfe");
    assert_eq!(&masked[..], b"\xff411111******1111\xfe");
}

#[test]
fn luhn_known_values() {
    assert!(luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
    assert!(!luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
}
