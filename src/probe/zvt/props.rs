//! Property tests of the ZVT codec: APDUs, serial blocks and TLV objects
//! round-trip, and any bytes at all decode without a panic.

use proptest::prelude::*;

use super::apdu::Apdu;
use super::frame::{self, Decoder, Event};
use super::tlv::{self, Tlv};
use super::{bmp, message};

fn apdus() -> impl Strategy<Value = Apdu> {
    (any::<u8>(), any::<u8>(), proptest::collection::vec(any::<u8>(), 0..700))
        .prop_map(|(c, i, d)| Apdu::new(c, i, d))
}

proptest! {
    #[test]
    fn apdus_round_trip(apdu in apdus()) {
        prop_assert_eq!(Apdu::decode(&apdu.encode()), Ok(apdu));
    }

    #[test]
    fn blocks_round_trip_in_any_chunks(apdu in apdus(), cut in 1usize..64) {
        let bytes = apdu.encode();
        let block = frame::encode(&bytes);
        let mut d = Decoder::new();
        let mut events = Vec::new();
        for chunk in block.chunks(cut) {
            d.push(chunk);
            events.extend(std::iter::from_fn(|| d.next_event()));
        }
        prop_assert_eq!(events, vec![Event::Block { apdu: bytes, raw: block }]);
    }

    #[test]
    fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Apdu::decode(&bytes);
        let _ = Apdu::parse(&bytes);
        let f = bmp::decode(&bytes);
        prop_assert!(f.rest.len() <= bytes.len());
        let _ = tlv::decode(&bytes);
        let mut d = Decoder::new();
        d.push(&bytes);
        let n = std::iter::from_fn(|| d.next_event()).count();
        prop_assert!(n <= bytes.len());
        if bytes.len() >= 2 {
            let a = Apdu::new(bytes[0], bytes[1], &bytes[2..]);
            let _ = message::decode(&a);
            prop_assert!(!message::describe(&a).is_empty());
        }
    }

    #[test]
    fn primitive_tlv_round_trips(objects in proptest::collection::vec(
        (prop_oneof![Just(0x07u32), Just(0x09), Just(0x1f44), Just(0x1f55), Just(0x1f0e)],
         proptest::collection::vec(any::<u8>(), 0..300)), 0..6)) {
        let list: Vec<Tlv> = objects.into_iter().map(|(t, v)| Tlv::new(t, v)).collect();
        prop_assert_eq!(tlv::decode(&tlv::encode(&list)), Ok(list));
    }
}
