//! The `jobplay` binary. Natively it is the command-line runner (`jobplay run`, `validate`);
//! built for wasm32 by Trunk it is the playground's entry point.

#![deny(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod cli;

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        exit_1_on_internal_fault();
        std::process::exit(cli::main(std::env::args().skip(1).collect()));
    }
    #[cfg(target_arch = "wasm32")]
    jobplay::ui::start();
}

/// A panic is a bug in jobplay, never a verdict on the input (bad input becomes diagnostics).
/// The release profile aborts on panic, which would end the process with SIGABRT; the hook
/// runs first and exits with the documented status 1 instead, saying what happened.
#[cfg(not(target_arch = "wasm32"))]
fn exit_1_on_internal_fault() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("jobplay: internal fault (a bug in jobplay, not in your input): {info}");
        std::process::exit(1);
    }));
}
