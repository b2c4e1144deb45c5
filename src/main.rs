//! The `newsconv` command line; everything is in [`newsconv::cli`].

fn main() -> std::process::ExitCode {
    newsconv::cli::main()
}
