//! An ECR written by others drives posdiag's simulated ZVT terminal: the
//! `zvt` 0.1.0 package's own client (Qwello's, used with Feig terminals)
//! runs Registration, Status Enquiry, Diagnosis and Print System
//! Configuration over TCP against `posdiag::sim::zvt`, and every message
//! it gets parses with that package's own types.

use std::net::TcpListener;

use futures::StreamExt as _;
use posdiag::probe::transport::TcpTransport;
use posdiag::sim::zvt::terminal::Terminal;
use zvt::{packets, sequences, sequences::Sequence as _};

/// Start the ZVT terminal of fixture `name` on a loopback port, serving
/// one client; returns the port.
fn terminal(name: &str) -> (u16, std::thread::JoinHandle<()>) {
    let fixture = posdiag::sim::load(name).expect("fixture").1;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let mut line = TcpTransport::from_stream("ecr", stream);
            let _ = Terminal::new(&fixture.zvt, false, Box::new(std::io::sink())).serve(&mut line);
        }
    });
    (port, handle)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

#[test]
fn the_zvt_package_ecr_runs_every_read_only_command() {
    let (port, sim) = terminal("healthy");
    runtime().block_on(async {
        let mut socket =
            tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");

        let request = packets::Registration {
            password: 0,
            config_byte: 0x8c,
            currency: Some(978),
            tlv: None,
        };
        let replies: Vec<_> =
            sequences::Registration::into_stream(&request, &mut socket).collect().await;
        assert_eq!(replies.len(), 1, "{replies:?}");
        let Ok(sequences::RegistrationResponse::CompletionData(done)) = &replies[0] else {
            panic!("{replies:?}")
        };
        assert_eq!(done.terminal_id, Some(52523535));
        assert_eq!(done.currency, Some(978));
        assert_eq!(done.status_byte, Some(0));

        let request = packets::StatusEnquiry { password: None, service_byte: None, tlv: None };
        let replies: Vec<_> =
            sequences::StatusEnquiry::into_stream(&request, &mut socket).collect().await;
        assert!(replies.iter().all(Result::is_ok), "{replies:?}");
        assert!(matches!(
            replies.last(),
            Some(Ok(sequences::StatusEnquiryResponse::CompletionData(_)))
        ));

        let request = packets::Diagnosis { tlv: None };
        let replies: Vec<_> =
            sequences::Diagnosis::into_stream(&request, &mut socket).collect().await;
        assert!(replies.iter().all(Result::is_ok), "{replies:?}");
        assert!(matches!(
            replies.first(),
            Some(Ok(sequences::DiagnosisResponse::IntermediateStatusInformation(
                packets::IntermediateStatusInformation { status: 0x0a, .. }
            )))
        ));
        assert!(matches!(
            replies.last(),
            Some(Ok(sequences::DiagnosisResponse::CompletionData(_)))
        ));

        let request = packets::PrintSystemConfiguration {};
        let replies: Vec<_> =
            sequences::PrintSystemConfiguration::into_stream(&request, &mut socket).collect().await;
        assert_eq!(replies.len(), 2, "{replies:?}");
        let Ok(sequences::PrintSystemConfigurationResponse::PrintTextBlock(block)) = &replies[0]
        else {
            panic!("{replies:?}")
        };
        let tlv = block.tlv.as_ref().expect("TLV");
        assert_eq!(tlv.receipt_type, Some(3));
        let lines = &tlv.lines.as_ref().expect("lines").lines;
        assert_eq!(lines.first().map(String::as_str), Some("SYSTEM CONFIGURATION"));
        assert_eq!(lines.len(), 4);
        assert!(matches!(
            replies[1],
            Ok(sequences::PrintSystemConfigurationResponse::CompletionData(_))
        ));
    });
    sim.join().expect("the simulator ends when the ECR leaves");
}

#[test]
fn the_zvt_package_ecr_reads_an_aborted_diagnosis() {
    let (port, sim) = terminal("zvt_no_host");
    runtime().block_on(async {
        let mut socket =
            tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
        let request = packets::Diagnosis { tlv: None };
        let replies: Vec<_> =
            sequences::Diagnosis::into_stream(&request, &mut socket).collect().await;
        match replies.last() {
            Some(Ok(sequences::DiagnosisResponse::Abort(abort))) => assert_eq!(abort.error, 0xa3),
            other => panic!("{other:?} in {replies:?}"),
        }
    });
    sim.join().expect("the simulator ends when the ECR leaves");
}
