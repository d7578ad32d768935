//! The analysis worker's entry point. Trunk builds it for wasm32 as a Web
//! Worker (see `index.html`); the page starts it and posts jobs to it.

#[cfg(target_arch = "wasm32")]
fn main() {
    tierlens::web::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tierlens-worker runs inside the browser app: build it with `trunk build --release`");
    std::process::exit(2);
}
