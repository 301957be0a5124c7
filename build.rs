//! Rebuild when the embedded rules or cases change (new files included):
//! `include_dir!` alone does not see files added to a folder.

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=fixtures/cases");
}
