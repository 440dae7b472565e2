//! The `jobplay` binary. Natively it is the command-line runner (`jobplay run`, `validate`);
//! built for wasm32 by Trunk it is the playground's entry point.

#![deny(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod cli;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(cli::main(std::env::args().skip(1).collect()));
    #[cfg(target_arch = "wasm32")]
    jobplay::ui::start();
}
