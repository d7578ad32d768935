//! The browser entry point. Trunk builds this binary for wasm32 (see
//! `index.html`); natively it only says where to look.

#[cfg(target_arch = "wasm32")]
fn main() {
    tierlens::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "tierlens-web is the browser app: build it with `trunk build --release` (see README.md)"
    );
    std::process::exit(2);
}
